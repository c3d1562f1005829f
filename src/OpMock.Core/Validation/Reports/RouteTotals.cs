namespace OpMock.Core.Validation.Reports;

/// <summary>One route's counts, shared by the HTML report's table and chart so the two cannot disagree.</summary>
internal sealed record RouteTotals(string Label, int Checked, int Failed, int Errors, int Warnings)
{
    public int Violations => Errors + Warnings;

    public static IReadOnlyList<RouteTotals> Of(ValidationReport report) =>
        [.. report.ByRoute().Select(route => new RouteTotals(
            route.Key, route.Count(), route.Count(r => r.Failed), route.Sum(r => r.Errors), route.Sum(r => r.Warnings)))];
}
