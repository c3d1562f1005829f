namespace OpMock.Core.Validation.Reports;

/// <summary>One route's counts, shared by every report so none can disagree with another.</summary>
internal sealed record RouteTotals(string Label, int Checked, int Failed, int Errors, int Warnings)
{
    /// <summary>Generated cases (--cases): requests the contract accepts (valid, or null on an optional field) and refuses.</summary>
    public int Valid { get; init; }

    public int Invalid { get; init; }

    public int Violations => Errors + Warnings;

    /// <summary>Whether the route's responses were generated cases (--cases), so their valid/invalid counts mean something.</summary>
    public bool HasCases => Valid + Invalid > 0;
}
