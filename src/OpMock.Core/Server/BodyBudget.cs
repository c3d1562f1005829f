namespace OpMock.Core.Server;

/// <summary>
/// The request-body bytes all connections of one server (both ports) may hold in memory while their bodies
/// arrive. The per-body deadline (<see cref="BodyReader"/>) bounds how long a stalled body is held, not how many
/// are: 1500 connections that each sent 1,048,000 of a declared 1 MiB and stopped held 1.5 GB for 20 s, and the
/// heap stayed grown after they closed. Past the budget a body is refused at once with a 503 (the client may
/// retry), so a flood of stalled bodies costs at most the budget plus Kestrel's small per-connection buffer.
/// </summary>
internal sealed class BodyBudget(long limit)
{
    /// <summary>The default: eight of the largest admin bodies, or 64 of the largest API bodies, at once.</summary>
    public const long DefaultBytes = 64L << 20;

    private long held;

    public long Limit => limit;

    /// <summary>Bytes held now (tests).</summary>
    public long Held => Interlocked.Read(ref held);

    /// <summary>Takes <paramref name="bytes"/> from the budget; false (nothing taken) when it would go past the limit.</summary>
    public bool TryTake(long bytes)
    {
        // Compare-and-swap rather than add-then-undo: a share that does not fit never shows in Held, so it cannot
        // make another that would fit fail.
        var now = Interlocked.Read(ref held);
        while (now + bytes <= limit)
        {
            var seen = Interlocked.CompareExchange(ref held, now + bytes, now);
            if (seen == now)
            {
                return true;
            }

            now = seen;
        }

        return false;
    }

    public void Give(long bytes) => Interlocked.Add(ref held, -bytes);
}
