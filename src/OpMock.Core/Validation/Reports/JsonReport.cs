using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Json;

namespace OpMock.Core.Validation.Reports;

/// <summary>
/// `--format json`, written as the run goes: every checked response on its own line in "responses", every
/// skipped entry in "skippedResponses", then the totals. Chinese is kept as UTF-8 text. Skipped entries
/// arrive between responses, so they wait in a temporary file, not in memory, until "responses" is closed.
/// </summary>
internal sealed class JsonReport(TextWriter output) : IReportWriter
{
    private readonly FileStream spool = new(
        Path.Combine(Path.GetTempPath(), $"opmock-skipped-{Guid.NewGuid():N}.jsonl"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    private bool started;
    private bool firstResponse = true;
    private long skipped;

    public static string Render(ValidationReport report) =>
        ReportWriters.RenderAsync(report, writer => new JsonReport(writer)).GetAwaiter().GetResult();

    public async ValueTask AddAsync(CheckedResponse response, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        await output.WriteAsync((firstResponse ? "\n    " : ",\n    ") + OpJson.ToCompactText(Response(response)));
        firstResponse = false;
    }

    public async ValueTask SkipAsync(SkippedResponse skipped, CancellationToken cancellationToken)
    {
        var line = (this.skipped++ == 0 ? "\n    " : ",\n    ")
            + OpJson.ToCompactText(new JsonObject { ["source"] = BodyText.Scrub(skipped.Source), ["reason"] = skipped.Reason });
        await spool.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
    }

    public async Task CompleteAsync(ReportSummary summary, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        await output.WriteAsync((firstResponse ? "]" : "\n  ]") + ",\n  \"skippedResponses\": [");
        spool.Position = 0;
        using (var reader = new StreamReader(spool, Encoding.UTF8, false, 64 * 1024, leaveOpen: true))
        {
            var buffer = new char[64 * 1024];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        var totals = new JsonObject
        {
            ["checked"] = summary.Checked,
            ["failed"] = summary.Failed,
            ["errors"] = summary.Errors,
            ["warnings"] = summary.Warnings,
            ["skipped"] = summary.Skipped,
            ["passed"] = summary.Passed && !summary.NothingChecked,
            ["skippedBecause"] = new JsonArray([.. summary.SkipReasons.Select(r => (JsonNode)new JsonObject { ["reason"] = r.Reason, ["count"] = r.Count })]),
        };
        if (summary.Routes.Any(r => r.HasCases))
        {
            // Generated cases: per route, how many were sent, how many the contract accepts or refuses, how many failed.
            totals["routes"] = new JsonArray([.. summary.Routes.Select(r => (JsonNode)new JsonObject
            {
                ["route"] = r.Label,
                ["cases"] = r.Checked,
                ["valid"] = r.Valid,
                ["invalid"] = r.Invalid,
                ["failed"] = r.Failed,
            })]);
        }

        // The totals close the same object: its text without the opening brace follows the arrays.
        var rest = OpJson.ToFileText(totals).TrimStart()[1..];
        await output.WriteAsync((skipped == 0 ? "]," : "\n  ],") + rest);
        await output.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => spool.DisposeAsync();

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!started)
        {
            started = true;
            await output.WriteAsync("{\n  \"responses\": [".AsMemory(), cancellationToken);
        }
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
        ["route"] = BodyText.Scrub(response.Route),
        ["reqUrl"] = response.ReqUrl is { } reqUrl ? BodyText.Scrub(reqUrl) : null,
        ["source"] = BodyText.Scrub(response.Source),
        ["status"] = response.Status,
        ["errors"] = response.Errors,
        ["warnings"] = response.Warnings,
        ["violations"] = new JsonArray([.. response.Violations.Select(v => (JsonNode)new JsonObject
        {
            ["path"] = BodyText.Scrub(v.Path),
            ["severity"] = v.Severity.ToString().ToLowerInvariant(),
            ["expected"] = BodyText.Scrub(v.Expected),
            ["actual"] = BodyText.Scrub(v.Actual),
            ["message"] = BodyText.Scrub(v.Message),
            ["line"] = v.Line == 0 ? null : v.Line,
        })]),
    };
}
