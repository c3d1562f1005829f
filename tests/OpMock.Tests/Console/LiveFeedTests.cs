using System.Collections.Immutable;
using System.Text;
using OpMock.Core.Console;
using OpMock.Core.Server;

namespace OpMock.Tests.Console;

public sealed class LiveFeedTests
{
    [Fact]
    public void Publish_ClientReadsNothing_KeepsTheNewestAndCountsWhatItDropped()
    {
        var feed = new LiveFeed(queueBound: 1000);
        using var client = feed.Subscribe(after: null, out _)!;

        for (var n = 1; n <= 1500; n++)
        {
            Publish(feed, n);
        }

        var read = Drain(client);
        read.Count.ShouldBe(1000);
        read[0].Sequence.ShouldBe(501);
        read[^1].Sequence.ShouldBe(1500);
        client.TakeDropped().ShouldBe(500);
        client.TakeDropped().ShouldBe(0, "a drop is told once");
        client.DroppedTotal.ShouldBe(500);
    }

    [Fact]
    public void Publish_OneSlowClient_OthersLoseNothing()
    {
        var feed = new LiveFeed(queueBound: 10);
        using var slow = feed.Subscribe(null, out _)!;
        using var fast = feed.Subscribe(null, out _)!;

        var seen = new List<long>();
        for (var n = 1; n <= 100; n++)
        {
            Publish(feed, n);
            seen.AddRange(Drain(fast).Select(e => e.Sequence));
        }

        seen.ShouldBe(Enumerable.Range(1, 100).Select(n => (long)n));
        fast.DroppedTotal.ShouldBe(0);
        slow.DroppedTotal.ShouldBe(90);
    }

    [Fact]
    public void Subscribe_PastTheClientCap_IsRefusedUntilOneLeaves()
    {
        var feed = new LiveFeed(maxClients: 8);
        var clients = Enumerable.Range(0, 8).Select(_ => feed.Subscribe(null, out IReadOnlyList<FeedEntry> _)).ToList();
        clients.ShouldAllBe(c => c != null);
        feed.Clients.ShouldBe(8);

        feed.Subscribe(null, out _).ShouldBeNull();

        clients[3]!.Dispose();
        using var next = feed.Subscribe(null, out _);
        next.ShouldNotBeNull();
        foreach (var client in clients)
        {
            client!.Dispose();
        }
    }

    [Fact]
    public void Subscribe_AfterALastEventId_ReplaysOnlyTheKeptEntriesAfterIt()
    {
        var feed = new LiveFeed(historyBound: 5);
        for (var n = 1; n <= 8; n++)
        {
            Publish(feed, n);
        }

        using (feed.Subscribe(after: null, out var all))
        {
            all.Select(e => e.Sequence).ShouldBe([4L, 5, 6, 7, 8], "the last five, oldest first");
        }

        using var resumed = feed.Subscribe(after: 6, out var rest)!;
        rest.Select(e => e.Sequence).ShouldBe([7L, 8]);

        Publish(feed, 9);
        Drain(resumed).Select(e => e.Sequence).ShouldBe([9L], "nothing missed or repeated between the replay and the queue");
    }

    [Fact]
    public void Complete_ServerStopping_EndsEveryClientAndRefusesNewOnes()
    {
        var feed = new LiveFeed();
        using var client = feed.Subscribe(null, out _)!;
        Publish(feed, 1);

        feed.Complete();

        client.Reader.TryRead(out var last).ShouldBeTrue("what was queued is still read");
        last!.Sequence.ShouldBe(1);
        client.Reader.Completion.IsCompleted.ShouldBeTrue();
        feed.Subscribe(null, out _).ShouldBeNull();
        feed.Completed.ShouldBeTrue();
    }

    [Fact]
    public void Publish_NobodyWatches_BuildsNoJson()
    {
        var feed = new LiveFeed(historyBound: 3);
        var built = 0;
        for (var n = 0; n < 100; n++)
        {
            feed.Publish(() =>
            {
                Interlocked.Increment(ref built);
                return [];
            });
        }

        built.ShouldBe(0);
        using var client = feed.Subscribe(null, out var replay)!;
        replay.Sum(e => e.Json.Length + e.Json.Length).ShouldBe(0);
        built.ShouldBe(3, "each kept entry is built once, however often it is read");
    }

    [Theory]
    [InlineData("/__opmock/api/events", null, false)]
    [InlineData("/__OPMOCK/", null, false)]
    [InlineData("/__admin/opmock/sessions", ConsoleEndpoint.OwnHeader, false)]
    [InlineData("/__admin/opmock/sessions", null, true)]
    [InlineData("/__opmock/avatars/u1.svg", null, true)]
    [InlineData("/op/v2/receives", null, true)]
    public void Record_ConsoleOwnTraffic_IsLeftOut(string path, string? header, bool shown)
    {
        var feed = new LiveFeed();
        using var client = feed.Subscribe(null, out _)!;

        feed.Record(Exchange(path, header is null ? [] : [KeyValuePair.Create(header, "1")]));

        client.Reader.TryRead(out _).ShouldBe(shown);
    }

    internal static Exchange Exchange(string path, ImmutableArray<KeyValuePair<string, string>> headers) => new(
        Guid.NewGuid(), DateTimeOffset.UnixEpoch, false, 8080, "127.0.0.1", "POST", path, "", null, headers, "{}"u8.ToArray(), 2,
        200, [], "{}"u8.ToArray(), 2, TimeSpan.FromMilliseconds(1.25), SessionName.Default, null, [], "opmock", null, null);

    private static void Publish(LiveFeed feed, int n) => feed.Publish(() => Encoding.UTF8.GetBytes($"{{\"n\":{n}}}"));

    private static List<FeedEntry> Drain(FeedClient client)
    {
        var entries = new List<FeedEntry>();
        while (client.Reader.TryRead(out var entry))
        {
            entries.Add(entry);
        }

        return entries;
    }

    [Fact]
    public void Subscribe_FeedFullOfStreamsThatStoppedReading_TheIdlestGivesWayToANewPage()
    {
        // Given eight local streams that never read, and a ninth page some time later
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var feed = new LiveFeed(maxClients: 8, time: time) { MaxPerClient = 10 };
        var evicted = new List<int>();
        var stalled = Enumerable.Range(0, 8).Select(i =>
        {
            var client = feed.Subscribe(null, out _, "127.0.0.1", () => evicted.Add(i), out _)!;
            time.Advance(TimeSpan.FromSeconds(1));
            return client;
        }).ToList();

        // When a new console connects while they are still fresh, and again once they idled past the give-way time
        var early = feed.Subscribe(null, out _, "127.0.0.1", null, out var why);
        stalled[0].Touch();
        time.Advance(LiveFeed.DefaultGiveWayAfter);
        using var late = feed.Subscribe(null, out _, "127.0.0.1", null, out _);

        // Then the early one is refused naming the limit, and the late one gets the place of the stream idle longest
        // (the first was read from just now: the second gives way), whose connection is cut
        early.ShouldBeNull();
        why.ShouldBe("the live log serves at most 8 pages at once, each of them active within the last 30 s; close another console tab and reload");
        late.ShouldNotBeNull();
        evicted.ShouldBe([1]);
        feed.Clients.ShouldBe(8);
    }

    [Fact]
    public void Subscribe_OneClientAtItsShare_RefusedWhileOthersConnect()
    {
        var feed = new LiveFeed(maxClients: 8) { MaxPerClient = 2 };
        feed.Subscribe(null, out _, "10.0.0.5", null, out _).ShouldNotBeNull();
        feed.Subscribe(null, out _, "10.0.0.5", null, out _).ShouldNotBeNull();

        feed.Subscribe(null, out _, "10.0.0.5", null, out var why).ShouldBeNull();
        feed.Subscribe(null, out _, "127.0.0.1", null, out _).ShouldNotBeNull();

        why!.ShouldStartWith("this client already has 2 live-log streams open");
    }
}
