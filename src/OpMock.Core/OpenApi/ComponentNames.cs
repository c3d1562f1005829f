using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpMock.Core.Json;

namespace OpMock.Core.OpenApi;

/// <summary>
/// Names under components/schemas. Every doc brings its own sections (User, chats), so names carry the
/// doc they come from (GetOpApi_2_36_User) and stay unique across docs. One instance per document built.
/// </summary>
internal sealed partial class ComponentNames
{
    // Case-insensitive: client generators write one file per component, and some file systems ignore case.
    private readonly HashSet<string> taken = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ImmutableDictionary<string, string>> groups = new(StringComparer.Ordinal);

    /// <summary>get-op-api/2.36 → GetOpApi_2_36: words joined in Pascal case, numbers after underscores.</summary>
    public static string Base(string docId)
    {
        var name = new StringBuilder();
        foreach (var token in NonWord().Split(docId))
        {
            if (token.Length == 0)
            {
                continue;
            }

            if (char.IsAsciiDigit(token[0]))
            {
                name.Append('_').Append(token);
            }
            else
            {
                name.Append(char.ToUpperInvariant(token[0])).Append(token.AsSpan(1));
            }
        }

        return name.Length == 0 ? "Doc" : name.ToString().TrimStart('_');
    }

    /// <summary>The preferred name if free, else the first of name_2, name_3… that is.</summary>
    public string Unique(string preferred)
    {
        var name = Sanitize(preferred);
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{name}_{n}";
        }

        return candidate;
    }

    /// <summary>
    /// Component names for a schema's definitions, by definition name. A group already named with the same
    /// prefix and the same content is reused: 2.9's response carries 2.36's sections, which are listed once.
    /// </summary>
    public (ImmutableDictionary<string, string> Names, bool IsNew) Definitions(string prefix, JsonObject? definitions)
    {
        if (definitions is null || definitions.Count == 0)
        {
            return (ImmutableDictionary<string, string>.Empty, false);
        }

        var key = prefix + "\n" + OpJson.ToCompactText(definitions);
        if (groups.TryGetValue(key, out var known))
        {
            return (known, false);
        }

        var names = definitions.ToImmutableDictionary(d => d.Key, d => Unique($"{prefix}_{d.Key}"), StringComparer.Ordinal);
        groups[key] = names;
        return (names, true);
    }

    /// <summary>OpenAPI 3.0 allows only [A-Za-z0-9._-] in component names; a Chinese section name becomes underscores.</summary>
    private static string Sanitize(string name)
    {
        var clean = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]);
        return clean.Trim('_').Length == 0 ? "Section" : clean;
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonWord();
}
