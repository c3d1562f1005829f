using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpMock.Core.World.State;

/// <summary>
/// The prefix of a world's keys in a shared store: `opmock:` and a fingerprint of the seed and of every docs,
/// overrides and fixtures file (path within its folder, and bytes). Replicas started on the same files and seed
/// share sessions; a replica of another version (a doc or fixture changed, another seed) keeps its own, since its
/// ids and its answers differ. The fingerprint is taken at start: a `--watch` reload keeps the sessions.
/// </summary>
internal static class StateNamespace
{
    /// <summary>Bumped when the layout of keys and values changes, so two OpMock versions never read each other's.</summary>
    private const string Layout = "1";

    public static string Of(int seed, string docs, string? overrides, string? fixtures)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, "layout", Encoding.UTF8.GetBytes(Layout));
        Add(hash, "seed", Encoding.UTF8.GetBytes(seed.ToString(CultureInfo.InvariantCulture)));
        foreach (var (name, folder, patterns) in new[] { ("docs", docs, new[] { "*" }), ("fixtures", fixtures, ["*.yaml", "*.yml"]) })
        {
            if (folder is null || !Directory.Exists(folder))
            {
                continue;
            }

            var files = patterns.SelectMany(p => Directory.EnumerateFiles(folder, p, SearchOption.AllDirectories))
                .Select(f => (Relative: Path.GetRelativePath(folder, f).Replace('\\', '/'), Full: f))
                .OrderBy(f => f.Relative, StringComparer.Ordinal);
            foreach (var (relative, full) in files)
            {
                Add(hash, $"{name}/{relative}", File.ReadAllBytes(full));
            }
        }

        if (overrides is not null && File.Exists(overrides))
        {
            Add(hash, "overrides", File.ReadAllBytes(overrides));
        }

        return "opmock:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16] + ":";
    }

    /// <summary>A name and its bytes, each preceded by its length, so no two sets of files hash alike.</summary>
    private static void Add(IncrementalHash hash, string name, byte[] bytes)
    {
        var label = Encoding.UTF8.GetBytes(name);
        hash.AppendData(BitConverter.GetBytes(label.Length));
        hash.AppendData(label);
        hash.AppendData(BitConverter.GetBytes(bytes.LongLength));
        hash.AppendData(bytes);
    }
}
