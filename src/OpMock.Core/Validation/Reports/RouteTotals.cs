namespace OpMock.Core.Validation.Reports;

/// <summary>One route's counts, shared by the HTML report's table and chart so the two cannot disagree.</summary>
internal sealed record RouteTotals(string Label, int Checked, int Failed, int Errors, int Warnings)
{
    /// <summary>Generated cases (--cases): requests the contract accepts (valid, or null on an optional field) and refuses.</summary>
    public int Valid { get; init; }

    public int Invalid { get; init; }

    public int Violations => Errors + Warnings;

    public static IReadOnlyList<RouteTotals> Of(ValidationReport report) =>
        [.. report.ByRoute().Select(route => new RouteTotals(
            route.Key, route.Count(), route.Count(r => r.Failed), route.Sum(r => r.Errors), route.Sum(r => r.Warnings))
        {
            Valid = route.Count(r => r.Case is { Kind: not "invalid" }),
            Invalid = route.Count(r => r.Case is { Kind: "invalid" }),
        })];
}
