namespace OpMock.Core.Server;

/// <summary>
/// Where every answered request goes: each subscribed <see cref="IExchangeSink"/> (the request log of each
/// port, the console's live feed) gets each <see cref="Exchange"/> once, after its answer.
/// </summary>
internal sealed class ExchangeHub
{
    // Copied on subscribe and unsubscribe (rare), read without a lock on every request.
    private IExchangeSink[] sinks = [];

    public void Record(Exchange exchange)
    {
        foreach (var sink in Volatile.Read(ref sinks))
        {
            sink.Record(exchange);
        }
    }

    /// <summary>Adds a sink until the returned handle is disposed.</summary>
    public IDisposable Subscribe(IExchangeSink sink)
    {
        Update(current => [.. current, sink]);
        return new Subscription(() => Update(current => [.. current.Where(s => !ReferenceEquals(s, sink))]));
    }

    private void Update(Func<IExchangeSink[], IExchangeSink[]> change)
    {
        IExchangeSink[] seen, next;
        do
        {
            seen = Volatile.Read(ref sinks);
            next = change(seen);
        }
        while (Interlocked.CompareExchange(ref sinks, next, seen) != seen);
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
