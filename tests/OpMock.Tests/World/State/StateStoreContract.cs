using Microsoft.Extensions.Time.Testing;
using OpMock.Core.World.State;

namespace OpMock.Tests.World.State;

/// <summary>
/// What every <see cref="IStateStore"/> does, whether in memory or in Redis: the same calls give the same answers, so
/// the server behaves the same with either. A store class runs these by deriving from this one.
/// </summary>
public abstract class StateStoreContract
{
    /// <summary>Small bounds so the tests reach them: 3 sessions, 4 records each, 2 per collection.</summary>
    private protected static readonly StateLimits Small = new(3, 4, 2, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>A store of its own (empty), on <see cref="Time"/>.</summary>
    private protected abstract Task<IStateStore> OpenAsync(StateLimits limits);

    private static Change Set(string collection, string id, string field, string json) => new(collection, id, field, json);

    /// <summary>A JSON string of <paramref name="length"/> characters.</summary>
    private static string Text(int length, string character = "x") => $"\"{string.Concat(Enumerable.Repeat(character, length))}\"";

    [Fact]
    public async Task HeadAsync_SessionNeverWritten_IsTheSeededWorld()
    {
        await using var store = await OpenAsync(StateLimits.Default);

        (await store.HeadAsync("e2e-1", CancellationToken.None)).ShouldBe(SessionHead.Seeded);
        (await store.ReadAsync("e2e-1", CancellationToken.None)).ShouldBe(SessionSnapshot.Empty);
        (await store.ListAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ApplyAsync_ThenRead_GivesEachFieldsLatestValueAtTheNewVersion()
    {
        // Given a session with two writes, the second changing a field the first set
        await using var store = await OpenAsync(StateLimits.Default);
        var first = (await store.ApplyAsync("s", [Set("chat", "c2", "status", "\"7\""), Set("chat", "c1", "remark", "\"急\"")], CancellationToken.None)).Version;
        var second = await store.ApplyAsync("s", [Set("chat", "c2", "status", "\"5\""), Set("op", "o1", "isOnline", "true"), Set("chat", "c2", "status", "\"3\"")], CancellationToken.None);

        // When its head and records are read
        var head = await store.HeadAsync("s", CancellationToken.None);
        var snapshot = await store.ReadAsync("s", CancellationToken.None);

        // Then versions grew, and each field shows its latest value (the later change in a batch wins), in any order
        second.Version.ShouldBeGreaterThan(first);
        second.Previous.ShouldBe(first);
        first.ShouldBeGreaterThan(0);
        head.ShouldBe(new SessionHead(second.Version, null));
        snapshot.Version.ShouldBe(second.Version);
        snapshot.Changes.ShouldBe([Set("chat", "c1", "remark", "\"急\""), Set("chat", "c2", "status", "\"3\""), Set("op", "o1", "isOnline", "true")], ignoreOrder: true);
    }

    [Fact]
    public async Task ApplyAsync_AnyText_ComesBackAsWritten()
    {
        // Given ids, fields and values with separators, quotes, newlines and Chinese in them
        await using var store = await OpenAsync(StateLimits.Default);
        Change odd = Set("msg:c:1\n", "id\"with,\u001fodd", "text field", "\"第一行\\n第二行 \\\"引号\\\"\"");
        await store.ApplyAsync("s", [odd], CancellationToken.None);

        // Then they read back exactly
        (await store.ReadAsync("s", CancellationToken.None)).Changes.ShouldBe([odd]);
    }

    [Fact]
    public async Task ApplyAsync_OtherSessions_NeverSeeIt()
    {
        await using var store = await OpenAsync(StateLimits.Default);
        await store.ApplyAsync("a", [Set("chat", "c1", "status", "\"7\"")], CancellationToken.None);

        (await store.HeadAsync("b", CancellationToken.None)).ShouldBe(SessionHead.Seeded);
        (await store.ReadAsync("b", CancellationToken.None)).Changes.ShouldBeEmpty();
    }

    [Fact]
    public async Task ResetAsync_OneSession_DropsItsChangesAndSequenceOnly()
    {
        // Given two sessions that wrote and took ids
        await using var store = await OpenAsync(StateLimits.Default);
        foreach (var session in new[] { "a", "b" })
        {
            await store.ApplyAsync(session, [Set("chat", "c1", "status", "\"7\"")], CancellationToken.None);
            await store.NextSequenceAsync(session, 3, CancellationToken.None);
        }

        var before = (await store.HeadAsync("a", CancellationToken.None)).Version;

        // When one is reset
        await store.ResetAsync("a", CancellationToken.None);

        // Then it is the seeded world again, with its sequence from 1, and its next version is new; the other keeps its state
        (await store.HeadAsync("a", CancellationToken.None)).ShouldBe(SessionHead.Seeded);
        (await store.NextSequenceAsync("a", 1, CancellationToken.None)).ShouldBe(1);
        var again = await store.ApplyAsync("a", [Set("chat", "c1", "status", "\"5\"")], CancellationToken.None);
        again.Version.ShouldBeGreaterThan(before);
        again.Previous.ShouldBe(0);
        (await store.ReadAsync("b", CancellationToken.None)).Changes.Single().Json.ShouldBe("\"7\"");
        (await store.NextSequenceAsync("b", 1, CancellationToken.None)).ShouldBe(4);
    }

    [Fact]
    public async Task ResetAsync_All_DropsEveryChangeButKeepsDefaultScenarios()
    {
        await using var store = await OpenAsync(StateLimits.Default);
        await store.ApplyAsync("a", [Set("chat", "c1", "status", "\"7\"")], CancellationToken.None);
        await store.ApplyAsync("b", [Set("chat", "c2", "status", "\"7\"")], CancellationToken.None);
        await store.SetScenarioAsync("b", "slow", CancellationToken.None);

        await store.ResetAsync(null, CancellationToken.None);

        (await store.HeadAsync("a", CancellationToken.None)).ShouldBe(SessionHead.Seeded);
        (await store.HeadAsync("b", CancellationToken.None)).ShouldBe(new SessionHead(0, "slow"));
        (await store.ReadAsync("b", CancellationToken.None)).Changes.ShouldBeEmpty();
        (await store.ListAsync(CancellationToken.None)).Select(s => (s.Name, s.Records, s.Scenario)).ShouldBe([("b", 0, "slow")]);
    }

    [Fact]
    public async Task NextSequenceAsync_Reservations_AreConsecutiveAndNeverOverlap()
    {
        await using var store = await OpenAsync(StateLimits.Default);

        var taken = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => store.NextSequenceAsync("s", 1 + (i % 3), CancellationToken.None).AsTask()));

        var numbers = taken.Select((first, i) => Enumerable.Range((int)first, 1 + (i % 3))).SelectMany(n => n).Order().ToList();
        numbers.ShouldBe(Enumerable.Range(1, numbers.Count).ToList());
    }

    [Fact]
    public async Task SetScenarioAsync_SetThenCleared_HeadShowsIt()
    {
        await using var store = await OpenAsync(StateLimits.Default);

        await store.SetScenarioAsync("s", "slow", CancellationToken.None);
        var set = await store.HeadAsync("s", CancellationToken.None);
        await store.SetScenarioAsync("s", null, CancellationToken.None);
        var cleared = await store.HeadAsync("s", CancellationToken.None);
        await store.SetScenarioAsync("never", null, CancellationToken.None);

        set.ShouldBe(new SessionHead(0, "slow"));
        cleared.Scenario.ShouldBeNull();
        (await store.ListAsync(CancellationToken.None)).Select(s => s.Name).ShouldNotContain("never");
    }

    [Fact]
    public async Task ListAsync_Sessions_ByNameWithCountsLastUseAndScenario()
    {
        // Given two sessions written at different times
        await using var store = await OpenAsync(StateLimits.Default);
        await store.ApplyAsync("zeta", [Set("chat", "c1", "status", "\"7\""), Set("chat", "c1", "closed", "true"), Set("op", "o1", "isOnline", "true")], CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(5));
        var alpha = await store.ApplyAsync("alpha", [Set("chat", "c9", "status", "\"7\"")], CancellationToken.None);
        await store.ApplyAsync("alpha", [Set("chat", "c9", "remark", "\"ok\"")], CancellationToken.None);
        await store.SetScenarioAsync("alpha", "slow", CancellationToken.None);

        // When they are listed
        var list = await store.ListAsync(CancellationToken.None);

        // Then each shows its records (not fields), writes, last use and scenario, by name
        list.Select(s => (s.Name, s.Records, s.Writes, s.Scenario)).ShouldBe([("alpha", 1, 2, "slow"), ("zeta", 2, 1, null)]);
        list[0].Version.ShouldBeGreaterThan(alpha.Version);
        list[0].LastUsed.ShouldBe(Time.GetUtcNow(), TimeSpan.FromSeconds(1));
        list[1].LastUsed.ShouldBe(Time.GetUtcNow() - TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ApplyAsync_BeyondTheRecordsOfASession_IsRefusedAndNothingApplied()
    {
        // Given a session holding 3 of its 4 records
        await using var store = await OpenAsync(Small);
        await store.ApplyAsync("s", [Set("chat", "c1", "status", "1"), Set("chat", "c2", "status", "1"), Set("op", "o1", "isOnline", "true")], CancellationToken.None);
        var before = await store.ReadAsync("s", CancellationToken.None);

        // When a batch adds two more (and changes one it holds)
        var refused = await Should.ThrowAsync<StateFullException>(() => store.ApplyAsync("s",
            [Set("chat", "c1", "status", "2"), Set("op", "o2", "isOnline", "true"), Set("op", "o3", "isOnline", "true")], CancellationToken.None).AsTask());

        // Then it is refused whole, saying which bound and how to reset; a change to records it holds still goes
        refused.Limit.ShouldBe(StateLimit.Records);
        refused.Message.ShouldContain("reset it (POST /__admin/opmock/reset?session=s)");
        (await store.ReadAsync("s", CancellationToken.None)).ShouldBe(before);
        await store.ApplyAsync("s", [Set("chat", "c1", "status", "2"), Set("op", "o2", "isOnline", "true")], CancellationToken.None);
    }

    [Fact]
    public async Task ApplyAsync_BeyondACollection_IsRefusedNamingIt()
    {
        await using var store = await OpenAsync(Small);
        await store.ApplyAsync("s", [Set("msg:c1", "m1", "text", "\"a\""), Set("msg:c1", "m2", "text", "\"b\"")], CancellationToken.None);

        var refused = await Should.ThrowAsync<StateFullException>(() => store.ApplyAsync("s", [Set("msg:c1", "m3", "text", "\"c\"")], CancellationToken.None).AsTask());

        refused.Limit.ShouldBe(StateLimit.Collection);
        refused.Message.ShouldContain("2 messages appended to chat `c1`");
        await store.ApplyAsync("s", [Set("msg:c2", "m3", "text", "\"c\"")], CancellationToken.None);
    }

    [Fact]
    public async Task ApplyAsync_NewSessionWhenAllAreInUse_IsRefusedThenEvictsTheIdleLongest()
    {
        // Given as many sessions as the bound, all used within the last minute
        await using var store = await OpenAsync(Small);
        foreach (var session in new[] { "a", "b", "c" })
        {
            await store.ApplyAsync(session, [Set("chat", "c1", "status", "1")], CancellationToken.None);
            Time.Advance(TimeSpan.FromSeconds(10));
        }

        // When a new session writes: refused, all being in use
        var refused = await Should.ThrowAsync<StateFullException>(() => store.ApplyAsync("d", [Set("chat", "c1", "status", "1")], CancellationToken.None).AsTask());
        refused.Limit.ShouldBe(StateLimit.Sessions);

        // Then once the oldest has been idle long enough, the new one takes its place
        Time.Advance(Small.EvictAfter);
        await store.HeadAsync("b", CancellationToken.None);
        await store.ApplyAsync("d", [Set("chat", "c1", "status", "1")], CancellationToken.None);
        (await store.ListAsync(CancellationToken.None)).Select(s => s.Name).ShouldBe(["b", "c", "d"]);
        (await store.HeadAsync("a", CancellationToken.None)).ShouldBe(SessionHead.Seeded);
    }

    [Fact]
    public async Task ApplyAsync_PastTheSessionsByteBudget_RefusedNamingSessionBudgetAndReset()
    {
        // Given a session budget of 100 KB, a session holding a message of 20,000 characters (three bytes each: two
        // in the store, one in UTF-8 in the overlay)
        await using var store = await OpenAsync(StateLimits.Default with { SessionBytes = 100 * 1024 });
        await store.ApplyAsync("a", [Set("msg:c", "m1", "~content", Text(20_000))], CancellationToken.None);
        var before = await store.ReadAsync("a", CancellationToken.None);

        // When a write would take it past (58 KB more)
        var full = await Should.ThrowAsync<StateFullException>(() => store.ApplyAsync("a", [Set("msg:c", "m2", "~content", Text(20_000))], CancellationToken.None).AsTask());

        // Then it is refused naming the session, the budget and the reset, and nothing of it applied
        full.Limit.ShouldBe(StateLimit.SessionBytes);
        full.Message.ShouldContain("session `a` holds 58 KB of changes");
        full.Message.ShouldContain("past the session's budget of 100 KB (--state-session-max-mb)");
        full.Message.ShouldContain("POST /__admin/opmock/reset?session=a");
        (await store.ReadAsync("a", CancellationToken.None)).ShouldBe(before);

        // And overwriting a value in place costs only the difference; a Chinese character costs five bytes (two, and
        // three in UTF-8): 15,000 of them as much as 25,000 Latin letters, 21,000 past the budget
        await store.ApplyAsync("a", [Set("msg:c", "m1", "~content", Text(25_000))], CancellationToken.None);
        await store.ApplyAsync("a", [Set("msg:c", "m1", "~content", Text(15_000, "转"))], CancellationToken.None);
        var past = await Should.ThrowAsync<StateFullException>(() => store.ApplyAsync("a", [Set("msg:c", "m1", "~content", Text(21_000, "转"))], CancellationToken.None).AsTask());
        past.Limit.ShouldBe(StateLimit.SessionBytes);
    }

    [Fact]
    public async Task ApplyAsync_PastTheBudgetOfAllSessions_RefusedUntilAResetGivesTheBytesBack()
    {
        // Given a budget for all sessions that three sessions of 30 KB fill
        await using var store = await OpenAsync(StateLimits.Default with { Bytes = 80 * 1024 });
        foreach (var session in new[] { "s1", "s2" })
        {
            await store.ApplyAsync(session, [Set("msg:c", "m", "~content", Text(10_000))], CancellationToken.None);
        }

        // When a third session writes as much
        var full = await Should.ThrowAsync<StateFullException>(() => store.ApplyAsync("s3", [Set("msg:c", "m", "~content", Text(10_000))], CancellationToken.None).AsTask());

        // Then it is refused naming the budget of all sessions and the resets
        full.Limit.ShouldBe(StateLimit.Bytes);
        full.Message.ShouldContain("this write of session `s3`");
        full.Message.ShouldContain("past the budget of 80 KB for session state (--state-max-mb)");
        full.Message.ShouldContain("POST /__admin/opmock/reset for all");

        // And a reset of one session gives its bytes back: the third fits; resetting all gives every byte back
        await store.ResetAsync("s1", CancellationToken.None);
        await store.ApplyAsync("s3", [Set("msg:c", "m", "~content", Text(10_000))], CancellationToken.None);
        await store.ResetAsync(null, CancellationToken.None);
        foreach (var session in new[] { "s4", "s5" })
        {
            await store.ApplyAsync(session, [Set("msg:c", "m", "~content", Text(10_000))], CancellationToken.None);
        }
    }

    [Fact]
    public async Task ApplyAsync_OtherSessionsExpired_TheirBytesCountNoMore()
    {
        // Given a budget for all sessions that three sessions of 30 KB fill
        await using var store = await OpenAsync(Small with { Bytes = 80 * 1024 });
        foreach (var session in new[] { "a", "b" })
        {
            await store.ApplyAsync(session, [Set("msg:c", "m", "~content", Text(10_000))], CancellationToken.None);
        }

        // When both expire unread and two new sessions write as much
        Time.Advance(Small.Idle);
        foreach (var session in new[] { "c", "d" })
        {
            await store.ApplyAsync(session, [Set("msg:c", "m", "~content", Text(10_000))], CancellationToken.None);
        }

        // Then both were admitted, and the expired ones are gone
        (await store.ListAsync(CancellationToken.None)).Select(s => s.Name).ShouldBe(["c", "d"]);
    }

    [Fact]
    public async Task ApplyAsync_SessionExpiredAndWrittenAgain_StartsFromNoBytes()
    {
        // Given a session that held nearly its budget of 64 KB (59 KB), then expired
        await using var store = await OpenAsync(Small with { SessionBytes = 64 * 1024 });
        await store.ApplyAsync("a", [Set("msg:c", "m1", "~content", Text(20_000))], CancellationToken.None);
        Time.Advance(Small.Idle);

        // When it writes as much again under the same name
        await store.ApplyAsync("a", [Set("msg:c", "m2", "~content", Text(20_000))], CancellationToken.None);

        // Then its old bytes were not counted: 3 KB more fit (they would not beside the old 59 KB), 90 KB do not
        var full = await Should.ThrowAsync<StateFullException>(() => store.ApplyAsync("a", [Set("msg:c", "m3", "~content", Text(30_000))], CancellationToken.None).AsTask());
        full.Limit.ShouldBe(StateLimit.SessionBytes);
        await store.ApplyAsync("a", [Set("msg:c", "m3", "~content", Text(1_000))], CancellationToken.None);
    }

    [Fact]
    public async Task HeadAsync_AfterTheIdleTime_TheSessionIsGone()
    {
        await using var store = await OpenAsync(Small);
        await store.ApplyAsync("s", [Set("chat", "c1", "status", "1")], CancellationToken.None);

        Time.Advance(Small.Idle);

        (await store.HeadAsync("s", CancellationToken.None)).ShouldBe(SessionHead.Seeded);
        (await store.ListAsync(CancellationToken.None)).ShouldBeEmpty();
        (await store.NextSequenceAsync("s", 1, CancellationToken.None)).ShouldBe(1);
    }

    [Fact]
    public async Task HeadAsync_UsedWithinTheIdleTime_KeepsTheSession()
    {
        await using var store = await OpenAsync(Small);
        await store.ApplyAsync("s", [Set("chat", "c1", "status", "1")], CancellationToken.None);

        Time.Advance(Small.Idle * 0.75);
        var used = await store.HeadAsync("s", CancellationToken.None);
        Time.Advance(Small.Idle * 0.75);

        used.Version.ShouldBeGreaterThan(0);
        (await store.HeadAsync("s", CancellationToken.None)).ShouldBe(used);
    }
}
