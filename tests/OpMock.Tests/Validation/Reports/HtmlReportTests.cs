using Microsoft.Extensions.Time.Testing;
using System.Text;
using OpMock.Core.Diagnostics;
using OpMock.Core.Validation;
using OpMock.Core.Validation.Reports;
using OpMock.Tests.Support;

namespace OpMock.Tests.Validation.Reports;

public sealed class HtmlReportTests
{
    private static readonly FakeTimeProvider Noon = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Two routes, a clean and a drifted response, errors and warnings, a Chinese value and two skip reasons.</summary>
    internal static ValidationReport Small() => new(
        [
            new CheckedResponse("/op/v2/receives", null, "session.har entries[0]", 200, []),
            new CheckedResponse("/op/v2/receives", null, "session.har entries[1]", 200,
            [
                Wrong("data.isOnline", "boolean or null", "string", "\"yes\"", 5),
                Wrong("data.chats[0].nickName", "null or string", "array", "[\"阿洋\",\"张三\"]", 12),
                new Violation("data.chats[0].vip", "absent", "1", Severity.Warning, "`vip` is not documented", 14),
                new Violation("foot.host", "present", "missing", Severity.Error, "documented field `host` is missing", 40),
            ]),
            new CheckedResponse("/opapp/transfer", "/op/v2/getChatInfoByUserId", "session.har entries[2]", 500,
            [
                new Violation("$", "HTTP 2xx", "HTTP 500", Severity.Error, "HTTP status 500; the body is HTML or XML, not JSON", 0),
            ]),
        ],
        [
            new SkippedResponse("session.har entries[3]", "not a documented route"),
            new SkippedResponse("session.har entries[4]", "not a documented route"),
            new SkippedResponse("session.har entries[5]", "CORS preflight or HEAD request (no body to check)"),
        ]);

    [Fact]
    public void Render_SmallReport_MatchesGolden()
    {
        // Given a small report with two routes, errors, warnings and skipped entries, and a frozen clock
        var report = Small();

        // When it is rendered
        var html = HtmlReport.Render(report, Noon);

        // Then the page matches the reviewed golden one
        Golden.Match("validate/report.html", html);
    }

    [Fact]
    public void Render_SmallReport_NeedsNothingOutsideTheFile()
    {
        // Given a rendered report
        var html = HtmlReport.Render(Small(), Noon);

        // Then it loads nothing and runs nothing: no URL, script, external source, import or CSS url()
        foreach (var outside in new[] { "http://", "https://", "<script", "src=", "href=", "<link", "@import", "url(" })
        {
            html.ShouldNotContain(outside, Case.Insensitive);
        }

        // And the chart is inline SVG with one bar per route
        html.ShouldContain("<svg class=\"chart\"");
        html.Split("<g class=\"bar\"").Length.ShouldBe(3);
    }

    [Fact]
    public void Render_SmallReport_ShowsSeverityPathExpectedAndFoundOfEveryViolation()
    {
        // Given the small report
        var report = Small();

        // When it is rendered
        var html = HtmlReport.Render(report, Noon);

        // Then every violation has a row with its severity, path, expectation and offending value
        foreach (var violation in report.Checked.SelectMany(c => c.Violations))
        {
            var severity = violation.Severity.ToString().ToLowerInvariant();
            html.ShouldContain(
                $"<tr class=\"{severity}\"><td><span class=\"severity {severity}\">{severity}</span></td><td><code>{HtmlText.Escape(violation.Path)}</code>",
                Case.Sensitive, violation.Path);
            html.ShouldContain($"<td>{HtmlText.Escape(violation.Expected)}</td><td class=\"found\"><code>{HtmlText.Escape(violation.Actual)}</code>", Case.Sensitive, violation.Path);
        }

        // And Chinese stays UTF-8 text, not numeric entities
        html.ShouldContain("[&quot;阿洋&quot;,&quot;张三&quot;]");
        html.ShouldNotContain("&#");
    }

    [Theory]
    [InlineData("wrong type: said by the columns", "expected boolean or null, found string \"yes\"", false)]
    [InlineData("undocumented field", "`vip` is not documented", true)]
    [InlineData("missing field", "documented field `host` is missing", true)]
    [InlineData("HTTP error", "HTTP status 500; the body is HTML or XML, not JSON", true)]
    public void Render_Message_ShownOnlyWhenItAddsToExpectedAndFound(string scenario, string message, bool shown)
    {
        // Given a violation whose value is "yes" where a boolean was expected, with this message
        var violation = new Violation("data.isOnline", "boolean or null", "\"yes\"", Severity.Error, message, 5);
        var report = new ValidationReport([new CheckedResponse("/op/v2/receives", null, "a.json", null, [violation])], []);

        // When it is rendered
        var html = HtmlReport.Render(report, Noon);

        // Then the message is a note under the value only when it says more than the two columns
        html.Contains($"<span class=\"note\">{HtmlText.Escape(message)}</span>", StringComparison.Ordinal).ShouldBe(shown, scenario);
        html.ShouldContain("<code>&quot;yes&quot;</code>", Case.Sensitive, scenario);
    }

    [Fact]
    public void Render_ScriptInRouteSourceAndValues_IsEscapedEverywhere()
    {
        // Given a report whose route, source, path, values, message and skip reason all carry markup
        const string Evil = "<script>alert('x')</script><img src=\"https://evil.example/x.png\">";
        var report = new ValidationReport(
            [new CheckedResponse(Evil, Evil, Evil, 200, [new Violation(Evil, Evil, Evil, Severity.Error, Evil, 3)])],
            [new SkippedResponse(Evil, Evil)]);

        // When it is rendered
        var html = HtmlReport.Render(report, Noon);

        // Then no markup got through, only its escaped text (in the chart's attribute too)
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
        html.ShouldNotContain("src=\"", Case.Insensitive);
        html.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=&quot;https://evil.example/x.png&quot;&gt;");
        html.ShouldContain("data-route=\"&lt;script&gt;");
    }

    [Fact]
    public void Render_EmptyReport_SaysNothingWasCheckedWithoutAChart()
    {
        // Given a report of nothing, as a HAR with no documented route gives
        var report = new ValidationReport([], []);

        // When it is rendered
        var html = HtmlReport.Render(report, Noon);

        // Then it says so in each section, draws no chart and does not pass: nothing checked is no evidence
        html.ShouldContain("<p class=\"verdict failed\">No responses were checked.</p>");
        html.ShouldContain("No documented route was checked.");
        html.ShouldContain("No violations.");
        html.ShouldNotContain("<svg");
        html.ShouldNotContain("id=\"skipped\"");
        html.ShouldContain("Generated by opmock validate on 2026-11-22 12:00:00 UTC.");
    }

    [Fact]
    public async Task WriteAsync_ExistingFile_ReplacedWholeWithNoTemporaryFileLeft()
    {
        // Given an older report where the new one goes
        using var temp = new TempFolder();
        var path = temp.Write("out/report.html", "old report");

        // When the report is written there
        await HtmlReport.WriteAsync(Small(), path, Noon);

        // Then the file holds the new page as UTF-8 without a byte order mark, and nothing else is in the folder
        var bytes = await File.ReadAllBytesAsync(path);
        Encoding.UTF8.GetString(bytes).ShouldBe(HtmlReport.Render(Small(), Noon));
        bytes[0].ShouldBe((byte)'<');
        Directory.GetFiles(Path.GetDirectoryName(path)!).ShouldBe([path]);
    }

    [Fact]
    public async Task WriteAsync_MissingFolder_CreatesIt()
    {
        // Given a path under folders that do not exist yet
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "ci", "artifacts", "report.html");

        // When the report is written there
        await HtmlReport.WriteAsync(new ValidationReport([], []), path, Noon);

        // Then the folders and the report exist
        (await File.ReadAllTextAsync(path)).ShouldStartWith("<!DOCTYPE html>");
    }

    /// <summary>A wrong value as the schema checker words it: "expected X, found &lt;kind&gt; V".</summary>
    private static Violation Wrong(string path, string expected, string kind, string actual, int line) =>
        new(path, expected, actual, Severity.Error, $"expected {expected}, found {kind} {actual}", line);
}
