using System.Globalization;
using System.Text;

namespace OpMock.Core.Validation.Reports;

/// <summary>
/// Violations per route as inline SVG horizontal bars: errors then warnings, stacked, with the numbers
/// written beside each bar. Inline SVG because the report must open with no network and no script.
/// </summary>
internal static class HtmlBarChart
{
    // Error red is dark and warning amber is light, so they stay apart in greyscale print and for
    // red-green colour blindness; the written numbers carry the meaning anyway.
    public const string ErrorColor = "#b42318";
    public const string WarningColor = "#f0b429";
    private const string TrackColor = "#eef0f3";

    // Bars are laid out in percent of the chart's width rather than scaled through a viewBox: a scaled
    // chart shrank its labels to 8px in a narrow window or on paper, percentages keep text at 13px.
    private const double BarArea = 76;
    private const double MinimumBar = 0.5;
    private const int LegendHeight = 30;
    private const int LabelHeight = 18;
    private const int BarHeight = 18;
    private const int RowGap = 16;
    private const int RowHeight = LabelHeight + BarHeight + RowGap;

    public static void Append(StringBuilder html, IReadOnlyList<RouteTotals> routes)
    {
        var height = LegendHeight + (routes.Count * RowHeight) - RowGap;
        var most = Math.Max(1, routes.Max(r => r.Violations));
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" width=\"100%\" height=\"{height}\" role=\"img\" aria-labelledby=\"chart-title\">\n")
            .Append("<title id=\"chart-title\">Violations per route: errors and warnings</title>\n");
        Legend(html);
        for (var i = 0; i < routes.Count; i++)
        {
            Bar(html, routes[i], LegendHeight + (i * RowHeight), most);
        }

        html.Append("</svg>\n");
    }

    private static void Legend(StringBuilder html) => html
        .Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"4\" width=\"12\" height=\"12\" fill=\"{ErrorColor}\"/>")
        .Append("<text x=\"18\" y=\"14\" class=\"legend\">Errors</text>")
        .Append(CultureInfo.InvariantCulture, $"<rect x=\"90\" y=\"4\" width=\"12\" height=\"12\" fill=\"{WarningColor}\"/>")
        .Append("<text x=\"108\" y=\"14\" class=\"legend\">Warnings</text>\n");

    private static void Bar(StringBuilder html, RouteTotals route, int top, int most)
    {
        var errors = Length(route.Errors, most);
        var warnings = Length(route.Warnings, most);
        var barTop = top + LabelHeight;
        var label = HtmlText.Escape(route.Label);
        html.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\" data-route=\"{label}\">")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{top + 13}\" class=\"route\">{label}</text>")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{barTop}\" width=\"{BarArea}%\" height=\"{BarHeight}\" fill=\"{TrackColor}\"/>");
        if (route.Errors > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"errors\" x=\"0\" y=\"{barTop}\" width=\"{errors:0.##}%\" height=\"{BarHeight}\" fill=\"{ErrorColor}\">")
                .Append(CultureInfo.InvariantCulture, $"<title>{HtmlText.Count(route.Errors, "error")}</title></rect>");
        }

        if (route.Warnings > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"warnings\" x=\"{errors:0.##}%\" y=\"{barTop}\" width=\"{warnings:0.##}%\" height=\"{BarHeight}\" fill=\"{WarningColor}\">")
                .Append(CultureInfo.InvariantCulture, $"<title>{HtmlText.Count(route.Warnings, "warning")}</title></rect>");
        }

        // The numbers sit right of the longest bar so they never overlap one; a clean route says so.
        var numbers = route.Violations == 0 ? "none" : $"{HtmlText.Count(route.Errors, "error")}, {HtmlText.Count(route.Warnings, "warning")}";
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{BarArea + 1}%\" y=\"{barTop + 14}\" class=\"numbers\">{numbers}</text></g>\n");
    }

    /// <summary>Bars scale to the busiest route; any count above zero keeps a sliver so it stays visible.</summary>
    private static double Length(int count, int most) => count == 0 ? 0 : Math.Max(MinimumBar, count * BarArea / most);
}
