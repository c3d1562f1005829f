using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace OpMock.Core.World.State;

/// <summary>
/// Session state in Redis, shared by every replica started with the same docs, fixtures and seed (keys under
/// <see cref="StateNamespace"/>): a write through one replica is read by the next request through any other; ids
/// come from one atomic sequence; a reset on one resets for all. Each call is one Lua script
/// (<see cref="RedisScripts"/>), so it is atomic and one round trip.
/// </summary>
/// <remarks>
/// A request costs one round trip (<see cref="HeadAsync"/>: "anything changed?"); the session's records are read
/// again only when its version moved, and a replica's own write moves its cached snapshot forward without a read.
/// When Redis is gone, reads answer from the last state this replica read (the seeded world for sessions it never
/// read) and writes throw <see cref="StateUnavailableException"/>; the connection is retried in the background
/// (<see cref="RedisConnection"/>) and service resumes when Redis is back.
/// </remarks>
internal sealed class RedisStateStore : IStateStore
{
    private readonly ConnectionMultiplexer connection;
    private readonly IDatabase database;
    private readonly string store;
    private readonly string prefix;
    private readonly StateLimits limits;
    private readonly TimeProvider time;

    // What this replica last knew of each session it read: the answer while Redis is gone, and the snapshot reused
    // while the version holds. Bounded like the sessions themselves.
    private readonly ConcurrentDictionary<string, Known> known = new(StringComparer.Ordinal);

    public RedisStateStore(ConnectionMultiplexer connection, RedisUrl url, string prefix, StateLimits limits, TimeProvider time)
    {
        this.connection = connection;
        database = connection.GetDatabase();
        store = url.ToString();
        this.prefix = prefix;
        this.limits = limits;
        this.time = time;

        // A Redis that restarted lost everything: what this replica knew is no longer so.
        connection.ConnectionRestored += (_, e) =>
        {
            known.Clear();
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                Restored?.Invoke();
            }
        };
    }

    /// <summary>Raised when the connection commands run on is back after a loss (what a replica's caller can await).</summary>
    internal event Action? Restored;

    public StateLimits Limits => limits;

    /// <summary>The store as messages name it (redis://HOST:PORT/DB).</summary>
    public string Url => store;

    public async ValueTask<SessionHead> HeadAsync(string session, CancellationToken cancel)
    {
        RedisResult[] result;
        try
        {
            result = (RedisResult[])(await RunAsync(RedisScripts.Head, session, []))!;
        }
        catch (StateUnavailableException)
        {
            // Redis gone: the state this replica holds records of, at their own version (the seeded world when it holds
            // none), so an answer cached by version is always an answer of that version.
            return known.TryGetValue(session, out var last) ? new SessionHead(last.Snapshot?.Version ?? 0, last.Head.Scenario) : SessionHead.Seeded;
        }

        Lost(session, result);
        var head = new SessionHead(Version(result[0]), result.Length > 1 && !result[1].IsNull ? (string?)result[1] : null);
        Remember(session, head, snapshot: null);
        return head;
    }

    public async ValueTask<SessionSnapshot> ReadAsync(string session, CancellationToken cancel)
    {
        if (known.TryGetValue(session, out var last) && last.Snapshot is { } cached && cached.Version == last.Head.Version)
        {
            return cached;
        }

        RedisResult[] result;
        try
        {
            result = (RedisResult[])(await RunAsync(RedisScripts.Read, session, []))!;
        }
        catch (StateUnavailableException)
        {
            return last?.Snapshot ?? SessionSnapshot.Empty;
        }

        Lost(session, result);
        var version = Version(result[0]);
        var snapshot = version == 0 ? SessionSnapshot.Empty : new SessionSnapshot(version, Changes((RedisResult[])result[1]!));
        Remember(session, new SessionHead(version, last?.Head.Scenario), snapshot);
        return snapshot;
    }

    public async ValueTask<Applied> ApplyAsync(string session, IReadOnlyList<Change> changes, CancellationToken cancel)
    {
        var values = new List<RedisValue>(7 + changes.Count * 6)
        {
            limits.Sessions, (long)limits.EvictAfter.TotalMilliseconds, limits.RecordsPerSession, limits.PerCollection,
            time.GetUtcNow().ToUnixTimeMilliseconds() * 1000, limits.SessionBytes, limits.Bytes,
        };
        foreach (var change in changes)
        {
            values.Add(change.Collection);
            values.Add(JsonSerializer.Serialize(new[] { change.Collection, change.Id }));
            values.Add(JsonSerializer.Serialize(new[] { change.Collection, change.Id, change.Field }));
            values.Add(change.Json);
            values.Add(StateBudget.FieldBase(change.Field));
            values.Add(StateBudget.Record(change.Collection, change.Id));
        }

        var result = Refused(session, (RedisResult[])(await RunAsync(RedisScripts.Apply, session, [.. values], clock: true))!);
        var version = Version(result[1]);

        // Nobody wrote between the snapshot this replica holds (none: the seeded world) and this write: the new one is
        // that plus these changes, with no read.
        var previous = Version(result[2]);
        var last = known.GetValueOrDefault(session);
        if ((last?.Snapshot ?? (last is null ? SessionSnapshot.Empty : null)) is { } before && before.Version == previous)
        {
            Remember(session, new SessionHead(version, last?.Head.Scenario), Merge(before, changes, version));
        }

        return new Applied(version, previous);
    }

    public async ValueTask<long> NextSequenceAsync(string session, int count, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var result = Refused(session, (RedisResult[])(await RunAsync(RedisScripts.Sequence, session,
            [limits.Sessions, (long)limits.EvictAfter.TotalMilliseconds, count]))!);
        return (long)result[1];
    }

    public async ValueTask ResetAsync(string? session, CancellationToken cancel)
    {
        await RunAsync(RedisScripts.Reset, session ?? "", []);
        if (session is null)
        {
            known.Clear();
        }
        else
        {
            known.TryRemove(session, out _);
        }
    }

    public async ValueTask<ImmutableArray<SessionInfo>> ListAsync(CancellationToken cancel)
    {
        var result = (RedisResult[])(await RunAsync(RedisScripts.List, "", []))!;
        var list = ImmutableArray.CreateBuilder<SessionInfo>(result.Length / 7);
        for (var i = 0; i + 6 < result.Length; i += 7)
        {
            list.Add(new SessionInfo((string)result[i]!, Version(result[i + 1]), (int)result[i + 2], (int)result[i + 3],
                DateTimeOffset.FromUnixTimeMilliseconds((long)result[i + 4]), (string?)result[i + 6] == "1" ? (string?)result[i + 5] : null));
        }

        return [.. list.OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    public async ValueTask SetScenarioAsync(string session, string? scenario, CancellationToken cancel)
    {
        Refused(session, (RedisResult[])(await RunAsync(RedisScripts.Scenario, session,
            [limits.Sessions, (long)limits.EvictAfter.TotalMilliseconds, scenario is null ? "0" : "1", scenario ?? ""]))!);
        known.TryRemove(session, out _);
    }

    public async ValueTask DisposeAsync()
    {
        known.Clear();
        await connection.DisposeAsync();
    }

    /// <summary>The keys of a session, for scripts that name them.</summary>
    private RedisKey[] Keys(string session, bool clock)
    {
        var start = $"{prefix}s:{session}:";
        RedisKey[] keys = [start + "meta", start + "recs", start + "data", prefix + "sessions"];
        return clock ? [.. keys, prefix + "clock"] : keys;
    }

    /// <summary>Runs one script with the common arguments (now, idle, session, prefix) first; a lost Redis is <see cref="StateUnavailableException"/>.</summary>
    private async Task<RedisResult> RunAsync(string script, string session, RedisValue[] more, bool clock = false)
    {
        RedisValue[] values = [time.GetUtcNow().ToUnixTimeMilliseconds(), (long)limits.Idle.TotalMilliseconds, session, prefix, .. more];
        try
        {
            // Bounded here too: a Redis that stalls (a long script, DEBUG SLEEP) must not hold requests past the command timeout.
            return await database.ScriptEvaluateAsync(script, Keys(session, clock), values).WaitAsync(RedisConnection.CommandTimeout);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw new StateUnavailableException(store, RedisConnection.Reason(e), e);
        }
    }

    /// <summary>The result of a script that may refuse for a bound: a refusal is <see cref="StateFullException"/>, worded as in memory.</summary>
    private RedisResult[] Refused(string session, RedisResult[] result)
    {
        Lost(session, result);
        if ((string?)result[0] != "full")
        {
            return result;
        }

        var reset = $"reset it (POST /__admin/opmock/reset?session={session})";
        throw (string?)result[1] switch
        {
            "records" => new StateFullException(StateLimit.Records,
                $"session `{session}` already changed {limits.RecordsPerSession} records (entities, messages, created items), the most one session keeps; {reset}"),
            "sessionbytes" => StateBudget.SessionFull(session, (long)result[2], (long)result[3], limits.SessionBytes),
            "bytes" => StateBudget.AllFull(session, (long)result[2], (long)result[3], limits.Bytes),
            "collection" => new StateFullException(StateLimit.Collection,
                $"session `{session}` already holds {limits.PerCollection} {StateBudget.Collection((string?)result[2] ?? "")}, the most one session keeps of one collection; {reset}"),
            _ => new StateFullException(StateLimit.Sessions,
                $"{limits.Sessions} sessions are in use, each within the last {limits.EvictAfter.TotalSeconds:0} s, the most the server keeps; reset finished ones (POST /__admin/opmock/reset?session=NAME) or reuse a session name"),
        };
    }

    /// <summary>
    /// A session a script found partly evicted (and dropped): never served half. This replica forgets it too, and the
    /// request is answered 503 naming it; the next one finds the session new.
    /// </summary>
    private void Lost(string session, RedisResult[] result)
    {
        if (result.Length > 0 && (string?)result[0] == "lost")
        {
            known.TryRemove(session, out _);
            throw new StateUnavailableException(store,
                $"session `{session}` lost part of its records: Redis evicted some of its keys (maxmemory-policy); OpMock dropped the rest rather than serve it half, so it starts again from the seeded world");
        }
    }

    /// <summary>
    /// Keeps what Redis last said of a session, within the sessions bound. The snapshot read last stays beside a newer
    /// head: it is served only at its own version, or while Redis is gone (the best this replica knows).
    /// </summary>
    private void Remember(string session, SessionHead head, SessionSnapshot? snapshot)
    {
        if (head.Version == 0 && head.Scenario is null)
        {
            known.TryRemove(session, out _);
            return;
        }

        if (known.Count >= limits.Sessions && !known.ContainsKey(session))
        {
            known.Clear();
        }

        known.AddOrUpdate(session, new Known(head, snapshot), (_, old) => new Known(head, snapshot ?? old.Snapshot));
    }

    private static long Version(RedisResult result) => long.Parse((string)result!, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The data hash as changes: (collection, id, field) from each field's JSON key, in ordinal order.</summary>
    private static ImmutableArray<Change> Changes(RedisResult[] pairs)
    {
        var changes = new List<Change>(pairs.Length / 2);
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            var key = JsonSerializer.Deserialize<string[]>((string)pairs[i]!)!;
            changes.Add(new Change(key[0], key[1], key[2], (string)pairs[i + 1]!));
        }

        return Ordered(changes);
    }

    private static SessionSnapshot Merge(SessionSnapshot before, IReadOnlyList<Change> changes, long version)
    {
        var merged = before.Changes.ToDictionary(c => (c.Collection, c.Id, c.Field));
        foreach (var change in changes)
        {
            merged[(change.Collection, change.Id, change.Field)] = change;
        }

        return new SessionSnapshot(version, Ordered(merged.Values));
    }

    private static ImmutableArray<Change> Ordered(IEnumerable<Change> changes) =>
        [.. changes.OrderBy(c => c.Collection, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).ThenBy(c => c.Field, StringComparer.Ordinal)];

    /// <summary>A session as this replica last knew it: its head, and the records it read last (at their own version).</summary>
    private sealed record Known(SessionHead Head, SessionSnapshot? Snapshot);
}
