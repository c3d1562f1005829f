namespace OpMock.Core.Validation;

/// <summary>
/// Receives each outcome as soon as it is known, so a run of any length is reported as it goes instead
/// of being held in memory until the end.
/// </summary>
internal interface IResultSink
{
    ValueTask AddAsync(CheckedResponse response, CancellationToken cancellationToken);

    ValueTask SkipAsync(SkippedResponse skipped, CancellationToken cancellationToken);
}

/// <summary>Keeps every outcome: for tests and small runs that want the whole <see cref="ValidationReport"/>.</summary>
internal sealed class CollectingSink : IResultSink
{
    private readonly List<CheckedResponse> responses = [];
    private readonly List<SkippedResponse> skipped = [];

    public ValidationReport Report => new([.. responses], [.. skipped]);

    public ValueTask AddAsync(CheckedResponse response, CancellationToken cancellationToken)
    {
        responses.Add(response);
        return ValueTask.CompletedTask;
    }

    public ValueTask SkipAsync(SkippedResponse skipped, CancellationToken cancellationToken)
    {
        this.skipped.Add(skipped);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Hands each outcome to several sinks in turn (the summary, then each report writer).</summary>
internal sealed class FanOutSink(IReadOnlyList<IResultSink> sinks) : IResultSink
{
    public async ValueTask AddAsync(CheckedResponse response, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks)
        {
            await sink.AddAsync(response, cancellationToken);
        }
    }

    public async ValueTask SkipAsync(SkippedResponse skipped, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks)
        {
            await sink.SkipAsync(skipped, cancellationToken);
        }
    }
}
