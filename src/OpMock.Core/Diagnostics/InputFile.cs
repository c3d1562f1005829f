using System.Buffers;
using System.Text.Unicode;

namespace OpMock.Core.Diagnostics;

/// <summary>
/// Reads one of the user's input files (a doc, a fixture) as UTF-8 text, or says why not as a finding: a path that
/// is not a regular file (a FIFO, a device, a socket) is named and never opened — opening a FIFO blocks until
/// another process writes, a device never ends, and under `--watch` either would hold the reload thread for good;
/// bytes that are not UTF-8 are refused at their line rather than read as U+FFFD (clients would get text the doc
/// never had).
/// </summary>
internal static class InputFile
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <param name="path">Where the file is.</param>
    /// <param name="name">How findings name it (relative to its folder).</param>
    /// <returns>The text, or null with an error finding added.</returns>
    public static async Task<string?> ReadTextAsync(string path, string name, List<Finding> findings, CancellationToken cancellationToken)
    {
        if (Validation.RegularFile.NotRegular(path) is { } kind)
        {
            findings.Add(new Finding(name, 0, Severity.Error, $"file: {kind}, not a regular file; OpMock does not open it (reading it could block forever); remove it or replace it with a file"));
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            findings.Add(new Finding(name, 0, Severity.Error, $"cannot read the file: {e.Message}"));
            return null;
        }

        if (Decode(bytes, out var badAt) is { } text)
        {
            return text;
        }

        findings.Add(new Finding(name, Line(bytes, badAt), Severity.Error,
            $"the bytes at offset {badAt} are not UTF-8 text; save the file as UTF-8 (the docs' and fixtures' encoding)"));
        return null;
    }

    /// <summary>The file's text (a leading BOM dropped), or null with the offset of the first byte that is not UTF-8.</summary>
    internal static string? Decode(ReadOnlySpan<byte> bytes, out int badAt)
    {
        var offset = bytes.StartsWith(Bom) ? Bom.Length : 0;
        var body = bytes[offset..];
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, body.Length));
        try
        {
            var status = Utf8.ToUtf16(body, chars, out var read, out var written, replaceInvalidSequences: false);
            badAt = offset + read;
            return status == System.Buffers.OperationStatus.Done ? new string(chars, 0, written) : null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static int Line(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;
}
