using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Validation.Reports;

/// <summary>
/// `--junit FILE`: one test suite per route, one test case per checked response, a failure for each
/// response with errors, so CI servers show contract drift next to unit tests.
/// </summary>
internal static class JunitReport
{
    public static XDocument Build(ValidationReport report)
    {
        var suites = report.ByRoute().Select(route => new XElement("testsuite",
            new XAttribute("name", Clean(route.Key)),
            new XAttribute("tests", route.Count()),
            new XAttribute("failures", route.Count(r => r.Failed)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            route.Select(Case)));
        return new XDocument(new XElement("testsuites",
            new XAttribute("name", "opmock validate"),
            new XAttribute("tests", report.Checked.Length),
            new XAttribute("failures", report.FailedResponses),
            new XAttribute("errors", 0),
            new XAttribute("skipped", report.Skipped.Length),
            suites));
    }

    /// <summary>Writes beside the target and renames, so CI never picks up half a file.</summary>
    public static Task WriteAsync(ValidationReport report, string path, CancellationToken cancellationToken = default) =>
        ReportFile.WriteAsync(path, async (stream, cancel) =>
        {
            await using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) });
            await Build(report).SaveAsync(writer, cancel);
        }, cancellationToken);

    private static XElement Case(CheckedResponse response)
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

        return element;
    }

    /// <summary>A response body can carry control characters that XML 1.0 cannot hold; they become U+FFFD.</summary>
    private static string Clean(string text) =>
        text.All(XmlConvert.IsXmlChar) ? text : new string([.. text.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD')]);
}
