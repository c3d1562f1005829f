using System.Globalization;
using OpMock.Core.World.State;
using OpMock.Tests.Support;
using StackExchange.Redis;

namespace OpMock.Tests.World.State;

/// <summary>One redis-server for a test class; each store gets a world (key prefix) of its own on it.</summary>
public sealed class SharedRedis : IAsyncLifetime
{
    internal RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The Redis store keeps the in-memory store's contract, and shares state between replicas.</summary>
public sealed class RedisStateStoreTests(SharedRedis redis) : StateStoreContract, IClassFixture<SharedRedis>
{
    private readonly string world = $"opmock-test:{Guid.NewGuid():N}:";

    private protected override async Task<IStateStore> OpenAsync(StateLimits limits) => await OpenAsync(limits, world);

    private async Task<RedisStateStore> OpenAsync(StateLimits limits, string prefix, TimeProvider? time = null)
    {
        var settings = StateSettings.Resolve(redis.Server.Url, null, null, null);
        return new RedisStateStore(await RedisConnection.ConnectAsync(settings, CancellationToken.None), settings.Redis!, prefix, limits, time ?? Time);
    }

    private static Change Set(string collection, string id, string field, string json) => new(collection, id, field, json);

    [Fact]
    public async Task ApplyAsync_ThroughOneReplica_IsReadByTheOther()
    {
        // Given two replicas of one world on one Redis, each having read the session once
        await using var first = await OpenAsync(StateLimits.Default, world);
        await using var second = await OpenAsync(StateLimits.Default, world);
        await second.ReadAsync("s", CancellationToken.None);

        // When one writes, then the other writes on top
        var written = (await first.ApplyAsync("s", [Set("chat", "c1", "status", "\"7\"")], CancellationToken.None)).Version;
        var head = await second.HeadAsync("s", CancellationToken.None);
        var seen = await second.ReadAsync("s", CancellationToken.None);
        await second.ApplyAsync("s", [Set("chat", "c1", "remark", "\"转接\"")], CancellationToken.None);
        await first.HeadAsync("s", CancellationToken.None);

        // Then each reads what the other wrote, at the same version
        head.Version.ShouldBe(written);
        seen.Changes.ShouldBe([Set("chat", "c1", "status", "\"7\"")]);
        (await first.ReadAsync("s", CancellationToken.None)).Changes.Select(c => c.Field).ShouldBe(["remark", "status"]);
    }

    [Fact]
    public async Task ResetAsync_OnOneReplica_ResetsForAll()
    {
        await using var first = await OpenAsync(StateLimits.Default, world);
        await using var second = await OpenAsync(StateLimits.Default, world);
        await first.ApplyAsync("s", [Set("chat", "c1", "status", "\"7\"")], CancellationToken.None);
        (await second.ReadAsync("s", CancellationToken.None)).Changes.ShouldNotBeEmpty();

        await first.ResetAsync(null, CancellationToken.None);

        (await second.HeadAsync("s", CancellationToken.None)).ShouldBe(SessionHead.Seeded);
        (await second.ReadAsync("s", CancellationToken.None)).Changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task NextSequenceAsync_TwoReplicasAtOnce_NeverHandOutTheSameNumber()
    {
        await using var first = await OpenAsync(StateLimits.Default, world);
        await using var second = await OpenAsync(StateLimits.Default, world);

        var taken = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => (i % 2 == 0 ? first : second).NextSequenceAsync("s", 1, CancellationToken.None).AsTask()));

        taken.Order().ShouldBe(Enumerable.Range(1, 200).Select(n => (long)n));
    }

    [Fact]
    public async Task ApplyAsync_AnotherWorld_DoesNotMix()
    {
        // Given replicas of two worlds (other docs, fixtures or seed) on one Redis
        await using var ours = await OpenAsync(StateLimits.Default, world);
        await using var theirs = await OpenAsync(StateLimits.Default, $"opmock-test:{Guid.NewGuid():N}:");

        await ours.ApplyAsync("default", [Set("chat", "c1", "status", "\"7\"")], CancellationToken.None);
        await ours.NextSequenceAsync("default", 5, CancellationToken.None);

        (await theirs.HeadAsync("default", CancellationToken.None)).ShouldBe(SessionHead.Seeded);
        (await theirs.NextSequenceAsync("default", 1, CancellationToken.None)).ShouldBe(1);
        (await theirs.ListAsync(CancellationToken.None)).Select(s => s.Name).ShouldBe(["default"]);
        (await theirs.ListAsync(CancellationToken.None)).Single().Records.ShouldBe(0);
    }

    [Fact]
    public async Task ApplyAsync_SessionKeys_ExpireAfterTheIdleTime()
    {
        // Given a store whose sessions idle out after 10 minutes
        await using var store = await OpenAsync(Small with { Idle = TimeSpan.FromMinutes(10) }, world);
        await store.ApplyAsync("s", [Set("chat", "c1", "status", "\"7\"")], CancellationToken.None);

        // When Redis is asked how long each of its keys lives
        await using var look = await ConnectionMultiplexer.ConnectAsync(redis.Server.Url["redis://".Length..]);
        var keys = look.GetServer(look.GetEndPoints()[0]).Keys(pattern: world + "*").ToList();

        // Then every key of the world expires within the idle time (Redis forgets what nobody uses)
        keys.Select(k => k.ToString()).Order().ShouldBe([world + "bytes", world + "clock", world + "s:s:data", world + "s:s:meta", world + "s:s:recs", world + "sessions", world + "total"]);
        foreach (var key in keys)
        {
            var ttl = await look.GetDatabase().KeyTimeToLiveAsync(key);
            ttl.ShouldNotBeNull(key.ToString());
            ttl.Value.ShouldBeInRange(TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        }
    }

    [Fact]
    public async Task HeadAsync_UnchangedSession_OneRoundTripAndNoRead()
    {
        // Given a session this replica wrote (so it holds the snapshot), and Redis' count of scripts run
        await using var store = await OpenAsync(StateLimits.Default, world);
        await store.ApplyAsync("s", [Set("chat", "c1", "status", "\"7\"")], CancellationToken.None);
        await using var look = await ConnectionMultiplexer.ConnectAsync(redis.Server.Url["redis://".Length..] + ",allowAdmin=true");
        var server = look.GetServer(look.GetEndPoints()[0]);
        var before = await ScriptCallsAsync(server);

        // When 20 requests each ask "anything changed?" and read the session
        for (var i = 0; i < 20; i++)
        {
            await store.HeadAsync("s", CancellationToken.None);
            (await store.ReadAsync("s", CancellationToken.None)).Changes.Count().ShouldBe(1);
        }

        // Then Redis ran one script per request (the head), and no read: the snapshot came from this replica's cache
        (await ScriptCallsAsync(server) - before).ShouldBe(20);
    }

    [Fact]
    public async Task ApplyAsync_VersionsAfterRedisLostEverything_AreStillNew()
    {
        // Given a world whose versions were handed out, then Redis lost its data (a restart without persistence)
        await using var store = await OpenAsync(StateLimits.Default, world);
        var before = (await store.ApplyAsync("s", [Set("chat", "c1", "status", "\"7\"")], CancellationToken.None)).Version;
        await using var look = await ConnectionMultiplexer.ConnectAsync(redis.Server.Url["redis://".Length..]);
        await look.GetDatabase().KeyDeleteAsync([.. look.GetServer(look.GetEndPoints()[0]).Keys(pattern: world + "*")]);

        // When the session is written again
        Time.Advance(TimeSpan.FromMilliseconds(1));
        var after = (await store.ApplyAsync("s", [Set("chat", "c1", "status", "\"5\"")], CancellationToken.None)).Version;

        // Then its version is one never handed out (a cache keyed by version cannot serve the old state), and reads see the new value
        after.ShouldBeGreaterThan(before);
        (await store.HeadAsync("s", CancellationToken.None)).Version.ShouldBe(after);
        (await store.ReadAsync("s", CancellationToken.None)).Changes.Single().Json.ShouldBe("\"5\"");
    }

    [Fact]
    public async Task RedisLost_ReadsKeepTheLastStateWritesAreRefusedClearly_ThenServiceResumes()
    {
        // Given a Redis of its own (this test kills it), and a session this replica wrote and read
        await using var own = await RedisServer.StartAsync();
        var settings = StateSettings.Resolve(own.Url, null, null, null);
        var connection = await RedisConnection.ConnectAsync(settings, CancellationToken.None);
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                restored.TrySetResult();
            }
        };
        await using var store = new RedisStateStore(connection, settings.Redis!, world, StateLimits.Default, TimeProvider.System);
        var written = (await store.ApplyAsync("s", [Set("chat", "c1", "status", "\"7\"")], CancellationToken.None)).Version;
        await store.HeadAsync("s", CancellationToken.None);

        // When Redis dies
        own.Kill();
        async Task<(SessionHead Head, SessionSnapshot Read, SessionHead Unknown, StateUnavailableException Refused)> CallsAsync()
        {
            var head = await store.HeadAsync("s", CancellationToken.None);
            var read = await store.ReadAsync("s", CancellationToken.None);
            var unknown = await store.HeadAsync("never-read", CancellationToken.None);
            var refused = await Should.ThrowAsync<StateUnavailableException>(() => store.ApplyAsync("s", [Set("chat", "c1", "status", "\"5\"")], CancellationToken.None).AsTask());
            await Should.ThrowAsync<StateUnavailableException>(() => store.NextSequenceAsync("s", 1, CancellationToken.None).AsTask());
            await Should.ThrowAsync<StateUnavailableException>(() => store.ResetAsync(null, CancellationToken.None).AsTask());
            await Should.ThrowAsync<StateUnavailableException>(() => store.ListAsync(CancellationToken.None).AsTask());
            return (head, read, unknown, refused);
        }

        // (all seven calls bounded together by the store's command timeouts: a call that hangs fails the test)
        var (head, read, unknown, refused) = await CallsAsync().WaitAsync(RedisConnection.CommandTimeout * 7);

        // Then reads answer from what this replica last read (the seeded world for a session it never read), writes are
        // refused naming the store, and nothing waits past the store's command timeout
        head.Version.ShouldBe(written);
        read.Changes.Single().Json.ShouldBe("\"7\"");
        unknown.ShouldBe(SessionHead.Seeded);
        refused.Message.ShouldStartWith($"{own.Url}/0 (");
        refused.Store.ShouldBe($"{own.Url}/0");
        refused.Message.ShouldNotContain("\n");

        // When Redis is back (empty: it kept nothing), writes go through again once the connection is restored
        await own.RestartAsync();
        await restored.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var resumed = (await store.ApplyAsync("s", [Set("chat", "c1", "status", "\"5\"")], CancellationToken.None)).Version;

        // Then the session's state is the new one, at a version never handed out before
        resumed.ShouldBeGreaterThan(written);
        (await store.HeadAsync("s", CancellationToken.None)).Version.ShouldBe(resumed);
        (await store.ReadAsync("s", CancellationToken.None)).Changes.Single().Json.ShouldBe("\"5\"");
    }

    [Theory]
    [InlineData("meta")]
    [InlineData("recs")]
    [InlineData("data")]
    public async Task HeadAsync_SessionPartlyEvicted_AnsweredAsLostNeverHalf(string evicted)
    {
        // Given a session of three records, one of whose keys Redis evicted
        await using var store = await OpenAsync(StateLimits.Default, world);
        await store.ApplyAsync("s", [Set("chat", "c1", "status", "\"7\""), Set("chat", "c2", "status", "\"5\""), Set("op", "o1", "IsOnline", "true")], CancellationToken.None);
        await using var look = await ConnectionMultiplexer.ConnectAsync(redis.Server.Url["redis://".Length..]);
        await look.GetDatabase().KeyDeleteAsync($"{world}s:s:{evicted}");

        // When a request asks for the session, and the next one after it
        var lost = await Should.ThrowAsync<StateUnavailableException>(async () => await store.HeadAsync("s", CancellationToken.None));
        var next = await store.HeadAsync("s", CancellationToken.None);

        // Then it is answered as lost, naming it; what was left is dropped, so the next request finds it new, never half
        lost.Message.ShouldContain("session `s` lost part of its records");
        next.ShouldBe(SessionHead.Seeded);
        look.GetServer(look.GetEndPoints()[0]).Keys(pattern: $"{world}s:s:*").ShouldBeEmpty();
    }

    [Fact]
    public async Task ApplyAsync_OnARedisThatEvictsUnderPressure_EverySessionWholeOrLost()
    {
        // Given a Redis of 4 MB with allkeys-lru (started with --state-allow-eviction), and 150 sessions of ~40 KB written to it
        await using var small = await RedisServer.StartAsync(null, "--maxmemory", "4mb", "--maxmemory-policy", "allkeys-lru");
        var settings = StateSettings.Resolve(small.Url, null, null, null) with { AllowEviction = true };
        await using var store = new RedisStateStore(await RedisConnection.ConnectAsync(settings, CancellationToken.None), settings.Redis!, world, StateLimits.Default, Time);
        var value = "\"" + new string('x', 10_000) + "\"";
        var written = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            try
            {
                await store.ApplyAsync($"s{i}", [.. Enumerable.Range(0, 4).Select(r => Set("msg:c", $"m{r}", "~content", value))], CancellationToken.None);
                written.Add($"s{i}");
            }
            catch (StateUnavailableException)
            {
                // Evicted mid-way and found so by the write: answered as lost, which is what this test allows.
            }
        }

        // When every session is read again by a replica that knows nothing of them
        await using var other = new RedisStateStore(await RedisConnection.ConnectAsync(settings, CancellationToken.None), settings.Redis!, world, StateLimits.Default, Time);
        int whole = 0, gone = 0;
        foreach (var session in written)
        {
            try
            {
                var head = await other.HeadAsync(session, CancellationToken.None);
                var snapshot = await other.ReadAsync(session, CancellationToken.None);

                // Then a session is served with all four records or none, never some
                var served = head.Version == 0 ? 0 : snapshot.Changes.Length;
                new[] { 0, 4 }.ShouldContain(served, session);
                whole += served == 4 ? 1 : 0;
                gone += served == 0 ? 1 : 0;
            }
            catch (StateUnavailableException lost)
            {
                lost.Message.ShouldContain($"session `{session}` lost part of its records");
                gone++;
            }
        }

        // And Redis did evict (the test put it under pressure), while some sessions stayed whole
        gone.ShouldBeGreaterThan(0);
        whole.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ApplyAsync_RedisStalled_AnswersWithinTheCommandTimeout()
    {
        // Given a Redis that stops answering for 5 seconds (DEBUG SLEEP), after a session was written
        await using var stalling = await RedisServer.StartAsync(null, "--enable-debug-command", "local");
        var settings = StateSettings.Resolve(stalling.Url, null, null, null);
        await using var store = new RedisStateStore(await RedisConnection.ConnectAsync(settings, CancellationToken.None), settings.Redis!, world, StateLimits.Default, Time);
        await store.ApplyAsync("s", [Set("chat", "c1", "status", "\"7\"")], CancellationToken.None);
        await using var sleeper = await ConnectionMultiplexer.ConnectAsync(stalling.Url["redis://".Length..] + ",allowAdmin=true,syncTimeout=10000,asyncTimeout=10000");
        var sleeping = sleeper.GetDatabase().ExecuteAsync("DEBUG", "SLEEP", "5");

        // When writes come meanwhile: the sleep travels on another connection, so the first writes may reach Redis
        // before it does and pass; the loop ends at the first write the sleep holds, or when the sleep is over
        // Each write is awaited with a bound (the documented 2 s, with room for a loaded machine): one the sleep held
        // past it fails the test with a timeout
        StateUnavailableException? stalled = null;
        while (stalled is null && !sleeping.IsCompleted)
        {
            try
            {
                await store.ApplyAsync("s", [Set("chat", "c1", "status", "\"5\"")], CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(4.5));
            }
            catch (StateUnavailableException e)
            {
                stalled = e;
            }
        }

        await sleeping;

        // Then the write the sleep held is refused as unavailable before Redis wakes, and no write waited past the bound
        stalled.ShouldNotBeNull();
        stalled.Store.ShouldBe(settings.Redis!.ToString());
    }

    private static async Task<long> ScriptCallsAsync(IServer server)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        return new[] { "cmdstat_evalsha", "cmdstat_eval" }.Sum(name =>
            stats.TryGetValue(name, out var line) ? long.Parse(line.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture) : 0);
    }
}
