using Microsoft.Extensions.Time.Testing;
using OpMock.Core.World.State;

namespace OpMock.Tests.World.State;

public sealed class MemoryStateStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(Start);

    [Fact]
    public async Task Head_SessionNeverWritten_IsTheSeededWorldAndNotCreated()
    {
        var store = Store();

        (await store.HeadAsync("nobody", default)).ShouldBe(SessionHead.Seeded);
        (await store.ReadAsync("nobody", default)).ShouldBe(SessionSnapshot.Empty);
        (await store.ListAsync(default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Apply_Changes_ReadBackAtANewVersionTheLaterValueWinning()
    {
        // Given a store
        var store = Store();

        // When a batch sets a field twice and another field once
        var version = (await store.ApplyAsync("a", [Set("chat", "c1", "Status", "\"5\""), Set("chat", "c1", "Status", "\"7\""), Set("op", "o1", "IsOnline", "true")], default)).Version;

        // Then the session is at that version, with each field once and its last value
        version.ShouldBeGreaterThan(0);
        (await store.HeadAsync("a", default)).Version.ShouldBe(version);
        var snapshot = await store.ReadAsync("a", default);
        snapshot.Version.ShouldBe(version);
        snapshot.Changes.ShouldBe([Set("chat", "c1", "Status", "\"7\""), Set("op", "o1", "IsOnline", "true")], ignoreOrder: true);
    }

    [Fact]
    public async Task Versions_AcrossSessionsAndResets_AreNeverHandedOutTwice()
    {
        // Given writes in two sessions with a reset between
        var store = Store();
        var seen = new HashSet<long>();
        for (var i = 0; i < 50; i++)
        {
            seen.Add((await store.ApplyAsync(i % 2 == 0 ? "a" : "b", [Set("op", "o1", "IsOnline", "true")], default)).Version).ShouldBeTrue();
            if (i == 25)
            {
                await store.ResetAsync("a", default);
                (await store.HeadAsync("a", default)).Version.ShouldBe(0);
            }
        }

        // Then every version was new: (session, version) can key a cache
        seen.Count.ShouldBe(50);
    }

    [Fact]
    public async Task NextSequence_ConcurrentRequests_NeverShareANumber()
    {
        var store = Store();

        var numbers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () => await store.NextSequenceAsync("a", 1, default))));

        numbers.Distinct().Count().ShouldBe(200);
        numbers.Min().ShouldBe(1);
        (await store.NextSequenceAsync("a", 3, default)).ShouldBe(201);
        await store.ResetAsync("a", default);
        (await store.NextSequenceAsync("a", 1, default)).ShouldBe(1);
    }

    [Fact]
    public async Task Apply_BeyondTheRecordsOfASession_RefusedAndNothingApplied()
    {
        // Given a session at its bound of 3 records
        var store = Store(StateLimits.Default with { RecordsPerSession = 3 });
        await store.ApplyAsync("a", [Set("chat", "1", "f", "1"), Set("chat", "2", "f", "1"), Set("chat", "3", "f", "1")], default);
        var before = await store.ReadAsync("a", default);

        // When a batch would add a fourth (after changing an existing one)
        var full = await Should.ThrowAsync<StateFullException>(async () => await store.ApplyAsync("a", [Set("chat", "1", "g", "2"), Set("chat", "4", "f", "1")], default));

        // Then it is refused, naming the session and how to reset it, and none of the batch applied
        full.Limit.ShouldBe(StateLimit.Records);
        full.Message.ShouldContain("session `a` already changed 3 records");
        full.Message.ShouldContain("POST /__admin/opmock/reset?session=a");
        (await store.ReadAsync("a", default)).ShouldBe(before);

        // And changing records it already holds still works
        await store.ApplyAsync("a", [Set("chat", "2", "g", "2")], default);
    }

    [Theory]
    [InlineData("msg:c1", "2 messages appended to chat `c1`")]
    [InlineData("chat", "2 changed `chat` records")]
    [InlineData("item:user:addressid:u1", "2 items created in list `user:addressid:u1`")]
    public async Task Apply_BeyondACollection_RefusedNamingWhatTheCollectionHolds(string collection, string named)
    {
        // Given a session at its bound of 2 records in one collection
        var store = Store(StateLimits.Default with { PerCollection = 2 });
        await store.ApplyAsync("a", [Set(collection, "r1", "@seq", "1"), Set(collection, "r2", "@seq", "2"), Set("other", "r3", "@seq", "1")], default);

        // When a third is added to it
        var full = await Should.ThrowAsync<StateFullException>(async () => await store.ApplyAsync("a", [Set(collection, "r4", "@seq", "3")], default));

        // Then the refusal names the limit actually hit: messages of a chat are not changed chats
        full.Limit.ShouldBe(StateLimit.Collection);
        full.Message.ShouldContain($"session `a` already holds {named}");
    }

    [Fact]
    public async Task Bytes_SessionsExpiredOrEvicted_GivenBack()
    {
        // Given two sessions, one store slot short
        var store = Store(StateLimits.Default with { Sessions = 2, EvictAfter = TimeSpan.FromMinutes(1) });
        await store.ApplyAsync("a", [Set("msg:c", "m", "~content", Text(1_000))], default);
        await store.ApplyAsync("b", [Set("msg:c", "m", "~content", Text(1_000))], default);
        var two = store.Bytes;

        // When a third evicts the idlest, and later every session expires
        time.Advance(TimeSpan.FromMinutes(2));
        await store.ApplyAsync("c", [Set("op", "o", "IsOnline", "true")], default);
        var afterEviction = store.Bytes;
        time.Advance(TimeSpan.FromDays(2));
        (await store.ListAsync(default)).ShouldBeEmpty();

        // Then what they held is given back each time
        afterEviction.ShouldBeLessThan(two);
        store.Bytes.ShouldBe(0);
    }

    [Fact]
    public async Task NewSession_StoreFull_EvictsTheOneIdleLongestOnceIdleLongEnough()
    {
        // Given a store of two sessions, a used before b
        var store = Store(StateLimits.Default with { Sessions = 2, EvictAfter = TimeSpan.FromMinutes(1) });
        await store.ApplyAsync("a", [Set("op", "o", "IsOnline", "true")], default);
        time.Advance(TimeSpan.FromSeconds(10));
        await store.ApplyAsync("b", [Set("op", "o", "IsOnline", "true")], default);

        // When a third comes while both were used within the minute
        var full = await Should.ThrowAsync<StateFullException>(async () => await store.ApplyAsync("c", [Set("op", "o", "IsOnline", "true")], default));

        // Then it is refused; a minute later the idlest (a) is evicted for it
        full.Limit.ShouldBe(StateLimit.Sessions);
        time.Advance(TimeSpan.FromSeconds(55));
        await store.ApplyAsync("c", [Set("op", "o", "IsOnline", "true")], default);
        (await store.ListAsync(default)).Select(s => s.Name).ShouldBe(["b", "c"]);
    }

    [Fact]
    public async Task Session_IdleBeyondTheExpiry_IsGone()
    {
        // Given a session written now
        var store = Store();
        await store.ApplyAsync("a", [Set("op", "o", "IsOnline", "true")], default);

        // When it is not used for 24 hours, or used just before
        time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        (await store.HeadAsync("a", default)).Version.ShouldBeGreaterThan(0);
        time.Advance(TimeSpan.FromHours(24));

        // Then it is the seeded world again
        (await store.HeadAsync("a", default)).ShouldBe(SessionHead.Seeded);
        (await store.ListAsync(default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Scenario_SetOnANewSession_ListedAndKeptByAReset()
    {
        // Given a session given a default scenario, then written
        var store = Store();
        await store.SetScenarioAsync("e2e", "slow", default);
        await store.ApplyAsync("e2e", [Set("op", "o", "IsOnline", "true"), Set("chat", "c", "Status", "\"7\"")], default);
        time.Advance(TimeSpan.FromSeconds(5));
        await store.HeadAsync("e2e", default);

        // When it is listed, reset, and listed again
        var listed = (await store.ListAsync(default)).ShouldHaveSingleItem();
        await store.ResetAsync(null, default);
        var after = (await store.ListAsync(default)).ShouldHaveSingleItem();

        // Then the listing shows its changes, writes, last use and scenario; a reset drops its changes, not its scenario
        (listed.Name, listed.Records, listed.Writes, listed.LastUsed, listed.Scenario).ShouldBe(("e2e", 2, 1, Start.AddSeconds(5), "slow"));
        (after.Records, after.Scenario, after.Version).ShouldBe((0, "slow", 0L));
        (await store.HeadAsync("e2e", default)).ShouldBe(new SessionHead(0, "slow"));

        // And clearing the scenario of a session with nothing else leaves it out after the next reset
        await store.SetScenarioAsync("e2e", null, default);
        await store.ResetAsync("e2e", default);
        (await store.ListAsync(default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Reads_DuringAFloodOfWrites_NeverWaitAndSeeWholeBatches()
    {
        // Given a session being written in batches of two fields that always change together, by a writer that
        // starts once the reader has, and halfway waits for one more read (so reads surely overlap the writes)
        var store = Store();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readHalfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            await started.Task;
            for (var i = 0; i < 2000; i++)
            {
                if (i == 1000)
                {
                    halfway.SetResult();
                    await readHalfway.Task;
                }

                var value = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await store.ApplyAsync("a", [Set("chat", "c", "x", value), Set("chat", "c", "y", value)], default);
            }
        });

        // When it is read meanwhile (bounded: the loop ends with the writer's 2000 batches)
        var reads = 0;
        do
        {
            var snapshot = await store.ReadAsync("a", default);
            var x = snapshot.Changes.FirstOrDefault(c => c.Field == "x").Json;
            var y = snapshot.Changes.FirstOrDefault(c => c.Field == "y").Json;

            // Then every read sees a whole batch, never half of one
            x.ShouldBe(y);
            reads++;
            started.TrySetResult();
            if (halfway.Task.IsCompleted)
            {
                readHalfway.TrySetResult();
            }
        }
        while (!writer.IsCompleted);

        await writer.WaitAsync(TimeSpan.FromSeconds(30));
        readHalfway.Task.IsCompleted.ShouldBeTrue();
        reads.ShouldBeGreaterThan(1);
    }

    private MemoryStateStore Store(StateLimits? limits = null) => new(limits ?? StateLimits.Default, time);

    private static Change Set(string collection, string id, string field, string json) => new(collection, id, field, json);

    /// <summary>A JSON string of <paramref name="length"/> characters.</summary>
    private static string Text(int length) => "\"" + new string('字', length - 2) + "\"";
}
