using System.Collections.Concurrent;

namespace OpMock.Core.World.State;

/// <summary>
/// The sessions of one server, across reloads: the <see cref="IStateStore"/> and the overlays read from it, one per
/// session, rebuilt only when the session's version moved. A request of a session nobody changed reads no
/// overlay at all. The overlays kept are bounded in count and in bytes (the store's budget of all sessions), and a
/// reset drops them: a session the store forgot must not be held here (300 reset sessions' overlays kept 340 MB).
/// </summary>
/// <param name="openers">Who opened which session, for rationing new ones per origin; unrationed when null.</param>
internal sealed class Sessions(IStateStore store, SessionOpeners? openers = null) : IAsyncDisposable
{
    /// <summary>The session of a request that names none (the X-OpMock-Session header absent).</summary>
    public const string Default = "default";

    /// <summary>Overlays kept at once; past it they are read again from the store (they are small and rebuilt fast).</summary>
    private const int Kept = 4096;

    private readonly ConcurrentDictionary<string, Overlay> overlays = new(StringComparer.Ordinal);
    private int count;

    // What the kept overlays hold (Overlay.Bytes); past the store's budget of all sessions they are all dropped,
    // which only happens when stale ones (expired or evicted sessions, another replica's reset) pile up.
    private long bytes;

    public IStateStore Store => store;

    /// <summary>What the overlays kept now hold (<see cref="Overlay.Bytes"/>).</summary>
    public long KeptBytes => Interlocked.Read(ref bytes);

    public SessionOpeners? Openers => openers;

    public static Sessions InMemory(TimeProvider time, StateLimits? limits = null) => new(new MemoryStateStore(limits ?? StateLimits.Default, time));

    /// <summary>The session at <paramref name="version"/> (or later, if it moved meanwhile): empty for version 0, else from cache or one store read.</summary>
    public async ValueTask<Overlay> OverlayAsync(string session, long version, CancellationToken cancel)
    {
        if (version == 0)
        {
            return Overlay.Empty;
        }

        if (overlays.TryGetValue(session, out var known) && known.Version == version)
        {
            return known;
        }

        var snapshot = await store.ReadAsync(session, cancel);
        return Keep(session, snapshot.Version == 0 ? Overlay.Empty : new Overlay(snapshot));
    }

    /// <summary>
    /// Applies a write's changes to the session, and the session as changed: <paramref name="before"/> with the
    /// changes added when nobody wrote to it in between (a write's cost stays that of its own changes, however large
    /// the session), else read again from the store.
    /// </summary>
    public async ValueTask<Overlay> ApplyAsync(string session, Overlay before, IReadOnlyList<Change> changes, CancellationToken cancel)
    {
        var applied = await store.ApplyAsync(session, changes, cancel);
        return applied.Previous == before.Version
            ? Keep(session, before.With(changes, applied.Version))
            : await OverlayAsync(session, applied.Version, cancel);
    }

    /// <summary>Resets the session (null: every session) in the store, and forgets what this server kept of it.</summary>
    public async ValueTask ResetAsync(string? session, CancellationToken cancel)
    {
        await store.ResetAsync(session, cancel);
        if (session is null)
        {
            Clear();
        }
        else if (overlays.TryRemove(session, out var dropped))
        {
            Interlocked.Decrement(ref count);
            Interlocked.Add(ref bytes, -dropped.Bytes);
        }

        openers?.Reset(session);
    }

    private Overlay Keep(string session, Overlay overlay)
    {
        if (overlays.TryGetValue(session, out var cached))
        {
            // Versions only grow: a slower request never puts an older overlay back.
            if (cached.Version < overlay.Version && overlays.TryUpdate(session, overlay, cached))
            {
                Held(overlay.Bytes - cached.Bytes);
            }
        }
        else if (overlays.TryAdd(session, overlay))
        {
            if (Interlocked.Increment(ref count) > Kept)
            {
                Clear();
            }
            else
            {
                Held(overlay.Bytes);
            }
        }

        return overlay;
    }

    private void Held(long added)
    {
        if (Interlocked.Add(ref bytes, added) > store.Limits.Bytes)
        {
            Clear();
        }
    }

    private void Clear()
    {
        overlays.Clear();
        Interlocked.Exchange(ref count, 0);
        Interlocked.Exchange(ref bytes, 0);
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
