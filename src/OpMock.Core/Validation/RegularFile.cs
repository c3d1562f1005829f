using System.Runtime.InteropServices;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Validation;

/// <summary>
/// Refuses what is not a regular file before it is opened: reading a FIFO named x.har blocks until some
/// other process writes to it (forever, in CI), and a device never ends. .NET's file API does not say
/// what kind of file a path is on Unix, so the runtime's own stat shim is asked.
/// </summary>
internal static class RegularFile
{
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;
    private const int Directory = 0x4000;

    /// <param name="what">How the message names the file ("HAR file", "response file").</param>
    /// <exception cref="OpMockException">The path is missing, a folder, a FIFO, a device or a socket.</exception>
    public static void Require(string path, string what)
    {
        if (System.IO.Directory.Exists(path))
        {
            throw new OpMockException($"{what} {path} is a folder, not a file");
        }

        if (!File.Exists(path))
        {
            throw new OpMockException($"{what} not found: {path}");
        }

        if (NotRegular(path) is { } name)
        {
            throw new OpMockException($"{what} {path} is {name}, not a regular file: reading it could block forever");
        }
    }

    /// <summary>What an existing path is when it is not a regular file ("a FIFO (named pipe)", "a character device"), else null.</summary>
    public static string? NotRegular(string path) =>
        !OperatingSystem.IsWindows() && Kind(path) is { } kind && kind != Regular
            ? kind switch { 0x1000 => "a FIFO (named pipe)", 0x2000 => "a character device", 0x6000 => "a block device", 0xC000 => "a socket", Directory => "a folder", _ => "not a regular file" }
            : null;

    /// <returns>The file type bits (S_IFMT) of the path, following links; null when they cannot be read.</returns>
    private static int? Kind(string path)
    {
        // The shim's FileStatus starts with int32 Flags then int32 Mode; the rest is room to spare.
        var status = new byte[256];
        try
        {
            return Stat(path, status) == 0 ? BitConverter.ToInt32(status, 4) & TypeMask : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);
}
