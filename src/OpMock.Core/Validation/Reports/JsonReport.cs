using System.Text.Json.Nodes;
using OpMock.Core.Json;

namespace OpMock.Core.Validation.Reports;

/// <summary>`--format json`: the whole report for tools, Chinese kept as UTF-8 text.</summary>
internal static class JsonReport
{
    public static string Render(ValidationReport report)
    {
        var root = new JsonObject
        {
            ["checked"] = report.Checked.Length,
            ["failed"] = report.FailedResponses,
            ["errors"] = report.Errors,
            ["warnings"] = report.Warnings,
            ["skipped"] = report.Skipped.Length,
            ["passed"] = report.Passed,
            ["responses"] = new JsonArray([.. report.Checked.Select(Response)]),
            ["skippedBecause"] = new JsonArray([.. report.Skipped.GroupBy(s => s.Reason, StringComparer.Ordinal)
                .Select(g => (JsonNode)new JsonObject { ["reason"] = g.Key, ["count"] = g.Count() })]),
        };
        if (report.Checked.Any(c => c.Case is not null))
        {
            // Generated cases: per route, how many were sent, how many the contract accepts or refuses, how many failed.
            root["routes"] = new JsonArray([.. RouteTotals.Of(report).Select(r => (JsonNode)new JsonObject
            {
                ["route"] = r.Label,
                ["cases"] = r.Checked,
                ["valid"] = r.Valid,
                ["invalid"] = r.Invalid,
                ["failed"] = r.Failed,
            })]);
        }

        return OpJson.ToFileText(root);
    }

    private static JsonNode Response(CheckedResponse response)
    {
        var node = Fields(response);
        if (response.Case is { } test)
        {
            // Generated cases: what was sent — the object, or the exact text when it was no object — and how to replay it.
            node["case"] = new JsonObject { ["kind"] = test.Kind, ["why"] = test.Why };
            node["request"] = response.Request is { } body ? OpJson.TryParse(body, out _, out _) as JsonObject ?? (JsonNode)JsonValue.Create(body) : null;
            node["curl"] = response.Curl;
        }

        return node;
    }

    private static JsonObject Fields(CheckedResponse response) => new()
    {
        ["route"] = response.Route,
        ["reqUrl"] = response.ReqUrl,
        ["source"] = response.Source,
        ["status"] = response.Status,
        ["errors"] = response.Errors,
        ["warnings"] = response.Warnings,
        ["violations"] = new JsonArray([.. response.Violations.Select(v => (JsonNode)new JsonObject
        {
            ["path"] = v.Path,
            ["severity"] = v.Severity.ToString().ToLowerInvariant(),
            ["expected"] = v.Expected,
            ["actual"] = v.Actual,
            ["message"] = v.Message,
            ["line"] = v.Line == 0 ? null : v.Line,
        })]),
    };
}
