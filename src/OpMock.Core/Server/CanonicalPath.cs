namespace OpMock.Core.Server;

/// <summary>
/// A request path as the server that answers reads it, so the admin guard decides on the same path: Kestrel
/// decodes most escapes but keeps `%2F`; WireMock decodes again and reads backslashes as slashes through
/// System.Uri. The canonical form decodes every escape (any case, repeatedly: `%252F` is `%2F` is `/`), turns
/// backslashes into slashes, folds duplicate slashes and resolves dot segments, which covers every reading.
/// </summary>
internal static class CanonicalPath
{
    /// <summary>More rounds of decoding than this is not a path anyone meant: it is refused.</summary>
    private const int MaxRounds = 3;

    public const string Admin = OwnPaths.Admin;

    public const string Console = OwnPaths.Console;

    /// <summary>The canonical path, or null with why it cannot be read as one path.</summary>
    public static string? Of(string path, out string? problem)
    {
        problem = null;
        if (Plain(path))
        {
            // Nearly every request: nothing to decode or fold, so nothing is allocated.
            return path;
        }

        var decoded = path;
        for (var round = 0; decoded.Contains('%'); round++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                // A `%` that starts no escape (`%zz`, a lone `%`): it stays text.
                break;
            }

            if (round == MaxRounds)
            {
                problem = $"it is percent-encoded more than {MaxRounds} times over";
                return null;
            }

            decoded = next;
        }

        if (decoded.Any(char.IsControl))
        {
            problem = "it holds control characters (encoded or not)";
            return null;
        }

        var segments = new List<string>();
        foreach (var segment in decoded.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (segment)
            {
                case ".":
                    break;
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }

                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        var canonical = "/" + string.Join('/', segments);
        return canonical.Length > 1 && decoded.EndsWith('/') ? canonical + "/" : canonical;
    }

    private static bool Plain(string path) =>
        path.StartsWith('/') && !path.AsSpan().ContainsAny('%', '\\') && !path.Contains("//", StringComparison.Ordinal)
        && !path.Contains("/.", StringComparison.Ordinal) && !path.AsSpan().ContainsAnyInRange('\0', '\u001f') && !path.Contains('\u007f');

    /// <summary>Whether a canonical path is under <paramref name="prefix"/> (whole segments, any case).</summary>
    public static bool Under(string canonical, string prefix) =>
        canonical.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (canonical.Length == prefix.Length || canonical[prefix.Length] == '/' || prefix.EndsWith('/'));

    /// <summary>Whether the path is the admin API's or the console's: the areas the admin guard covers.</summary>
    public static bool Guarded(string canonical) => Under(canonical, Admin) || Under(canonical, Console);
}
