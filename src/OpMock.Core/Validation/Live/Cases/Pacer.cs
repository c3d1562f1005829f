namespace OpMock.Core.Validation.Live.Cases;

/// <summary>Spaces requests to at most <c>rate</c> per second across all concurrent senders; no rate, no waiting.</summary>
internal sealed class Pacer(double? rate, TimeProvider time)
{
    private readonly Lock gate = new();
    private DateTimeOffset next = DateTimeOffset.MinValue;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (rate is not { } perSecond)
        {
            return;
        }

        TimeSpan wait;
        lock (gate)
        {
            var now = time.GetUtcNow();
            var slot = next > now ? next : now;
            next = slot + TimeSpan.FromSeconds(1 / perSecond);
            wait = slot - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
