using System.Globalization;
using System.Xml.Linq;

namespace OpMock.Core.Diff.Reports;

/// <summary>
/// `--format junit`: one test case per changed route, failing when the route has a change at or above --fail-on
/// or a broken recorded exchange; the failure lists them, the test case's output lists the rest.
/// </summary>
internal static class DiffJunit
{
    private const string Suite = "opmock diff";

    public static string Write(DiffReport report)
    {
        var routes = report.Routes.Union(report.Traffic.Broken.Select(b => b.Cause?.Route ?? b.Url.Split('?')[0])).Order(StringComparer.Ordinal).ToList();
        var cases = routes.Select(route => Case(report, route)).ToList();
        var failures = cases.Count(c => c.Element("failure") is not null);
        var suite = new XElement("testsuite",
            new XAttribute("name", Suite),
            new XAttribute("tests", cases.Count.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("failures", failures.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("errors", "0"),
            new XAttribute("skipped", "0"),
            cases);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
        return document.Declaration + "\n" + document.Root!.ToString() .Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static XElement Case(DiffReport report, string route)
    {
        var changes = report.Of(route).ToList();
        var broken = report.Traffic.Broken.Where(b => (b.Cause?.Route ?? b.Url.Split('?')[0]) == route).ToList();
        var failing = changes.Where(report.Fails).ToList();
        var element = new XElement("testcase", new XAttribute("classname", Suite), new XAttribute("name", route));
        if (failing.Count > 0 || broken.Count > 0)
        {
            var exchanges = broken.Select(b => b.Index).Distinct().Count();
            var message = string.Join(", ", new[]
            {
                failing.Count == 0 ? null : $"{failing.Count} change{(failing.Count == 1 ? "" : "s")} at or above {ChangeRules.Name(report.FailOn)}",
                exchanges == 0 ? null : $"{exchanges} recorded exchange{(exchanges == 1 ? "" : "s")} broken",
            }.OfType<string>());
            element.Add(new XElement("failure",
                new XAttribute("message", message),
                new XAttribute("type", "breaking"),
                string.Join('\n', failing.Select(Line).Concat(broken.Select(b => $"{b.Source} {b.Method} {b.Url}: {b.Where} {b.Path}: {b.Problem}")))));
        }

        var rest = changes.Where(c => !report.Fails(c)).Select(Line).ToList();
        if (rest.Count > 0)
        {
            element.Add(new XElement("system-out", string.Join('\n', rest)));
        }

        return element;
    }

    private static string Line(Change change) =>
        $"{ChangeRules.Name(change.Severity)}: {(change.Where == Change.InRoute ? "" : change.Where + " ")}{(change.Path.Length == 0 ? "" : change.Path + " ")}{change.What} ({DiffText.Arrow(change)})";
}
