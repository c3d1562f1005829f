using System.Globalization;
using Newtonsoft.Json.Linq;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;

namespace OpMock.Core.Validation.Live.Cases;

/// <summary>What came back for one case: a status and a body, or why there is none to check (no response, a body past the bound).</summary>
internal sealed record CaseReply(int? Status, string Body, string? Failure = null, string? FailureMessage = null);

/// <summary>
/// Judges one reply by what the case deserves. A valid request must get HTTP 200 and a conforming body
/// (the <see cref="ContractValidator"/>'s check); an invalid one a 4xx or an error code in the envelope.
/// Any 5xx, non-JSON 2xx body, timeout or refused connection fails whatever the case.
/// </summary>
internal static class CaseCheck
{
    public const string Refusal = "a 4xx status or an error code";

    public static CheckedResponse Check(ContractValidator validator, TestCase test, string source, CaseReply reply)
    {
        var (route, reqUrl) = test.Via == Via.Transfer ? (Endpoint.TransferRoute, test.Route) : (test.Route, (string?)null);
        if (reply.Status is null || reply.Failure is not null)
        {
            return validator.NoResponse(route, reqUrl, source, reply.Failure ?? "no response", reply.FailureMessage ?? "no response") with { Status = reply.Status };
        }

        var full = validator.Check(route, reqUrl, source, reply.Status, reply.Body);
        if (test.Expect == Expectation.Valid)
        {
            return full;
        }

        var status = reply.Status.Value;
        if (status is >= 400 and < 500)
        {
            return full with { Violations = [] };
        }

        if (status is < 200 or > 299 || SchemaChecker.Parse(reply.Body, out var token) is not null)
        {
            return full;
        }

        // An envelope carrying an error code is the house way of saying no, whatever the HTTP status.
        // As written: an integer past 2^63 is a code too (JsonNumbers stands in for its value).
        var code = token is JObject envelope && envelope["code"] is JValue { Type: JTokenType.Integer } c ? JsonNumbers.Text(c) : null;
        if (code is not null && code != "200")
        {
            return full with { Violations = [] };
        }

        if (test.Expect == Expectation.Either)
        {
            return full;
        }

        var actual = string.Create(CultureInfo.InvariantCulture, $"HTTP {status}{(code is null ? "" : $", code {code}")}");
        return full with
        {
            Violations = [new Violation("$", Refusal, actual, Severity.Error, $"accepted an invalid request ({test.Why}): {actual} instead of {Refusal}", 0)],
        };
    }
}
