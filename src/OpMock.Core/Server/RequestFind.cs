using System.Text.Json;
using System.Text.Json.Nodes;
using AnyOfTypes;
using WireMock.Matchers;
using WireMock.Matchers.Request;
using WireMock.Models;
using WireMock.RequestBuilders;

namespace OpMock.Core.Server;

/// <summary>
/// `POST /__admin/requests/find`: WireMock's request model (`Path`, `Url`, `Methods`, `Headers`, `Params`,
/// `Body`) turned into WireMock's own public request matcher, so a WireMock client's "find" finds what WireMock
/// would. Paths and URLs are a text (a wildcard) or `{"Matchers": [...]}` of WildcardMatcher, ExactMatcher or
/// RegexMatcher; a matcher OpMock does not know is refused, by name.
/// </summary>
internal static class RequestFind
{
    /// <summary>A request this model matches scores above this, as in WireMock.</summary>
    private const double AlmostPerfect = 0.99;

    private static readonly string[] Known = ["WildcardMatcher", "ExactMatcher", "RegexMatcher"];

    private static readonly string[] Fields = ["Path", "Url", "Methods", "Headers", "Params", "Body", "ClientIP"];

    /// <summary>The matcher of a request model, or null with why the model cannot be read.</summary>
    public static IRequestMatcher? Read(byte[] body, out string? problem)
    {
        problem = null;
        JsonObject model;
        try
        {
            model = JsonNode.Parse(body.Length == 0 ? "{}"u8 : body) as JsonObject ?? throw new JsonException("the body must be a JSON object");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            problem = $"the request model is not valid JSON: {MockEngine.Sample(e.Message)}";
            return null;
        }

        var builder = Request.Create();
        try
        {
            foreach (var (key, value) in model)
            {
                var field = Fields.FirstOrDefault(f => f.Equals(key, StringComparison.OrdinalIgnoreCase))
                    ?? throw new FormatException($"`{MockEngine.Sample(key)}` is not a field OpMock's log finds by; use {string.Join(", ", Fields)}");
                if (value is null)
                {
                    continue;
                }

                builder = field switch
                {
                    "Path" => builder.WithPath(Matchers(value, "Path")),
                    "Url" => builder.WithUrl(Matchers(value, "Url")),
                    "ClientIP" => builder.WithClientIP(Matchers(value, "ClientIP")),
                    "Methods" => builder.UsingMethod([.. Texts(value, "Methods")]),
                    "Headers" => Named(value, "Headers").Aggregate(builder, (b, h) => h.Matchers.Length == 0 ? b.WithHeader(h.Name, "*") : b.WithHeader(h.Name, h.IgnoreCase, h.Matchers)),
                    "Params" => Named(value, "Params").Aggregate(builder, (b, p) => b.WithParam(query => HasParam(query, p.Name, p.IgnoreCase, p.Matchers))),
                    _ => builder.WithBody(Matchers(Property(value, "Matcher") is { } one ? new JsonObject { ["Matchers"] = new JsonArray(one.DeepClone()) } : value, "Body")
                        .Cast<IMatcher>().ToArray(), MatchOperator.Or),
                };
            }
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return null;
        }

        return (IRequestMatcher)builder;
    }

    /// <summary>Whether a logged request is one the model finds.</summary>
    public static bool Finds(IRequestMatcher matcher, WireMock.IRequestMessage request) =>
        matcher.GetMatchingScore(request, new RequestMatchResult()) > AlmostPerfect;

    // WireMock's own param matcher reads its internal request type only; the query dictionary is public.
    private static bool HasParam(IDictionary<string, WireMock.Types.WireMockList<string>> query, string name, bool ignoreCase, IStringMatcher[] matchers) =>
        query.Where(q => q.Key.Equals(name, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            .SelectMany(q => q.Value)
            .Any(value => matchers.Length == 0 || matchers.Any(m => m.IsMatch(value).IsPerfect()));

    private static IStringMatcher[] Matchers(JsonNode value, string field)
    {
        if (value is JsonValue text && text.TryGetValue<string>(out var pattern))
        {
            return [new WildcardMatcher(MatchBehaviour.AcceptOnMatch, pattern, false)];
        }

        var list = Property(value, "Matchers") as JsonArray ?? throw new FormatException($"{field} must be a text or {{\"Matchers\": [...]}}");
        return [.. list.Select(m => Matcher(m, field))];
    }

    private static IStringMatcher Matcher(JsonNode? node, string field)
    {
        var name = Property(node, "Name")?.ToString() ?? throw new FormatException($"{field}: every matcher needs a Name ({string.Join(", ", Known)})");
        var patterns = (Property(node, "Patterns") as JsonArray)?.Select(p => p?.ToString() ?? "").ToArray()
            ?? (Property(node, "Pattern") is { } one ? [one.ToString()] : []);
        if (patterns.Length == 0)
        {
            throw new FormatException($"{field}: the {MockEngine.Sample(name)} needs a Pattern");
        }

        var ignoreCase = Flag(node, "IgnoreCase");
        var behaviour = Flag(node, "RejectOnMatch") ? MatchBehaviour.RejectOnMatch : MatchBehaviour.AcceptOnMatch;
        var any = patterns.Select(p => new AnyOf<string, StringPattern>(p)).ToArray();
        return name switch
        {
            "WildcardMatcher" => new WildcardMatcher(behaviour, any, ignoreCase, MatchOperator.Or),
            "ExactMatcher" => new ExactMatcher(behaviour, ignoreCase, MatchOperator.Or, any),
            "RegexMatcher" => Regex(behaviour, any, ignoreCase, field),
            _ => throw new FormatException($"{field}: the matcher `{MockEngine.Sample(name)}` is not one OpMock's log finds by; use {string.Join(", ", Known)}"),
        };
    }

    private static RegexMatcher Regex(MatchBehaviour behaviour, AnyOf<string, StringPattern>[] patterns, bool ignoreCase, string field)
    {
        try
        {
            return new RegexMatcher(behaviour, patterns, ignoreCase, true, MatchOperator.Or);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{field}: the RegexMatcher's pattern is not a regular expression: {MockEngine.Sample(e.Message)}");
        }
    }

    private static IEnumerable<string> Texts(JsonNode value, string field) =>
        value is JsonArray list ? list.Select(m => m?.ToString() ?? "") : throw new FormatException($"{field} must be a list of texts");

    private static IEnumerable<(string Name, bool IgnoreCase, IStringMatcher[] Matchers)> Named(JsonNode value, string field) =>
        (value as JsonArray ?? throw new FormatException($"{field} must be a list of {{\"Name\": ..., \"Matchers\": [...]}}"))
        .Select(item => (
            Property(item, "Name")?.ToString() ?? throw new FormatException($"{field}: every entry needs a Name"),
            Flag(item, "IgnoreCase"),
            Property(item, "Matchers") is JsonArray list ? list.Select(m => Matcher(m, field)).ToArray() : []))
        .ToList();

    private static JsonNode? Property(JsonNode? node, string name) =>
        node is JsonObject o ? o.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value : null;

    private static bool Flag(JsonNode? node, string name) =>
        Property(node, name) is JsonValue v && v.TryGetValue<bool>(out var flag) && flag;
}
