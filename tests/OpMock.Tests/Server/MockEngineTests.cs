using System.Collections.Immutable;
using System.Text;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

public sealed class MockEngineTests
{
    private static readonly ImmutableDictionary<string, string> NoQuery = ImmutableDictionary<string, string>.Empty;

    public static TheoryData<bool, string, string> Requests => new()
    {
        { false, "/op/v2/getChatInfoByUserId", """{"userId":"u0001cached"}""" },
        { false, "/op/v2/receives", """{"staffId":""}""" },
        { true, "/opapp/transfer", """{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"u0001cached"}""" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Handle_SameRequestRepeated_CachedFromTheSecondSightAndTheSameBytes(bool app, string path, string body)
    {
        // Given an engine, and a fresh one to compare with
        var engine = await NewEngineAsync();
        var fresh = await (await NewEngineAsync()).HandleAsync(Request(path, body), app, default);

        // When the same request comes three times
        var first = await engine.HandleAsync(Request(path, body), app, default);
        engine.CachedAnswers.ShouldBe(0);
        var second = await engine.HandleAsync(Request(path, body), app, default);
        engine.CachedAnswers.ShouldBe(1);
        var third = await engine.HandleAsync(Request(path, body), app, default);

        // Then a request seen once is not cached, one seen twice is, and every answer is the fresh engine's
        foreach (var reply in new[] { first, second, third })
        {
            reply.Status.ShouldBe(200);
            Encoding.UTF8.GetString(reply.Body).ShouldBe(Encoding.UTF8.GetString(fresh.Body));
        }
    }

    [Fact]
    public async Task Handle_ManyUsersEachOnce_CachesNothing()
    {
        // Given an engine
        var engine = await NewEngineAsync();

        // When 500 users are each asked for once (traffic that never repeats)
        for (var i = 0; i < 500; i++)
        {
            (await engine.HandleAsync(Request("/op/v2/getChatInfoByUserId", $$"""{"userId":"u0001once{{i}}"}"""), app: false, default)).Status.ShouldBe(200);
        }

        // Then none of those answers is kept
        engine.CachedAnswers.ShouldBe(0);
    }

    [Fact]
    public async Task Handle_ReadCachedThenAWrite_NextReadShowsTheWriteNotTheCachedAnswer()
    {
        // Given an engine on the write docs, whose 2.19 answer for an OP is cached (asked twice)
        using var temp = new TempFolder();
        var engine = new MockEngine(await MockState.LoadAsync(TestDocs.BaseWithActions(temp), Path.Combine(temp.Path, "overrides.yaml"), TestFixtures.Base, seed: null), TestClock.Frozen());
        var list = Request(ActionsHost.Receives, "{}", ActionsHost.Op) with { Session = "s" };
        var before = Encoding.UTF8.GetString((await engine.HandleAsync(list, app: false, default)).Body);
        await engine.HandleAsync(list, app: false, default);
        engine.CachedAnswers.ShouldBe(1);
        before.ShouldContain("\"isOnline\":false");

        // When the session sets the OP online, and the same list is asked again
        var write = Request(ActionsHost.SetOnline, $$"""{"staffId":"{{ActionsHost.Op}}","online":true}""") with { Session = "s" };
        (await engine.HandleAsync(write, app: false, default)).Status.ShouldBe(200);
        var after = Encoding.UTF8.GetString((await engine.HandleAsync(list, app: false, default)).Body);

        // Then the answer shows the write; another session still gets the seeded (cached) answer
        after.ShouldContain("\"isOnline\":true");
        Encoding.UTF8.GetString((await engine.HandleAsync(list with { Session = "t" }, app: false, default)).Body).ShouldBe(before);
    }

    [Fact]
    public async Task Handle_WriteRepeated_NeverCachedEachOneApplied()
    {
        // Given an engine on the write docs
        using var temp = new TempFolder();
        var engine = new MockEngine(await MockState.LoadAsync(TestDocs.BaseWithActions(temp), Path.Combine(temp.Path, "overrides.yaml"), TestFixtures.Base, seed: null), TestClock.Frozen());
        var send = Request(ActionsHost.SendMessage, $$"""{"chatId":"{{ActionsHost.Chat}}","staffId":"{{ActionsHost.Op}}","content":"一"}""");

        // When the same send comes three times
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var body = System.Text.Json.Nodes.JsonNode.Parse((await engine.HandleAsync(send, app: false, default)).Body)!;
            ids.Add(body["data"]!["msgId"]!.GetValue<string>());
        }

        // Then three messages were sent, none answered from the cache
        ids.Distinct().Count().ShouldBe(3);
        engine.CachedAnswers.ShouldBe(0);
    }

    [Fact]
    public async Task Handle_SessionFull_WriteAnswersTheStateFullEnvelopeReadsStillAnswer()
    {
        // Given an engine whose sessions keep at most 2 messages per chat
        using var temp = new TempFolder();
        var state = await MockState.LoadAsync(TestDocs.BaseWithActions(temp), Path.Combine(temp.Path, "overrides.yaml"), TestFixtures.Base, seed: null);
        var engine = new MockEngine(state, TestClock.Frozen(), Core.World.State.Sessions.InMemory(TestClock.Frozen(), Core.World.State.StateLimits.Default with { PerCollection = 2 }));
        var send = Request(ActionsHost.SendMessage, $$"""{"chatId":"{{ActionsHost.Chat}}","staffId":"{{ActionsHost.Op}}","content":"一"}""") with { Session = "full" };
        await engine.HandleAsync(send, app: false, default);
        await engine.HandleAsync(send, app: false, default);

        // When a third is sent
        var reply = await engine.HandleAsync(send, app: false, default);

        // Then it is refused with the house envelope naming the limit, and reads go on
        reply.Status.ShouldBe(503);
        var body = System.Text.Json.Nodes.JsonNode.Parse(reply.Body)!;
        body["code"]!.GetValue<int>().ShouldBe(503);
        body["message"]!.GetValue<string>().ShouldStartWith("会话状态已满: session `full` already holds 2 messages appended to chat `");
        body["data"]!["limit"]!.GetValue<string>().ShouldBe("collection");
        (await engine.HandleAsync(Request(ActionsHost.Receives, "{}", ActionsHost.Op) with { Session = "full" }, app: false, default)).Status.ShouldBe(200);
    }

    private static MockRequest Request(string path, string body, string token) =>
        MockRequest.Create("POST", path, "application/json", Encoding.UTF8.GetBytes(body), NoQuery.Add("token", token), scenario: null);

    [Fact]
    public async Task Handle_SameRequestToTwoHosts_EachAnswerLinksItsOwnHostsImages()
    {
        // Given an engine that has cached an answer asked through one host name
        var engine = await NewEngineAsync();
        var body = """{"userId":"u0001twohosts"}""";
        for (var i = 0; i < 2; i++)
        {
            await engine.HandleAsync(Request("/op/v2/getChatInfoByUserId", body) with { Host = "localhost:8080" }, app: false, default);
        }

        // When the same request comes through another (a container's name)
        var other = Encoding.UTF8.GetString((await engine.HandleAsync(Request("/op/v2/getChatInfoByUserId", body) with { Host = "opmock:8080" }, app: false, default)).Body);

        // Then its images are linked on that host, not on the cached answer's
        other.ShouldContain("\"http://opmock:8080/__opmock/avatars/");
        other.ShouldNotContain("localhost:8080");
    }

    [Fact]
    public async Task Handle_SameRequestNextDay_AnswersFromTheNextDaysWorld()
    {
        // Given an engine whose world follows the clock, asked twice (so the answer is cached) on one day
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero));
        var engine = await NewEngineAsync(clock);
        var request = Request("/op/v2/getChatInfoByUserId", """{"userId":"u0001nextday"}""");
        var today = Data(await engine.HandleAsync(request, app: false, default));
        Data(await engine.HandleAsync(request, app: false, default)).ShouldBe(today);

        // When the China day turns
        clock.Advance(TimeSpan.FromDays(1));

        // Then the chat's time moved with the anchor, a day later
        var tomorrow = Data(await engine.HandleAsync(request, app: false, default));
        var created = System.Text.Json.Nodes.JsonNode.Parse(tomorrow)!["createTime"]!.GetValue<long>();
        (created - System.Text.Json.Nodes.JsonNode.Parse(today)!["createTime"]!.GetValue<long>()).ShouldBe((long)TimeSpan.FromDays(1).TotalMilliseconds);

        static string Data(MockReply reply) => System.Text.Json.Nodes.JsonNode.Parse(reply.Body)!["data"]!.ToJsonString();
    }

    private static MockRequest Request(string path, string body) =>
        MockRequest.Create("POST", path, "application/json", Encoding.UTF8.GetBytes(body), NoQuery, scenario: null);

    private static async Task<MockEngine> NewEngineAsync(TimeProvider? time = null)
    {
        time ??= TestClock.Frozen();
        return new(await MockState.LoadAsync(TestDocs.Base, TestDocs.BaseOverrides, TestFixtures.Base, seed: null, time), time);
    }
}
