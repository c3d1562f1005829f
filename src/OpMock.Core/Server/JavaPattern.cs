using System.Text.Json.Nodes;

namespace OpMock.Core.Server;

/// <summary>
/// The Java WireMock client's request pattern (`verify`, `findAll`: `method`, `url`, `urlPath`, `urlPattern`,
/// `urlPathPattern`, `headers`, `queryParameters`, `cookies`, `bodyPatterns`) read as WireMock.Net's request model,
/// which <see cref="RequestFind"/> then turns into WireMock.Net's own matchers. A body is read as Java's when its
/// keys are camelCase and one of them is Java's alone (WireMock.Net's clients send PascalCase).
/// </summary>
internal static class JavaPattern
{
    private static readonly string[] JavaOnly = ["method", "urlPath", "urlPattern", "urlPathPattern", "queryParameters", "bodyPatterns", "basicAuthCredentials", "url"];

    // The Java client's url is the path and query; WireMock.Net's is the absolute URL.
    private const string Origin = "^[a-z]+://[^/]+";

    public static bool Is(JsonObject model) =>
        model.Where(p => p.Value is not null).All(p => p.Key.Length > 0 && char.IsLower(p.Key[0]))
        && model.Any(p => p.Value is not null && JavaOnly.Contains(p.Key, StringComparer.Ordinal));

    /// <summary>WireMock.Net's request model for a Java pattern; a key or operator it cannot say is a FormatException naming it.</summary>
    public static JsonObject ToModel(JsonObject pattern)
    {
        var model = new JsonObject();
        foreach (var (key, value) in pattern)
        {
            if (value is null)
            {
                continue;
            }

            switch (key)
            {
                case "method" when value.ToString() is not ("ANY" or ""):
                    model["Methods"] = new JsonArray(value.ToString());
                    break;
                case "method":
                    break;
                case "url":
                    model["Url"] = Matchers(Matcher("RegexMatcher", Origin + System.Text.RegularExpressions.Regex.Escape(value.ToString()) + "$"));
                    break;
                case "urlPattern":
                    model["Url"] = Matchers(Matcher("RegexMatcher", $"{Origin}(?:{value})$"));
                    break;
                case "urlPath":
                    model["Path"] = Matchers(Matcher("ExactMatcher", value.ToString()));
                    break;
                case "urlPathPattern":
                    model["Path"] = Matchers(Matcher("RegexMatcher", $"^(?:{value})$"));
                    break;
                case "headers" or "queryParameters" or "cookies":
                    model[key switch { "headers" => "Headers", "cookies" => "Cookies", _ => "Params" }] = Named(value, key);
                    break;
                case "bodyPatterns":
                    model["Body"] = new JsonObject
                    {
                        ["Matchers"] = new JsonArray([.. (value as JsonArray ?? throw new FormatException("bodyPatterns must be a list")).Select(p => Value(p, "bodyPatterns"))]),
                        ["MatchOperator"] = "And",
                    };
                    break;
                default:
                    throw new FormatException($"`{MockEngine.Sample(key)}` is a Java WireMock request-pattern key WireMock.Net cannot match by");
            }
        }

        return model;
    }

    private static JsonObject Matchers(JsonObject matcher) => new() { ["Matchers"] = new JsonArray(matcher) };

    private static JsonObject Matcher(string name, string pattern) => new() { ["Name"] = name, ["Pattern"] = pattern };

    private static JsonArray Named(JsonNode value, string key) =>
        new([.. (value as JsonObject ?? throw new FormatException($"{key} must be an object of name: {{\"equalTo\": ...}}"))
            .Select(p => (JsonNode)new JsonObject { ["Name"] = p.Key, ["Matchers"] = new JsonArray(Value(p.Value, $"{key}.{p.Key}")) })]);

    /// <summary>One Java value pattern (`equalTo`, `contains`, `matches`, `doesNotMatch`, `equalToJson`, `matchesJsonPath`).</summary>
    private static JsonObject Value(JsonNode? node, string at)
    {
        var (op, given) = (node as JsonObject)?.FirstOrDefault(p => p.Key is not ("caseInsensitive" or "ignoreArrayOrder" or "ignoreExtraElements")) ?? default;
        var text = given is JsonValue v && v.TryGetValue<string>(out var s) ? s : given?.ToJsonString() ?? "";
        var matcher = op switch
        {
            "equalTo" => Matcher("ExactMatcher", text),
            "contains" => Matcher("WildcardMatcher", "*" + text + "*"),
            "matches" => Matcher("RegexMatcher", $"^(?:{text})$"),
            "doesNotMatch" => Matcher("RegexMatcher", $"^(?:{text})$"),
            "equalToJson" => Matcher("JsonMatcher", text),
            "matchesJsonPath" => Matcher("JsonPathMatcher", text),
            _ => throw new FormatException($"{at}: `{MockEngine.Sample(op ?? "(none)")}` is not a Java value pattern WireMock.Net has a matcher for; use equalTo, contains, matches, doesNotMatch, equalToJson or matchesJsonPath"),
        };
        if (op == "doesNotMatch")
        {
            matcher["RejectOnMatch"] = true;
        }

        if ((node as JsonObject)?["caseInsensitive"] is JsonValue flag && flag.TryGetValue<bool>(out var ignore) && ignore)
        {
            matcher["IgnoreCase"] = true;
        }

        return matcher;
    }
}
