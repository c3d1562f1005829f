namespace OpMock.Core.World;

/// <summary>
/// The world of the current China day (<see cref="WorldOptions.On"/>): built on first use and again when the day
/// turns, so a server running for weeks keeps its times recent. A world is a pure function of (seed, fixtures,
/// docs, anchor), so two threads building it at midnight build the same one; the lock only saves the work.
/// </summary>
internal sealed class DailyWorld(WorldOptions options, Func<WorldOptions, OpWorld> build, TimeProvider time)
{
    private readonly Lock gate = new();
    private OpWorld? today;

    public OpWorld Today
    {
        get
        {
            var anchor = options.AnchorOn(time.GetUtcNow());
            var current = Volatile.Read(ref today);
            if (current is not null && current.Options.Anchor == anchor)
            {
                return current;
            }

            lock (gate)
            {
                current = today;
                if (current is null || current.Options.Anchor != anchor)
                {
                    current = build(options with { Anchor = anchor });
                    Volatile.Write(ref today, current);
                }

                return current;
            }
        }
    }
}
