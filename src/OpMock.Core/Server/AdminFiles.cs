using OpMock.Core.Validation;

namespace OpMock.Core.Server;

/// <summary>
/// The one folder admin stubs may read files from (with `--admin-allow-files`): WireMock's own,
/// `__admin/mappings` under its root (the working directory unless set), where `/__admin/files/{name}` writes
/// and saved mappings go. A path is resolved the way WireMock resolves it (first inside that folder, then as
/// given; .NET applies `..` to the text before opening it) and then the way the kernel will (links followed
/// one by one, a `..` inside a link's target after it), so a link or a `..` that leads out, a device (`/dev/zero` never ends) or a FIFO (blocks forever) is refused when the stub is
/// added. What happens to the folder afterwards is the machine owner's business: only the admin API is guarded.
/// </summary>
internal sealed class AdminFiles(string root)
{
    private const int MaxLinks = 40;

    /// <summary>WireMock's root: its file folder is `__admin/mappings` under it.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    public string Folder { get; } = Path.Combine(Path.GetFullPath(root), "__admin", "mappings");

    /// <summary>What is wrong with a path a stub reads, as the end of a sentence naming it; null when it may be read.</summary>
    public string? Problem(string path)
    {
        if (path.Contains("{{", StringComparison.Ordinal))
        {
            return "is a template: the file it names depends on each request, so OpMock cannot check it; name the file itself";
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "is not a path (it holds a NUL character)";
        }

        var cleaned = path.Replace('\\', '/');
        var inFolder = Path.Combine(Folder, cleaned.TrimStart('/'));
        var read = Path.GetFullPath(File.Exists(inFolder) ? inFolder : cleaned);
        if (!File.Exists(read))
        {
            return $"is not a file in {Folder}; put it there first (PUT /__admin/files/NAME) and name it relative to that folder";
        }

        var real = RealPath(read);
        var folder = RealPath(Folder);
        if (real is null || folder is null || !real.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            return IsUnder(read, Folder)
                ? $"leads out of {Folder} (through a link, to {real ?? "a loop of links"}); only files inside that folder may be served"
                : $"is outside {Folder}; only files inside that folder may be served";
        }

        return RegularFile.NotRegular(real) is { } kind ? $"is {kind}, not a regular file: serving it could block or never end" : null;
    }

    /// <summary>What is wrong with text that becomes part of a file name WireMock writes, or null.</summary>
    public static string? NamePart(string text) =>
        text.IndexOfAny(['/', '\\', '\0']) >= 0 || text.Contains("..", StringComparison.Ordinal)
            ? "must be a plain file-name prefix: no folders, no `..`"
            : null;

    /// <summary>
    /// The path as .NET opens it (`..` applied to the text) with every link resolved, component by component,
    /// as the kernel walks it (a `..` in a link's target goes up from where the link is); null on a loop of links.
    /// </summary>
    internal static string? RealPath(string path)
    {
        var parts = new List<string>(Split(Path.GetFullPath(path)));
        var current = "/";
        var links = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = Path.Join(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // The link's own text takes its place; a relative one continues from the folder holding it.
            if (Path.IsPathRooted(target))
            {
                current = "/";
            }

            parts.InsertRange(i + 1, Split(target));
        }

        return current;
    }

    private static string[] Split(string path) => path.Split('/');

    private static bool IsUnder(string path, string folder) => path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);
}
