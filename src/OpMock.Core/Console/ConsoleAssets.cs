using System.Collections.Frozen;
using System.Security.Cryptography;

namespace OpMock.Core.Console;

/// <summary>
/// The console's page: plain HTML, CSS and JavaScript modules embedded in the assembly (Console/Assets), so the
/// console works offline, from a single-file tool, with no CDN, web font or build step.
/// </summary>
internal static class ConsoleAssets
{
    private const string ResourcePrefix = "OpMock.Console.";

    private static readonly FrozenDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, Asset>> All = new(Load);

    /// <summary>The file by its name under /__opmock/ (`index.html`, `log.js`), or null.</summary>
    public static Asset? Find(string name) => All.Value.GetValueOrDefault(name);

    public static IEnumerable<string> Names => All.Value.Keys;

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var type = Types.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
            assets[name] = new Asset(name, type, bytes, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>One embedded file with its content type and an ETag (its hash) for revalidation.</summary>
internal sealed record Asset(string Name, string ContentType, byte[] Bytes, string ETag);
