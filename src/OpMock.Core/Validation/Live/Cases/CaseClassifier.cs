using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Json;
using OpMock.Core.Schemas;

namespace OpMock.Core.Validation.Live.Cases;

/// <summary>
/// Decides what a request deserves from its route's request schema alone, so a generated case, and every
/// smaller request tried while shrinking one, is judged by the contract and not by how it was made.
/// </summary>
internal sealed class CaseClassifier
{
    private readonly ImmutableDictionary<string, (SchemaChecker Checker, ImmutableHashSet<string> Required)> routes;

    private CaseClassifier(ImmutableDictionary<string, (SchemaChecker, ImmutableHashSet<string>)> routes) => this.routes = routes;

    public static async Task<CaseClassifier> CreateAsync(IEnumerable<EndpointSchemas> direct)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, (SchemaChecker, ImmutableHashSet<string>)>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in direct.Where(e => !builder.ContainsKey(e.Endpoint.Route)))
        {
            builder[endpoint.Endpoint.Route] = (await SchemaChecker.CompileAsync(endpoint.Request), Required(endpoint.Request));
        }

        return new CaseClassifier(builder.ToImmutable());
    }

    public static ImmutableHashSet<string> Required(JsonObject schema) =>
        schema["required"] is JsonArray list ? [.. list.Select(n => n?.GetValue<string>()).OfType<string>()] : [];

    public Expectation Classify(string route, Via via, string body)
    {
        if (OpJson.TryParse(body, out _, out _) is not JsonObject request)
        {
            return Expectation.Invalid;
        }

        if (via == Via.Transfer)
        {
            // The relay needs to be told where to: exactly the route under test.
            if (request["reqUrl"] is not JsonValue value || !value.TryGetValue<string>(out var reqUrl)
                || !string.Equals(reqUrl, route, StringComparison.OrdinalIgnoreCase))
            {
                return Expectation.Invalid;
            }

            request = new JsonObject(request.Where(p => p.Key != "reqUrl").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        }

        var (checker, required) = routes[route];
        if (Accepts(checker, request))
        {
            return Expectation.Valid;
        }

        var withoutNulls = new JsonObject(request.Where(p => p.Value is not null || required.Contains(p.Key))
            .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        return withoutNulls.Count < request.Count && Accepts(checker, withoutNulls) ? Expectation.Either : Expectation.Invalid;
    }

    private static bool Accepts(SchemaChecker checker, JsonObject request) =>
        !checker.Check(OpJson.ToCompactText(request)).Any(v => v.Severity == Severity.Error);
}
