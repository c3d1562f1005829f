using System.Text;

namespace OpMock.Core.Diff.Reports;

/// <summary>`--format markdown`: a heading and a table, ready to post as a pull-request comment.</summary>
internal static class DiffMarkdown
{
    public static string Write(DiffReport report)
    {
        var text = new StringBuilder();
        var mark = report.Passed ? "✅" : "❌";
        text.Append($"## {mark} OpMock diff against `{Cell(report.Base)}`\n\n");
        text.Append(report.Summary).Append(".\n");
        if (!report.Changes.IsEmpty)
        {
            text.Append("\n| severity | route | where | field | change | before → after |\n|---|---|---|---|---|---|\n");
            foreach (var change in report.Routes.SelectMany(report.Of))
            {
                text.Append($"| {Severity(change.Severity)} | `{Cell(change.Route)}` | {change.Where} | {Code(change.Path)} | {change.What} | {Cell(DiffText.Arrow(change))} |\n");
            }
        }

        if (!report.Traffic.Broken.IsEmpty)
        {
            text.Append("\n### Broken recorded exchanges\n\n| exchange | request | field | problem | caused by |\n|---|---|---|---|---|\n");
            foreach (var broken in report.Traffic.Broken)
            {
                text.Append($"| {Cell(broken.Source)} | {broken.Method} `{Cell(broken.Url)}` | {broken.Where} {Code(broken.Path)} | {Cell(broken.Problem)} | {Cell(DiffText.Cause(broken.Cause))} |\n");
            }
        }

        return text.ToString();
    }

    private static string Severity(ChangeSeverity severity) => severity switch
    {
        ChangeSeverity.Breaking => "🔴 breaking",
        ChangeSeverity.PotentiallyBreaking => "🟠 potentially-breaking",
        _ => "🟢 safe",
    };

    private static string Code(string path) => path.Length == 0 ? "" : $"`{Cell(path)}`";

    /// <summary>A pipe ends a cell and a newline ends the row: both are escaped so any doc text stays in its cell.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
