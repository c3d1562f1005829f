using System.Collections.Immutable;

namespace OpMock.Core.Validation;

/// <summary>A response that was seen but not checked, and why (not a documented route, body not captured).</summary>
internal sealed record SkippedResponse(string Source, string Reason);

/// <summary>
/// Everything one validation run checked, in the order it was seen, held in full: for tests and small
/// runs. The command line streams outcomes through an <see cref="IResultSink"/> instead.
/// </summary>
internal sealed record ValidationReport(ImmutableArray<CheckedResponse> Checked, ImmutableArray<SkippedResponse> Skipped)
{
    public int Errors => Checked.Sum(c => c.Errors);

    public int Warnings => Checked.Sum(c => c.Warnings);

    public int FailedResponses => Checked.Count(c => c.Failed);

    /// <summary>Errors fail the run; warnings only do under --strict, which has already made them errors.</summary>
    public bool Passed => Errors == 0;

    /// <summary>Groups in first-seen order, so the report reads in the order traffic happened.</summary>
    public IEnumerable<IGrouping<string, CheckedResponse>> ByRoute() => Checked.GroupBy(c => c.Label, StringComparer.Ordinal);

    /// <summary>Plays the report into a sink, checked responses first, as a run would have.</summary>
    public async Task ReplayAsync(IResultSink sink, CancellationToken cancellationToken = default)
    {
        foreach (var response in Checked)
        {
            await sink.AddAsync(response, cancellationToken);
        }

        foreach (var skipped in Skipped)
        {
            await sink.SkipAsync(skipped, cancellationToken);
        }
    }
}
