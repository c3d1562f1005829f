using System.Globalization;
using System.Text;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Validation.Reports;

/// <summary>
/// The default report, for people, written as the run goes: each response with findings and its
/// findings, each skipped entry with its reason, then per route how many responses were checked and
/// failed. Clean responses are only counted, so a HAR of thousands of requests stays readable.
/// </summary>
internal sealed class TextReport(TextWriter output) : IReportWriter
{
    public static string Render(ValidationReport report) =>
        ReportWriters.RenderAsync(report, writer => new TextReport(writer)).GetAwaiter().GetResult();

    public async ValueTask AddAsync(CheckedResponse response, CancellationToken cancellationToken)
    {
        if (response.Violations.Length == 0)
        {
            return;
        }

        var text = new StringBuilder();
        var status = response.Status is { } code ? $" (HTTP {code})" : "";
        var test = response.Case is { } c ? $" [{c.Kind}: {c.Why}]" : "";
        text.Append(CultureInfo.InvariantCulture, $"{response.Label}: {response.Source}{test}{status}:\n");
        foreach (var violation in response.Violations)
        {
            var severity = violation.Severity == Severity.Error ? "error  " : "warning";
            var line = violation.Line > 0 ? $" (line {violation.Line})" : "";
            text.Append(CultureInfo.InvariantCulture, $"    {severity} {violation.Path}: {violation.Message}{line}\n");
        }

        if (response is { Failed: true, Curl: { } curl })
        {
            text.Append(CultureInfo.InvariantCulture, $"    smallest failing request: {response.Request}\n    replay: {curl}\n");
        }

        await output.WriteAsync(text, cancellationToken);
    }

    public async ValueTask SkipAsync(SkippedResponse skipped, CancellationToken cancellationToken) =>
        await output.WriteAsync($"skipped {skipped.Source}: {skipped.Reason}\n".AsMemory(), cancellationToken);

    public async Task CompleteAsync(ReportSummary summary, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var route in summary.Routes)
        {
            text.Append(CultureInfo.InvariantCulture, $"{route.Label}: {ReportWriters.Count(route.Checked, "response")} checked{Cases(route)}, ")
                .Append(route.Failed == 0 ? "all passed" : $"{route.Failed} failed")
                .Append(route.Errors + route.Warnings == 0 ? "" : $" ({ReportWriters.Count(route.Errors, "error")}, {ReportWriters.Count(route.Warnings, "warning")})")
                .Append('\n');
        }

        foreach (var reason in summary.SkipReasons)
        {
            text.Append(CultureInfo.InvariantCulture, $"skipped {reason.Count}: {reason.Reason}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{ReportWriters.Count(summary.Checked, "response")} checked, {summary.Failed} failed, ")
            .Append(CultureInfo.InvariantCulture, $"{ReportWriters.Count(summary.Errors, "error")}, {ReportWriters.Count(summary.Warnings, "warning")}, {summary.Skipped} skipped\n");
        await output.WriteAsync(text, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Generated cases: how many of the route's requests the contract accepts and refuses.</summary>
    private static string Cases(RouteTotals route) =>
        route.HasCases ? string.Create(CultureInfo.InvariantCulture, $" ({route.Invalid} invalid, {route.Valid} valid)") : "";
}
