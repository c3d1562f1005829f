using System.Collections.Immutable;
using System.Globalization;
using Newtonsoft.Json.Linq;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;

namespace OpMock.Core.Validation;

/// <summary>
/// Checks responses against the documented contract: a direct route against its response schema, a
/// transfer against the schema of the direct route named in its reqUrl. Safe to share between threads
/// (the proxy checks responses concurrently): it holds only compiled schemas.
/// </summary>
internal sealed class ContractValidator
{
    private readonly ImmutableDictionary<string, SchemaChecker> checkers;
    private readonly bool strict;

    private ContractValidator(ImmutableDictionary<string, SchemaChecker> checkers, bool strict)
    {
        this.checkers = checkers;
        this.strict = strict;
    }

    /// <summary>The documented direct routes, in the docs' order.</summary>
    public ImmutableArray<string> Routes { get; private init; } = [];

    /// <param name="strict">Undocumented fields become errors instead of warnings.</param>
    public static async Task<ContractValidator> CreateAsync(ApiContract contract, bool strict)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, SchemaChecker>(StringComparer.OrdinalIgnoreCase);
        var routes = ImmutableArray.CreateBuilder<string>();
        foreach (var endpoint in contract.Endpoints.Where(e => !e.Endpoint.IsTransfer))
        {
            if (!builder.ContainsKey(endpoint.Endpoint.Route))
            {
                builder[endpoint.Endpoint.Route] = await SchemaChecker.CompileAsync(endpoint.Response);
                routes.Add(endpoint.Endpoint.Route);
            }
        }

        return new ContractValidator(builder.ToImmutable(), strict) { Routes = routes.ToImmutable() };
    }

    public static bool IsTransfer(string route) => string.Equals(NormalizeRoute(route), Endpoint.TransferRoute, StringComparison.OrdinalIgnoreCase);

    /// <summary>A route whose responses this validator checks: a documented direct route, or the transfer relay.</summary>
    public bool IsDocumented(string route) => IsTransfer(route) || checkers.ContainsKey(NormalizeRoute(route));

    /// <summary>Routes as written in requests: "/op/v2/receives/" is the documented /op/v2/receives.</summary>
    public static string NormalizeRoute(string route) => route.Length > 1 ? route.TrimEnd('/') : route;

    /// <summary>
    /// Checks one response body. Whatever comes back — an HTML error page, an empty body, truncated JSON,
    /// another envelope, an error code — gives findings, never an exception.
    /// </summary>
    /// <param name="reqUrl">For a transfer: the reqUrl of its request (null when the request named none).</param>
    /// <param name="status">The HTTP status; null when there is none (a response saved to a file).</param>
    public CheckedResponse Check(string route, string? reqUrl, string source, int? status, string body)
    {
        route = NormalizeRoute(route);
        var transfer = IsTransfer(route);
        var target = transfer ? reqUrl : route;
        var violations = Violations(transfer, target, status, body);

        // In a body on one line (what servers send) every line number is 1: noise, not a location.
        if (!body.Contains('\n', StringComparison.Ordinal))
        {
            violations = [.. violations.Select(v => v with { Line = 0 })];
        }

        return new CheckedResponse(route, transfer ? reqUrl ?? "?" : null, source, status, Strict(violations));
    }

    /// <summary>A request that got no response at all (timeout, refused connection): one finding.</summary>
    public CheckedResponse NoResponse(string route, string? reqUrl, string source, string actual, string message) =>
        new(NormalizeRoute(route), reqUrl, source, null, [new Violation("$", "a response", actual, Severity.Error, message, 0)]);

    private ImmutableArray<Violation> Violations(bool transfer, string? target, int? status, string body)
    {
        if (transfer && target is null)
        {
            return [Whole("a reqUrl in the request", "missing", "the transfer request names no reqUrl, so the response's schema is unknown")];
        }

        if (target is null || !checkers.TryGetValue(NormalizeRoute(target), out var checker))
        {
            return [Whole("a documented route", target ?? "missing", $"reqUrl `{target}` is not a documented route")];
        }

        // An error status is one finding: the body of an error page is not the contract's business.
        if (status is { } code && (code < 200 || code > 299))
        {
            var kind = BodyText.Describe(body);
            return [Whole("HTTP 2xx", $"HTTP {code}", $"HTTP status {code}; the body is {(kind == "JSON" ? BodyText.Sample(body) : kind)}")];
        }

        if (SchemaChecker.Parse(body, out var token) is { } notJson)
        {
            return [notJson];
        }

        return Envelope(token!, body) is { } broken ? [broken] : checker.Check(token!);
    }

    /// <summary>
    /// A body that is JSON but not the house envelope, or an envelope carrying an error code, is one
    /// finding: checking its fields one by one would bury the real problem under "missing" lines.
    /// </summary>
    private static Violation? Envelope(JToken root, string body)
    {
        const string Expected = "the response envelope {code, message, data, page, foot}";
        if (root is not JObject envelope)
        {
            var kind = root.Type switch { JTokenType.Array => "array", JTokenType.String => "string", JTokenType.Null => "null", JTokenType.Boolean => "boolean", _ => "number" };
            return Whole(Expected, kind, $"the body is a JSON {kind}, not the response envelope");
        }

        if (envelope["code"] is null && envelope["data"] is null)
        {
            return Whole(Expected, BodyText.Sample(body), "the envelope is broken: the body has neither `code` nor `data`");
        }

        if (envelope["code"] is JValue { Type: JTokenType.Integer } code && code.Value<long>() != 200)
        {
            var value = code.Value<long>().ToString(CultureInfo.InvariantCulture);
            var message = envelope["message"] is JValue { Type: JTokenType.String } text ? $" ({text.Value<string>()})" : "";
            return new Violation("code", "200", value, Severity.Error, $"the envelope carries error code {value}{message}", 0);
        }

        return null;
    }

    private static Violation Whole(string expected, string actual, string message) => new("$", expected, actual, Severity.Error, message, 0);

    private ImmutableArray<Violation> Strict(ImmutableArray<Violation> violations) =>
        strict ? [.. violations.Select(v => v.Severity == Severity.Warning ? v with { Severity = Severity.Error } : v)] : violations;
}
