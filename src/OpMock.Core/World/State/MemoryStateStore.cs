using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace OpMock.Core.World.State;

/// <summary>
/// Session state in this process: the default, nothing to install. A session's records are immutable and replaced
/// whole on each write, under that session's own lock, so reads never wait (a flood of writes never stops reads)
/// and a write is applied all at once. Expiry is checked when a session is touched and when room is needed; the
/// <see cref="StateLimits.Sessions"/> bound holds whether or not anything expires.
/// </summary>
internal sealed class MemoryStateStore(StateLimits limits, TimeProvider time) : IStateStore
{
    private readonly ConcurrentDictionary<string, Session> sessions = new(StringComparer.Ordinal);

    // Taken only to add a session, so the count bound holds; every other call is per session.
    private readonly Lock adding = new();

    // Versions come from one clock for all sessions: never reused, even after a reset, so (session, version) keys a cache.
    private long clock;

    // What all sessions' changes hold (StateBudget): added under a session's lock, given back when it is reset or dropped.
    private long bytes;

    public StateLimits Limits => limits;

    public ValueTask<SessionHead> HeadAsync(string session, CancellationToken cancel)
    {
        if (Live(session) is not { } found)
        {
            return ValueTask.FromResult(SessionHead.Seeded);
        }

        Volatile.Write(ref found.LastUsed, Now);
        return ValueTask.FromResult(new SessionHead(Volatile.Read(ref found.Data).Version, Volatile.Read(ref found.Scenario)));
    }

    public ValueTask<SessionSnapshot> ReadAsync(string session, CancellationToken cancel) =>
        ValueTask.FromResult(Live(session) is { } found ? Volatile.Read(ref found.Data).Snapshot : SessionSnapshot.Empty);

    /// <summary>What all sessions' changes hold now, in <see cref="StateBudget"/> bytes.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    public ValueTask<Applied> ApplyAsync(string session, IReadOnlyList<Change> changes, CancellationToken cancel)
    {
        var swept = false;
        while (true)
        {
            var target = Create(session);
            var sweep = false;
            lock (target.Gate)
            {
                // Dropped (expired, evicted, reset) between finding it and locking it: write to the session as it is now.
                if (!target.Gone)
                {
                    try
                    {
                        return ValueTask.FromResult(Apply(session, target, changes));
                    }
                    catch (StateFullException full) when (full.Limit == StateLimit.Bytes && !swept)
                    {
                        sweep = swept = true;
                    }
                }
            }

            // Expired sessions hold their bytes until something drops them: dropped here, outside this session's lock
            // (Drop takes theirs), and the write is tried once more.
            if (sweep)
            {
                DropExpired();
            }
        }
    }

    /// <summary>Applies the changes to a session whose lock the caller holds, within the record and byte budgets.</summary>
    private Applied Apply(string session, Session target, IReadOnlyList<Change> changes)
    {
        var data = Volatile.Read(ref target.Data);
        var records = data.Records.ToBuilder();
        var counts = data.Counts.ToBuilder();
        long cost = 0;
        foreach (var change in changes)
        {
            var key = new RecordKey(change.Collection, change.Id);
            if (!records.TryGetValue(key, out var fields))
            {
                if (records.Count >= limits.RecordsPerSession)
                {
                    throw new StateFullException(StateLimit.Records,
                        $"session `{session}` already changed {limits.RecordsPerSession} records (entities, messages, created items), the most one session keeps; reset it (POST /__admin/opmock/reset?session={session})");
                }

                var inCollection = counts.GetValueOrDefault(change.Collection);
                if (inCollection >= limits.PerCollection)
                {
                    throw new StateFullException(StateLimit.Collection,
                        $"session `{session}` already holds {limits.PerCollection} {StateBudget.Collection(change.Collection)}, the most one session keeps of one collection; reset it (POST /__admin/opmock/reset?session={session})");
                }

                counts[change.Collection] = inCollection + 1;
                fields = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
                cost += StateBudget.Record(change.Collection, change.Id);
            }
            else if (fields.TryGetValue(change.Field, out var old))
            {
                cost -= StateBudget.Field(change.Field, old);
            }

            cost += StateBudget.Field(change.Field, change.Json);
            records[key] = fields.SetItem(change.Field, change.Json);
        }

        if (cost > 0 && data.Bytes + cost > limits.SessionBytes)
        {
            throw StateBudget.SessionFull(session, data.Bytes, cost, limits.SessionBytes);
        }

        var total = Interlocked.Add(ref bytes, cost);
        if (cost > 0 && total > limits.Bytes)
        {
            Interlocked.Add(ref bytes, -cost);
            throw StateBudget.AllFull(session, total - cost, cost, limits.Bytes);
        }

        var version = Interlocked.Increment(ref clock);
        Volatile.Write(ref target.Data, new Data(version, records.ToImmutable(), counts.ToImmutable(), data.Writes + 1, data.Bytes + cost));
        Volatile.Write(ref target.LastUsed, Now);
        return new Applied(version, data.Version);
    }

    public ValueTask<long> NextSequenceAsync(string session, int count, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var target = Create(session);
        return ValueTask.FromResult(Interlocked.Add(ref target.Sequence, count) - count + 1);
    }

    public ValueTask ResetAsync(string? session, CancellationToken cancel)
    {
        foreach (var name in session is null ? [.. sessions.Keys] : new[] { session })
        {
            if (sessions.TryGetValue(name, out var found))
            {
                lock (found.Gate)
                {
                    Interlocked.Add(ref bytes, -Volatile.Read(ref found.Data).Bytes);
                    Volatile.Write(ref found.Data, Data.Empty);
                    Interlocked.Exchange(ref found.Sequence, 0);
                }

                // A session kept only for its default scenario stays; one with nothing left goes.
                if (Volatile.Read(ref found.Scenario) is null)
                {
                    Drop(name, found);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<ImmutableArray<SessionInfo>> ListAsync(CancellationToken cancel)
    {
        var list = ImmutableArray.CreateBuilder<SessionInfo>();
        foreach (var name in sessions.Keys.Order(StringComparer.Ordinal))
        {
            if (Live(name) is { } found)
            {
                var data = Volatile.Read(ref found.Data);
                list.Add(new SessionInfo(name, data.Version, data.Records.Count, data.Writes,
                    new DateTimeOffset(Volatile.Read(ref found.LastUsed), TimeSpan.Zero), Volatile.Read(ref found.Scenario)));
            }
        }

        return ValueTask.FromResult(list.ToImmutable());
    }

    public ValueTask SetScenarioAsync(string session, string? scenario, CancellationToken cancel)
    {
        if (scenario is null && Live(session) is null)
        {
            return ValueTask.CompletedTask;
        }

        var target = Create(session);
        Volatile.Write(ref target.Scenario, scenario);
        Volatile.Write(ref target.LastUsed, Now);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        sessions.Clear();
        Interlocked.Exchange(ref bytes, 0);
        return ValueTask.CompletedTask;
    }

    /// <summary>Removes a session (expired, evicted, reset) and gives its bytes back; a write that found it before sees it gone.</summary>
    private void Drop(string name, Session found)
    {
        if (!sessions.TryRemove(KeyValuePair.Create(name, found)))
        {
            return;
        }

        lock (found.Gate)
        {
            found.Gone = true;
            Interlocked.Add(ref bytes, -Volatile.Read(ref found.Data).Bytes);
            Volatile.Write(ref found.Data, Data.Empty);
        }
    }

    private long Now => time.GetUtcNow().UtcTicks;

    /// <summary>The session, unless the store holds none or it expired (then it is dropped).</summary>
    private Session? Live(string name)
    {
        if (!sessions.TryGetValue(name, out var found))
        {
            return null;
        }

        if (Now - Volatile.Read(ref found.LastUsed) < limits.Idle.Ticks)
        {
            return found;
        }

        Drop(name, found);
        return null;
    }

    private Session Create(string name)
    {
        if (Live(name) is { } found)
        {
            return found;
        }

        lock (adding)
        {
            if (sessions.TryGetValue(name, out found))
            {
                return found;
            }

            if (sessions.Count >= limits.Sessions)
            {
                MakeRoom();
            }

            found = new Session { LastUsed = Now };
            sessions[name] = found;
            return found;
        }
    }

    private void DropExpired()
    {
        var now = Now;
        foreach (var pair in sessions)
        {
            if (now - Volatile.Read(ref pair.Value.LastUsed) >= limits.Idle.Ticks)
            {
                Drop(pair.Key, pair.Value);
            }
        }
    }

    /// <summary>Drops expired sessions, else the one idle longest if idle long enough; else the store is full.</summary>
    private void MakeRoom()
    {
        DropExpired();
        if (sessions.Count < limits.Sessions)
        {
            return;
        }

        var now = Now;
        var idle = sessions.Select(pair => (pair.Key, pair.Value, Used: Volatile.Read(ref pair.Value.LastUsed))).MinBy(s => s.Used);
        if (idle.Value is not null && now - idle.Used >= limits.EvictAfter.Ticks)
        {
            Drop(idle.Key, idle.Value);
            return;
        }

        throw new StateFullException(StateLimit.Sessions,
            $"{limits.Sessions} sessions are in use, each within the last {limits.EvictAfter.TotalSeconds:0} s, the most the server keeps; reset finished ones (POST /__admin/opmock/reset?session=NAME) or reuse a session name");
    }

    private readonly record struct RecordKey(string Collection, string Id);

    private sealed class Session
    {
        public readonly Lock Gate = new();
        public Data Data = Data.Empty;
        public long LastUsed;
        public long Sequence;
        public string? Scenario;

        /// <summary>Removed from the store: a write that found it before must find the session again.</summary>
        public bool Gone;
    }

    /// <summary>A session's records at one version; replaced whole, never changed.</summary>
    private sealed class Data(long version, ImmutableDictionary<RecordKey, ImmutableDictionary<string, string>> records, ImmutableDictionary<string, int> counts, int writes, long bytes)
    {
        public static readonly Data Empty = new(0, ImmutableDictionary<RecordKey, ImmutableDictionary<string, string>>.Empty,
            ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal), 0, 0);

        private SessionSnapshot? snapshot;

        public long Version => version;

        public ImmutableDictionary<RecordKey, ImmutableDictionary<string, string>> Records => records;

        public ImmutableDictionary<string, int> Counts => counts;

        public int Writes => writes;

        /// <summary>What the records hold (<see cref="StateBudget"/>).</summary>
        public long Bytes => bytes;

        // Built on the first read of this version: a session written many times between reads pays once.
        // In no particular order: the overlay keys what it reads (sorting a session's thousand changes on each
        // write's first read was a quarter of the server's time at 10 % writes).
        public SessionSnapshot Snapshot => snapshot ??= version == 0 ? SessionSnapshot.Empty : new SessionSnapshot(version, [.. records
            .SelectMany(r => r.Value.Select(f => new Change(r.Key.Collection, r.Key.Id, f.Key, f.Value)))]);
    }
}
