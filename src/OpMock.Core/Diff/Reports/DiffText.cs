using System.Text;

namespace OpMock.Core.Diff.Reports;

/// <summary>`--format text`: a table per route, the most severe changes first, the broken exchanges, and a summary line.</summary>
internal static class DiffText
{
    public static string Write(DiffReport report)
    {
        var text = new StringBuilder();
        foreach (var route in report.Routes)
        {
            text.Append(route).Append('\n');
            var rows = report.Of(route).Select(c => new[]
            {
                ChangeRules.Name(c.Severity), c.Where, c.Path.Length == 0 ? "-" : c.Path, c.What, Arrow(c),
            }).ToList();
            Table(text, rows);
            text.Append('\n');
        }

        if (!report.Traffic.Broken.IsEmpty)
        {
            text.Append("broken recorded exchanges\n");
            Table(text, [.. report.Traffic.Broken.Select(b => new[]
            {
                b.Source, $"{b.Method} {b.Url}", $"{b.Where} {b.Path}", b.Problem, Cause(b.Cause),
            })]);
            text.Append('\n');
        }

        text.Append(report.Summary).Append('\n');
        return text.ToString();
    }

    public static string Arrow(Change change) =>
        change.Before.Length == 0 ? change.After : change.After.Length == 0 ? change.Before + " → (gone)" : $"{change.Before} → {change.After}";

    public static string Cause(Change? cause) =>
        cause is null ? "no listed change explains it" : $"{cause.What}: {cause.Route} {(cause.Path.Length == 0 ? "" : cause.Path + " ")}({Arrow(cause)})";

    /// <summary>Columns padded to their widest cell; the last column is left ragged.</summary>
    private static void Table(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            text.Append("  ");
            for (var i = 0; i < row.Length; i++)
            {
                text.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            text.Append('\n');
        }
    }
}
