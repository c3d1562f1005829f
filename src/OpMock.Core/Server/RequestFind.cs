using System.Text.Json;
using System.Text.Json.Nodes;
using AnyOfTypes;
using WireMock.Matchers;
using WireMock.Matchers.Request;
using WireMock.Models;
using WireMock.RequestBuilders;

namespace OpMock.Core.Server;

/// <summary>
/// `POST /__admin/requests/find` (and `/requests/count`): WireMock's request model (`ClientIP`, `Path`, `Url`,
/// `Methods` with `MethodsRejectOnMatch` and `MethodsMatchOperator`, `HttpVersion`, `Headers`, `Cookies`,
/// `Params`, `Body`) turned into WireMock's own public request matcher and matcher classes, so a WireMock client's
/// "find" finds what WireMock would. A key given null is not asked for (WireMock.Net's client sends every key of
/// its model); a matcher kind WireMock.Net.Minimal does not ship is refused, by name.
/// </summary>
internal static class RequestFind
{
    /// <summary>A request this model matches scores above this, as in WireMock.</summary>
    private const double AlmostPerfect = 0.99;

    private static readonly string[] Known = ["WildcardMatcher", "ExactMatcher", "RegexMatcher", "NotNullOrEmptyMatcher", "ContentTypeMatcher",
        "JsonMatcher", "JsonPartialMatcher", "JsonPartialWildcardMatcher", "JsonPathMatcher", "JmesPathMatcher"];

    private static readonly string[] Fields = ["ClientIP", "Path", "Url", "Methods", "MethodsRejectOnMatch", "MethodsMatchOperator", "HttpVersion",
        "Headers", "Cookies", "Params", "Body"];

    /// <summary>The matcher of a request model (WireMock.Net's, or the Java client's pattern: <paramref name="java"/>), or null with why the model cannot be read.</summary>
    public static IRequestMatcher? Read(byte[] body, out string? problem, out bool java)
    {
        problem = null;
        java = false;
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
            if (JavaPattern.Is(model))
            {
                java = true;
                model = JavaPattern.ToModel(model);
            }

            foreach (var (key, value) in model)
            {
                if (value is null)
                {
                    // WireMock.Net's client sends every key of its model, unset ones null: nothing asked for.
                    continue;
                }

                var field = Fields.FirstOrDefault(f => f.Equals(key, StringComparison.OrdinalIgnoreCase))
                    ?? throw new FormatException($"`{MockEngine.Sample(key)}` is not a field of WireMock.Net's request model; use {string.Join(", ", Fields)}");
                builder = field switch
                {
                    "Path" => builder.WithPath(Operator(value), Matchers(value, "Path")),
                    // As WireMock reads its model: a Path, when given, and the Url is not read.
                    "Url" when Property(model, "Path") is not null => builder,
                    "Url" => builder.WithUrl(Operator(value), Matchers(value, "Url")),
                    "ClientIP" => builder.WithClientIP(Matchers(value, "ClientIP")),
                    "Methods" => builder.UsingMethod(Flag(model, "MethodsRejectOnMatch") ? MatchBehaviour.RejectOnMatch : MatchBehaviour.AcceptOnMatch,
                        OperatorNamed(Property(model, "MethodsMatchOperator")?.ToString()), [.. Texts(value, "Methods")]),
                    "MethodsRejectOnMatch" or "MethodsMatchOperator" => builder,
                    "HttpVersion" => builder.WithHttpVersion(value.ToString()),
                    "Headers" => Named(value, "Headers").Aggregate(builder, (b, h) => h.Matchers.Length == 0 ? b.WithHeader(h.Name, "*") : b.WithHeader(h.Name, h.IgnoreCase, h.Matchers)),
                    "Cookies" => Named(value, "Cookies").Aggregate(builder, (b, c) => b.WithCookie(c.Name, c.IgnoreCase, c.Matchers.Length == 0 ? [new WildcardMatcher("*")] : c.Matchers)),
                    "Params" => Named(value, "Params").Aggregate(builder, (b, p) => b.WithParam(query => HasParam(query, p.Name, p.IgnoreCase, p.Matchers))),
                    _ => builder.WithBody(Body(value), Operator(value)),
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
        return [.. list.Select(m => Matcher(m, field) as IStringMatcher
            ?? throw new FormatException($"{field}: the {MockEngine.Sample(Property(m, "Name")?.ToString())} reads bodies only; use it under Body"))];
    }

    /// <summary>A body model: `Matcher`, or `Matchers` (with `MatchOperator`).</summary>
    private static IMatcher[] Body(JsonNode value)
    {
        var list = Property(value, "Matcher") is { } one ? [one] : (Property(value, "Matchers") as JsonArray)?.ToArray()
            ?? throw new FormatException("Body must be {\"Matcher\": {...}} or {\"Matchers\": [...]}");
        return [.. list.Select(m => Matcher(m, "Body"))];
    }

    /// <summary>The `MatchOperator` a model gives (`Or` unless given).</summary>
    private static MatchOperator Operator(JsonNode? model) => OperatorNamed(Property(model, "MatchOperator")?.ToString());

    private static MatchOperator OperatorNamed(string? text) =>
        text is null ? MatchOperator.Or
            : Enum.TryParse<MatchOperator>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw new FormatException($"`{MockEngine.Sample(text)}` is not a MatchOperator; use {string.Join(", ", Enum.GetNames<MatchOperator>())}");

    private static IMatcher Matcher(JsonNode? node, string field)
    {
        var name = Property(node, "Name")?.ToString() ?? throw new FormatException($"{field}: every matcher needs a Name ({string.Join(", ", Known)})");
        var patterns = (Property(node, "Patterns") as JsonArray)?.Select(p => p?.ToString() ?? "").ToArray()
            ?? (Property(node, "Pattern") is { } one ? [one.ToString()] : []);
        var behaviour = Flag(node, "RejectOnMatch") ? MatchBehaviour.RejectOnMatch : MatchBehaviour.AcceptOnMatch;
        if (name == "NotNullOrEmptyMatcher")
        {
            return new NotNullOrEmptyMatcher(behaviour);
        }

        if (patterns.Length == 0)
        {
            throw new FormatException($"{field}: the {MockEngine.Sample(name)} needs a Pattern");
        }

        var ignoreCase = Flag(node, "IgnoreCase");
        var any = patterns.Select(p => new AnyOf<string, StringPattern>(p)).ToArray();
        var join = Operator(node);
        return name switch
        {
            "WildcardMatcher" => new WildcardMatcher(behaviour, any, ignoreCase, join),
            "ExactMatcher" => new ExactMatcher(behaviour, ignoreCase, join, any),
            "RegexMatcher" => Regex(behaviour, any, ignoreCase, field),
            "ContentTypeMatcher" => new ContentTypeMatcher(behaviour, any, ignoreCase),
            "JsonMatcher" => Json(() => new JsonMatcher(behaviour, patterns[0], ignoreCase, Flag(node, "Regex")), name),
            "JsonPartialMatcher" => Json(() => new JsonPartialMatcher(behaviour, patterns[0], ignoreCase, Flag(node, "Regex")), name),
            "JsonPartialWildcardMatcher" => Json(() => new JsonPartialWildcardMatcher(behaviour, patterns[0], ignoreCase, Flag(node, "Regex")), name),
            "JsonPathMatcher" => new JsonPathMatcher(behaviour, join, any),
            "JmesPathMatcher" => new JmesPathMatcher(behaviour, join, any),
            _ => throw new FormatException($"{field}: the matcher `{MockEngine.Sample(name)}` is not one OpMock's log finds by; use {string.Join(", ", Known)}"),
        };
    }

    private static IMatcher Json(Func<IMatcher> create, string name)
    {
        try
        {
            return create();
        }
        catch (Newtonsoft.Json.JsonException e)
        {
            throw new FormatException($"Body: the {name}'s Pattern is not JSON: {MockEngine.Sample(e.Message)}");
        }
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

    // As WireMock reads its model: an entry without Matchers is not read at all.
    private static IEnumerable<(string Name, bool IgnoreCase, IStringMatcher[] Matchers)> Named(JsonNode value, string field) =>
        (value as JsonArray ?? throw new FormatException($"{field} must be a list of {{\"Name\": ..., \"Matchers\": [...]}}"))
        .Where(item => Property(item, "Matchers") is not null)
        .Select(item => (
            Property(item, "Name")?.ToString() ?? throw new FormatException($"{field}: every entry needs a Name"),
            Flag(item, "IgnoreCase"),
            Property(item, "Matchers") is JsonArray list ? Matchers(new JsonObject { ["Matchers"] = list.DeepClone() }, field) : []))
        .ToList();

    private static JsonNode? Property(JsonNode? node, string name) =>
        node is JsonObject o ? o.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value : null;

    private static bool Flag(JsonNode? node, string name) =>
        Property(node, name) is JsonValue v && v.TryGetValue<bool>(out var flag) && flag;
}
