using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Validation.Reports;

/// <summary>
/// `--junit FILE`: one test case per checked response (its class name is the route), a failure for each
/// response with errors, and one skipped test case per skipped entry naming its reason, so the counts
/// add up as CI servers expect (tests = passed + failed + skipped). Test cases are streamed to a
/// temporary file; the totals the root element needs are only known at the end, when the report is
/// assembled beside its target and renamed into place.
/// </summary>
internal sealed class JunitReport : IReportWriter
{
    private const string Suite = "opmock validate";

    private readonly string path;
    private readonly FileStream spool;
    private readonly StreamWriter cases;

    public JunitReport(string path)
    {
        this.path = path;
        spool = new FileStream(Path.Combine(Path.GetTempPath(), $"opmock-junit-{Guid.NewGuid():N}.xml"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        cases = new StreamWriter(spool, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };
    }

    /// <summary>Writes a whole report held in memory.</summary>
    public static async Task WriteAsync(ValidationReport report, string path, CancellationToken cancellationToken = default)
    {
        await using var writer = new JunitReport(path);
        var summary = new ReportSummary();
        await report.ReplayAsync(new FanOutSink([summary, writer]), cancellationToken);
        await writer.CompleteAsync(summary, cancellationToken);
    }

    public async ValueTask AddAsync(CheckedResponse response, CancellationToken cancellationToken)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", Clean(response.Label)),
            new XAttribute("name", Clean(response.Source + (response.Case is { } c ? $" [{c.Kind}: {c.Why}]" : "") + (response.Status is { } s ? string.Create(CultureInfo.InvariantCulture, $" (HTTP {s})") : ""))));
        var lines = string.Join('\n', response.Violations.Select(v =>
            $"{v.Severity.ToString().ToLowerInvariant()} {v.Path}: {v.Message}" + (v.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $" (line {v.Line})") : "")));
        if (response is { Failed: true, Curl: { } curl })
        {
            lines += $"\nsmallest failing request: {response.Request}\nreplay: {curl}";
        }

        if (response.Failed)
        {
            var first = response.Violations.First(v => v.Severity == Severity.Error);
            element.Add(new XElement("failure",
                new XAttribute("message", Clean($"{response.Errors} contract violation(s); first: {first.Path}: {first.Message}")),
                new XAttribute("type", "ContractViolation"),
                Clean(lines)));
        }
        else if (response.Violations.Length > 0)
        {
            // Warnings do not fail the case, but CI should still show them.
            element.Add(new XElement("system-out", Clean(lines)));
        }

        await WriteCaseAsync(element, cancellationToken);
    }

    public ValueTask SkipAsync(SkippedResponse skipped, CancellationToken cancellationToken) =>
        WriteCaseAsync(new XElement("testcase",
            new XAttribute("classname", "skipped"),
            new XAttribute("name", Clean(skipped.Source)),
            new XElement("skipped", new XAttribute("message", Clean(skipped.Reason)))), cancellationToken);

    public async Task CompleteAsync(ReportSummary summary, CancellationToken cancellationToken)
    {
        await cases.FlushAsync(cancellationToken);
        var tests = summary.Checked + summary.Skipped;
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"tests=\"{tests}\" failures=\"{summary.Failed}\" errors=\"0\" skipped=\"{summary.Skipped}\"");
        await ReportFile.WriteAsync(path, async (stream, cancel) =>
        {
            var utf8 = new UTF8Encoding(false);
            await stream.WriteAsync(utf8.GetBytes(
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<testsuites name=\"{Suite}\" {counts}>\n  <testsuite name=\"{Suite}\" {counts}>\n"), cancel);
            spool.Position = 0;
            await spool.CopyToAsync(stream, cancel);
            await stream.WriteAsync(utf8.GetBytes("  </testsuite>\n</testsuites>\n"), cancel);
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await cases.DisposeAsync();
        await spool.DisposeAsync();
    }

    private async ValueTask WriteCaseAsync(XElement element, CancellationToken cancellationToken)
    {
        await cases.WriteAsync(("    " + element.ToString(SaveOptions.DisableFormatting) + "\n").AsMemory(), cancellationToken);
    }

    /// <summary>
    /// A response body can carry control characters that XML 1.0 cannot hold, and lone surrogates that no
    /// encoding can: both become U+FFFD.
    /// </summary>
    private static string Clean(string text)
    {
        text = BodyText.Scrub(text);
        return text.All(XmlConvert.IsXmlChar) ? text : new string([.. text.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD')]);
    }
}
