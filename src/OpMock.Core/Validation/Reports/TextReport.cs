using System.Globalization;
using System.Text;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Validation.Reports;

/// <summary>
/// The default report, for people: per route how many responses were checked and failed, then each
/// response with findings and its findings. Clean responses are only counted, so a HAR of thousands of
/// requests stays readable.
/// </summary>
internal static class TextReport
{
    public static string Render(ValidationReport report)
    {
        var text = new StringBuilder();
        foreach (var route in report.ByRoute())
        {
            var responses = route.ToList();
            var failed = responses.Count(r => r.Failed);
            text.Append(CultureInfo.InvariantCulture, $"{route.Key}: {Count(responses.Count, "response")} checked{Cases(responses)}, ")
                .Append(failed == 0 ? "all passed" : $"{failed} failed")
                .Append(Totals(responses.Sum(r => r.Errors), responses.Sum(r => r.Warnings)))
                .Append('\n');
            foreach (var response in responses.Where(r => r.Violations.Length > 0))
            {
                var status = response.Status is { } code ? $" (HTTP {code})" : "";
                var test = response.Case is { } c ? $" [{c.Kind}: {c.Why}]" : "";
                text.Append(CultureInfo.InvariantCulture, $"  {response.Source}{test}{status}:\n");
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
            }
        }

        foreach (var reason in report.Skipped.GroupBy(s => s.Reason, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"skipped {reason.Count()}: {reason.Key}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{Count(report.Checked.Length, "response")} checked, {report.FailedResponses} failed, ")
            .Append(CultureInfo.InvariantCulture, $"{Count(report.Errors, "error")}, {Count(report.Warnings, "warning")}, {report.Skipped.Length} skipped\n");
        return text.ToString();
    }

    /// <summary>Generated cases: how many of the route's requests were valid and invalid.</summary>
    private static string Cases(List<CheckedResponse> responses)
    {
        var kinds = responses.Where(r => r.Case is not null).GroupBy(r => r.Case!.Value.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        return kinds.Count == 0 ? "" : " (" + string.Join(", ", kinds.Select(g => $"{g.Count()} {g.Key}")) + ")";
    }

    private static string Totals(int errors, int warnings) =>
        errors + warnings == 0 ? "" : $" ({Count(errors, "error")}, {Count(warnings, "warning")})";

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
