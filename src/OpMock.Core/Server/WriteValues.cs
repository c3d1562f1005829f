using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpMock.Core.Docs;

namespace OpMock.Core.Server;

/// <summary>
/// How long a text a write may keep in a session: what the doc's own words allow (`最多200字`, `不超过500个字符`,
/// `长度限制100`) for a String field of that name, else <see cref="DefaultMaxChars"/>. A value past it is refused
/// before anything is written, naming the field, its length and the bound with where it comes from; without it one
/// message could fill a session's byte budget by itself.
/// </summary>
internal static partial class WriteValues
{
    /// <summary>The bound where the doc gives none: far past any chat message or remark, far below a flood's megabytes.</summary>
    public const int DefaultMaxChars = 65_536;

    /// <summary>Why a write's parameters cannot be kept (a text too long), or null.</summary>
    public static (string Field, string Message)? Problem(Endpoint endpoint, JsonNode? parameters)
    {
        var bounds = Bounds(endpoint);
        foreach (var (path, name, text) in Texts(parameters, ""))
        {
            var (limit, words) = bounds.TryGetValue(name, out var bound) ? bound : (DefaultMaxChars, null);
            var length = text.EnumerateRunes().Count();
            if (length > limit)
            {
                return (path, words is null
                    ? $"{path}: {length} characters; a written value keeps at most {limit} characters (the doc gives no bound of its own)"
                    : $"{path}: {length} characters; the doc allows at most {limit} ({words})");
            }
        }

        return null;
    }

    /// <summary>Each String field of the request's tables whose words bound its length, by name.</summary>
    private static Dictionary<string, (int Limit, string Words)> Bounds(Endpoint endpoint)
    {
        var bounds = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        foreach (var field in endpoint.Input.Concat(endpoint.Sections.SelectMany(s => s.Fields)).Where(f => f.Type.Kind == FieldKind.String))
        {
            var match = LengthWords().Match($"{field.Description} {field.Remark}");
            if (match.Success && int.TryParse(match.Groups["n"].Value, out var limit) && limit > 0 && !bounds.ContainsKey(field.Name))
            {
                bounds[field.Name] = (limit, match.Value.Trim());
            }
        }

        return bounds;
    }

    private static IEnumerable<(string Path, string Name, string Text)> Texts(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject fields:
                foreach (var (name, value) in fields)
                {
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (value is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        yield return (at, name, text);
                    }
                    else
                    {
                        foreach (var inner in Texts(value, at))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    var at = $"{path}[{i}]";
                    if (items[i] is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        yield return (at, path.Split('.', '[')[^1], text);
                    }
                    else
                    {
                        foreach (var inner in Texts(items[i], at))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }

    // 最多200字, 不超过500个字符, 长度不能超过100, 限50字, 最长30位: a count of characters, not a numeric range.
    [GeneratedRegex(@"(?:最多|最长|不超过|不能超过|不得超过|不大于|限|长度(?:限制|上限|不超过|最多|最大)?为?)\s*[:：]?\s*(?<n>\d{1,7})\s*(?:个)?(?:字符|汉字|字节|字|位|characters|chars)")]
    private static partial Regex LengthWords();
}
