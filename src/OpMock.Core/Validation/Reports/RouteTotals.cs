namespace OpMock.Core.Validation.Reports;

/// <summary>One route's counts, shared by every report so none can disagree with another.</summary>
internal sealed record RouteTotals(string Label, int Checked, int Failed, int Errors, int Warnings)
{
    public int Violations => Errors + Warnings;
}
