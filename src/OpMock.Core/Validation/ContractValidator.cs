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
internal sealed partial class ContractValidator
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
        ImmutableArray<Violation> violations;
        try
        {
            violations = [.. Oddities(body), .. Violations(transfer, target, status, body)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One body the checker cannot digest is a finding on that response; it never ends the run
            // and loses the report of every other one.
            violations = [Whole("a body the checker can read", BodyText.Sample(body), $"the body could not be checked: {e.GetType().Name}: {e.Message}")];
        }

        // In a body on one line (what servers send) every line number is 1: noise, not a location.
        if (!body.Contains('\n', StringComparison.Ordinal))
        {
            violations = [.. violations.Select(v => v with { Line = 0 })];
        }

        return new CheckedResponse(route, transfer ? reqUrl ?? "?" : null, source, status, Strict(violations));
    }

    /// <summary>
    /// Checks a body as it travelled, in its charset: bytes that are not valid UTF-8 are a finding (with
    /// their offset), and the rest of the body is still checked.
    /// </summary>
    public CheckedResponse Check(string route, string? reqUrl, string source, int? status, ReadOnlySpan<byte> body, System.Text.Encoding? charset = null)
    {
        var text = BodyText.Decode(body, charset ?? System.Text.Encoding.UTF8, out var invalidAt);
        var result = Check(route, reqUrl, source, status, text);
        return invalidAt < 0 ? result : result with
        {
            Violations = [Whole("UTF-8 text", string.Create(CultureInfo.InvariantCulture, $"byte 0x{body[(int)invalidAt]:X2} at offset {invalidAt}"),
                string.Create(CultureInfo.InvariantCulture, $"the body is not valid UTF-8 (first bad byte at offset {invalidAt}); it was checked with U+FFFD in its place")),
                .. result.Violations],
        };
    }

    /// <summary>A request that got no response at all (timeout, refused connection): one finding.</summary>
    public CheckedResponse NoResponse(string route, string? reqUrl, string source, string actual, string message) =>
        new(NormalizeRoute(route), reqUrl, source, null, [new Violation("$", "a response", actual, Severity.Error, message, 0)]) { Answered = false };

    /// <summary>
    /// What no schema can say: a string escape that is half a surrogate pair (`"\ud800"`) is not text in
    /// any encoding, and breaks whichever client decodes it.
    /// </summary>
    private static IEnumerable<Violation> Oddities(string body)
    {
        var at = BodyText.FirstLoneSurrogate(body);
        if (at < 0 && body.Contains("\\u", StringComparison.Ordinal) && LoneSurrogateEscape(body) is { } escape)
        {
            at = escape;
        }

        if (at >= 0)
        {
            yield return Whole("valid Unicode text", "a lone surrogate", string.Create(CultureInfo.InvariantCulture,
                $"the body holds a lone UTF-16 surrogate (half of a character) at character {at}"));
        }
    }

    /// <summary>The index of a \\uD800-\\uDFFF escape that is not half of a pair; null when there is none.</summary>
    private static int? LoneSurrogateEscape(string body)
    {
        var matches = LoneEscape().Matches(body);
        foreach (System.Text.RegularExpressions.Match match in matches)
        {
            return match.Index;
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)(?:\\\\)*\\u[dD][c-fC-F][0-9a-fA-F]{2}")]
    private static partial System.Text.RegularExpressions.Regex LoneEscape();

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

        // An integer past 2^63 stands in as long.MaxValue (JsonNumbers): compare the text the body wrote.
        if (envelope["code"] is JValue { Type: JTokenType.Integer } code && JsonNumbers.Text(code) is var value && value != "200")
        {
            var message = envelope["message"] is JValue { Type: JTokenType.String } text ? $" ({text.Value<string>()})" : "";
            return new Violation("code", "200", value, Severity.Error, $"the envelope carries error code {value}{message}", 0);
        }

        return null;
    }

    private static Violation Whole(string expected, string actual, string message) => new("$", expected, actual, Severity.Error, message, 0);

    private ImmutableArray<Violation> Strict(ImmutableArray<Violation> violations) =>
        strict ? [.. violations.Select(v => v.Severity == Severity.Warning ? v with { Severity = Severity.Error } : v)] : violations;
}
