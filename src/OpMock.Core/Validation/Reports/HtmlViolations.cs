using System.Globalization;
using System.Text;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Validation.Reports;

/// <summary>
/// The HTML report's list of every violation: a table per route, a header row per response naming its
/// source and HTTP status, then one row per violation. Clean responses are only counted (as in the text
/// report) so a HAR of thousands of requests stays readable.
/// </summary>
internal static class HtmlViolations
{
    public static void Append(StringBuilder html, ReportSummary report)
    {
        html.Append("<h2 id=\"violations\">Violations</h2>\n");
        var routes = report.Kept.GroupBy(c => c.Label, StringComparer.Ordinal).Select(r => (r.Key, Responses: r.ToList())).ToList();
        if (report.WithFindings > report.Kept.Count)
        {
            // The page is for reading; the streamed text, JSON and JUnit reports list every response.
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">The first {report.Kept.Count} of {report.WithFindings} responses with findings")
                .Append(CultureInfo.InvariantCulture, $" (at most {ReportSummary.KeptViolations} findings each); the text, JSON and JUnit reports list them all.</p>\n");
        }

        if (routes.Count == 0)
        {
            html.Append("<p class=\"muted\">No violations.</p>\n");
            return;
        }

        foreach (var (route, responses) in routes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3><code>{HtmlText.Escape(route)}</code></h3>\n")
                .Append("<table class=\"violations\">\n")
                .Append("<thead><tr><th class=\"col-severity\">Severity</th><th class=\"col-path\">JSON path</th><th class=\"col-expected\">Expected</th>")
                .Append("<th>Found</th></tr></thead>\n");
            foreach (var response in responses)
            {
                Response(html, response);
            }

            html.Append("</table>\n");
        }
    }

    private static void Response(StringBuilder html, CheckedResponse response)
    {
        // Files have no status and a refused connection had none: say so rather than leave a gap.
        var status = response.Status is { } code ? string.Create(CultureInfo.InvariantCulture, $"HTTP {code}") : "no HTTP status";
        html.Append(CultureInfo.InvariantCulture, $"<tbody>\n<tr class=\"response\"><th colspan=\"4\"><code>{HtmlText.Escape(response.Source)}</code>")
            .Append(CultureInfo.InvariantCulture, $"<span class=\"status muted\">{status}</span></th></tr>\n");
        if (response.Case is { } test)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"case\"><td colspan=\"4\">{HtmlText.Escape(test.Kind)} request: {HtmlText.Escape(test.Why)}</td></tr>\n");
        }

        if (response is { Failed: true, Curl: { } curl })
        {
            // The smallest request that still fails, and the command that replays it, ready to copy.
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"replay\"><td colspan=\"4\">smallest failing request <code>{HtmlText.Escape(response.Request ?? "")}</code>")
                .Append(CultureInfo.InvariantCulture, $"<br>replay <code>{HtmlText.Escape(curl)}</code></td></tr>\n");
        }

        foreach (var violation in response.Violations)
        {
            var severity = violation.Severity == Severity.Error ? "error" : "warning";
            var line = violation.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"<span class=\"line muted\">line {violation.Line}</span>") : "";
            var note = Restates(violation) ? "" : $"<span class=\"note\">{HtmlText.Escape(violation.Message)}</span>";
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{severity}\"><td><span class=\"severity {severity}\">{severity}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td><code>{HtmlText.Escape(violation.Path)}</code>{line}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{HtmlText.Escape(violation.Expected)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"found\"><code>{HtmlText.Escape(violation.Actual)}</code>{note}</td></tr>\n");
        }

        html.Append("</tbody>\n");
    }

    /// <summary>
    /// A wrong value's message is "expected X, found &lt;kind&gt; V", which the Expected and Found columns already
    /// show; printed again it doubled every long value. Other messages (a missing or undocumented field,
    /// HTTP 500, an envelope error code) say something the columns do not, so they stay under the value.
    /// </summary>
    private static bool Restates(Violation violation) =>
        violation.Message.StartsWith($"expected {violation.Expected}, found ", StringComparison.Ordinal)
        && violation.Message.EndsWith(violation.Actual, StringComparison.Ordinal);
}
