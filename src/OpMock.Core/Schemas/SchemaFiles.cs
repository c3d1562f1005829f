using System.Collections.Immutable;
using System.Text;

namespace OpMock.Core.Schemas;

internal enum FileStatus
{
    UpToDate,
    Stale,
    Missing,
    /// <summary>A schema file whose doc no longer exists.</summary>
    Orphan,
}

internal sealed record FileState(string Path, FileStatus Status);

/// <summary>Writes the generated schema files, or compares them with what is on disk.</summary>
internal static class SchemaFiles
{
    private const string Suffix = ".schema.json";

    public static async Task<ImmutableArray<FileState>> CheckAsync(
        string folder, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken = default)
    {
        var states = new List<FileState>();
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(folder, path);
            states.Add(!File.Exists(full) ? new FileState(path, FileStatus.Missing)
                : await File.ReadAllTextAsync(full, cancellationToken) == text ? new FileState(path, FileStatus.UpToDate)
                : new FileState(path, FileStatus.Stale));
        }

        states.AddRange(Existing(folder).Where(p => !files.ContainsKey(p)).Select(p => new FileState(p, FileStatus.Orphan)));
        return [.. states.OrderBy(s => s.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Writes each changed file through a temporary file and a rename, so a reader never sees half a file,
    /// and removes orphans except those listed in <paramref name="keep"/> (schemas of docs that failed to read
    /// this time stay as they were).
    /// </summary>
    public static async Task<ImmutableArray<FileState>> WriteAsync(
        string folder, IReadOnlyDictionary<string, string> files, ISet<string> keep, CancellationToken cancellationToken = default)
    {
        var states = await CheckAsync(folder, files, cancellationToken);
        foreach (var state in states)
        {
            var full = Path.Combine(folder, state.Path);
            switch (state.Status)
            {
                case FileStatus.Missing or FileStatus.Stale:
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    var temporary = full + ".tmp";
                    await File.WriteAllTextAsync(temporary, files[state.Path], new UTF8Encoding(false), cancellationToken);
                    File.Move(temporary, full, overwrite: true);
                    break;
                case FileStatus.Orphan when !keep.Contains(state.Path):
                    File.Delete(full);
                    break;
            }
        }

        return states;
    }

    private static IEnumerable<string> Existing(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*" + Suffix, SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            : [];
}
