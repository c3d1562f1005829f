using System.Net;
using System.Text.Json.Nodes;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.ActionsHost;

namespace OpMock.Tests.Server;

/// <summary>
/// Replicas share one world (issue 21): two servers on one redis-server, started by the test, walk the write flows of
/// the test write docs (TestDocs/actions) with every request going to the other server than the last, on both ports,
/// in two sessions; then Redis is killed mid-run and started again.
/// </summary>
public sealed class MockServerReplicasTests : IAsyncLifetime
{
    private RedisServer redis = null!;
    private ActionsHost[] replicas = [];
    private int turn;

    public async Task InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        replicas = [await ActionsHost.StartAsync(state: redis.Url), await ActionsHost.StartAsync(state: redis.Url)];
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }

        await redis.DisposeAsync();
    }

    /// <summary>The replica after the one that answered last: no two requests in a row reach the same server.</summary>
    private ActionsHost Next => replicas[turn++ % replicas.Length];

    [Fact]
    public async Task Flows_AlternatingReplicasPortsAndSessions_BehaveAsOneServer()
    {
        var other = replicas[0].WorldOp(1);
        const string user = "u0001248512029e4eb9d971c77e35f37f3506";
        var messagesBefore = (await CallAsync(MessagePage, $$"""{"chatId":"{{Chat}}","pageNo":1,"pageSize":50}""", "a", false))["page"]!["totalCount"]!.GetValue<int>();
        var addressesBefore = (await DataAsync(Addresses, $$"""{"userId":"{{user}}"}""", "a", true))["addresses"]!.AsArray().Count;

        // When session a sets the OP online, sends a message, adds an address, sets a remark, transfers the chat, then
        // closes it, and session b only sends a message — each request through the other replica than the last
        (await DataAsync(SetOnline, $$"""{"staffId":"{{Op}}","online":true}""", "a", false))["isOnline"]!.GetValue<bool>().ShouldBeTrue();
        var sent = (await DataAsync(SendMessage, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","content":"师傅明天上午九点到"}""", "a", true))["msgId"]!.GetValue<string>();
        var theirs = (await DataAsync(SendMessage, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","content":"会话b的消息"}""", "b", false))["msgId"]!.GetValue<string>();
        var added = (await DataAsync(AddAddress, $$"""{"userId":"{{user}}","address":"上海市徐汇区漕溪北路88号"}""", "a", false))["userAddressId"]!.GetValue<string>();
        await DataAsync(UpdateRemark, $$"""{"chatId":"{{Chat}}","remark":"老客户，优先处理"}""", "a", true);
        var moved = await DataAsync(TransferChat, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","toStaffId":"{{other}}"}""", "a", false);
        var closed = await DataAsync(CloseChat, $$"""{"chatId":"{{Chat}}","staffId":"{{other}}"}""", "a", true);

        // Then every later answer, from either replica on either port, shows session a's writes, and session b's world has only its own
        moved["fromStaffId"]!.GetValue<string>().ShouldBe(Op);
        closed["closed"]!.GetValue<bool>().ShouldBeTrue();
        foreach (var viaTransfer in new[] { false, true, false, true })
        {
            (await DataAsync(Receives, "{}", "a", viaTransfer))["isOnline"]!.GetValue<bool>().ShouldBeTrue();
            (await ListedAsync(Op, "a", viaTransfer)).ShouldNotContain(Chat);
            (await ListedAsync(other, "a", viaTransfer)).ShouldNotContain(Chat);
            var detail = await DataAsync(ChatDetail, $$"""{"chatId":"{{Chat}}"}""", "a", viaTransfer);
            detail["status"]!.GetValue<string>().ShouldBe("7");
            detail["operatorId"]!.GetValue<string>().ShouldBe(other);
            detail["remark"]!.GetValue<string>().ShouldBe("老客户，优先处理");
            var messages = await CallAsync(MessagePage, $$"""{"chatId":"{{Chat}}","pageNo":1,"pageSize":50}""", "a", viaTransfer);
            messages["page"]!["totalCount"]!.GetValue<int>().ShouldBe(messagesBefore + 1);
            messages["data"]!["messages"]!.AsArray()[^1]!["msgId"]!.GetValue<string>().ShouldBe(sent);
            var addresses = (await DataAsync(Addresses, $$"""{"userId":"{{user}}"}""", "a", viaTransfer))["addresses"]!.AsArray();
            addresses.Count.ShouldBe(addressesBefore + 1);
            addresses[^1]!["userAddressId"]!.GetValue<string>().ShouldBe(added);

            (await DataAsync(Receives, "{}", "b", viaTransfer))["isOnline"]!.GetValue<bool>().ShouldBeFalse();
            (await ListedAsync(Op, "b", viaTransfer)).ShouldContain(Chat);
            var theirMessages = await CallAsync(MessagePage, $$"""{"chatId":"{{Chat}}","pageNo":1,"pageSize":50}""", "b", viaTransfer);
            theirMessages["data"]!["messages"]!.AsArray()[^1]!["msgId"]!.GetValue<string>().ShouldBe(theirs);
        }

        // And both replicas list both sessions; a reset of session a through one replica restores its seeded world on both
        foreach (var replica in replicas)
        {
            var listed = JsonNode.Parse(await (await replica.AdminAsync(HttpMethod.Get, "/__admin/opmock/sessions")).Content.ReadAsStringAsync())!["sessions"]!.AsArray();
            listed.Select(s => s!["name"]!.GetValue<string>()).ShouldBe(["a", "b"]);
            listed[0]!["writes"]!.GetValue<int>().ShouldBe(6);
        }

        (await Next.AdminAsync(HttpMethod.Post, "/__admin/opmock/reset?session=a")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var viaTransfer in new[] { false, true })
        {
            (await ListedAsync(Op, "a", viaTransfer)).ShouldContain(Chat);
            (await DataAsync(Receives, "{}", "a", viaTransfer))["isOnline"]!.GetValue<bool>().ShouldBeFalse();
            (await ListedAsync(Op, "b", viaTransfer)).ShouldContain(Chat);
            (await CallAsync(MessagePage, $$"""{"chatId":"{{Chat}}","pageNo":1,"pageSize":50}""", "b", viaTransfer))["page"]!["totalCount"]!.GetValue<int>().ShouldBe(messagesBefore + 1);
        }
    }

    [Fact]
    public async Task SendMessage_ThroughBothReplicasAtOnce_FreshIdsNeverCollide()
    {
        // Given the chat's messages
        var before = (await CallAsync(MessagePage, $$"""{"chatId":"{{Chat}}","pageNo":1,"pageSize":50}""", "burst", false))["page"]!["totalCount"]!.GetValue<int>();

        // When 20 messages are sent to it at once, half through each replica, on both ports
        var sends = Enumerable.Range(0, 20).Select(i => replicas[i % 2].CallAsync(SendMessage,
            $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","content":"第{{i}}条"}""", "burst", viaTransfer: i % 4 >= 2));
        var answers = await Task.WhenAll(sends);

        // Then each got its own id, and the chat's messages hold all twenty once each, through either replica
        answers.ShouldAllBe(a => a["code"]!.GetValue<int>() == 200, string.Join("\n", answers.Select(a => a.ToJsonString())));
        var ids = answers.Select(a => a["data"]!["msgId"]!.GetValue<string>()).ToList();
        ids.Distinct().Count().ShouldBe(20);
        foreach (var replica in replicas)
        {
            var listed = new List<string>();
            for (var pageNo = 1; pageNo <= (before + 20 + 49) / 50; pageNo++)
            {
                var page = await replica.CallAsync(MessagePage, $$"""{"chatId":"{{Chat}}","pageNo":{{pageNo}},"pageSize":50}""", "burst");
                page["page"]!["totalCount"]!.GetValue<int>().ShouldBe(before + 20, page.ToJsonString());
                listed.AddRange(page["data"]!["messages"]!.AsArray().Select(m => m!["msgId"]!.GetValue<string>()));
            }

            listed.Count.ShouldBe(before + 20);
            listed.Distinct().Count().ShouldBe(listed.Count);
            ids.ShouldBeSubsetOf(listed);
        }
    }

    [Fact]
    public async Task RedisKilledMidRun_WritesAnswer503NamingTheStoreReadsGoOn_ThenServiceResumes()
    {
        // Given a write read back through both replicas, and answers about entities nobody changed
        await DataAsync(CloseChat, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}"}""", "a", false);
        (await ListedAsync(Op, "a", true)).ShouldNotContain(Chat);
        (await ListedAsync(Op, "a", false)).ShouldNotContain(Chat);
        var user = replicas[0].WorldUser(4242);
        // (each replica and port its own: icon URLs name the host a request was sent to)
        var untouched = await replicas[0].TextAsync("/op/v2/getChatInfoByUserId", $$"""{"userId":"{{user}}"}""", "a");
        var untouchedRelayed = await replicas[1].TextAsync("/op/v2/getChatInfoByUserId", $$"""{"userId":"{{user}}"}""", "a", viaTransfer: true);
        var otherList = await ListedAsync(replicas[0].WorldOp(3), "fresh", false);

        // When Redis dies
        redis.Kill();

        // Then a write through either replica, on either port, answers the house 503 envelope naming the store, none
        // waiting past the store's command timeout (bounded waits: a write that hangs fails the test)
        foreach (var (replica, viaTransfer) in new[] { (replicas[0], false), (replicas[1], true) })
        {
            using var refused = await replica.SendAsync(SetOnline, $$"""{"staffId":"{{Op}}","online":true}""", "a", viaTransfer)
                .WaitAsync(Core.World.State.RedisConnection.CommandTimeout * 2);
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var envelope = await MockHost.JsonAsync(refused);
            envelope["code"]!.GetValue<int>().ShouldBe(503);
            envelope["message"]!.GetValue<string>().ShouldStartWith($"状态存储不可用: {redis.Url}/0 (");
            envelope["data"]!["store"]!.GetValue<string>().ShouldBe($"{redis.Url}/0");
            envelope.ToJsonString().ShouldNotContain("   at ");
        }

        // And the sessions admin endpoints say the same; reads go on: unchanged entities from the seeded world (same bytes),
        // and session a as each replica last read it
        (await replicas[1].AdminAsync(HttpMethod.Get, "/__admin/opmock/sessions")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await replicas[0].AdminAsync(HttpMethod.Post, "/__admin/opmock/reset")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await replicas[0].TextAsync("/op/v2/getChatInfoByUserId", $$"""{"userId":"{{user}}"}""", "a")).ShouldBe(untouched);
        (await replicas[1].TextAsync("/op/v2/getChatInfoByUserId", $$"""{"userId":"{{user}}"}""", "a", viaTransfer: true)).ShouldBe(untouchedRelayed);
        (await ListedAsync(replicas[0].WorldOp(3), "fresh", true)).ShouldBe(otherList);
        (await ListedAsync(Op, "a", true)).ShouldNotContain(Chat);
        (await ListedAsync(Op, "a", false)).ShouldNotContain(Chat);

        // When Redis is back (empty: it saved nothing), writes go through again once each replica has reconnected
        // (awaited on its store's restored connection, bounded: the client retries every half second)
        var reconnected = replicas.Select(replica =>
        {
            var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ((Core.World.State.RedisStateStore)replica.Host.Server.Sessions.Store).Restored += () => restored.TrySetResult();
            return restored.Task;
        }).ToList();
        await redis.RestartAsync();
        await Task.WhenAll(reconnected).WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var replica in replicas)
        {
            var answer = await replica.CallAsync(SetOnline, $$"""{"staffId":"{{Op}}","online":true}""", "a");
            answer["code"]!.GetValue<int>().ShouldBe(200, answer.ToJsonString());
        }

        // Then both replicas serve session a from the restarted Redis: the OP online, the chat (Redis forgot its close) back in service
        foreach (var viaTransfer in new[] { false, true })
        {
            (await DataAsync(Receives, "{}", "a", viaTransfer))["isOnline"]!.GetValue<bool>().ShouldBeTrue();
            (await ListedAsync(Op, "a", viaTransfer)).ShouldContain(Chat);
        }
    }

    [Fact]
    public async Task ReplicaOfAnotherWorld_OnTheSameRedis_KeepsItsOwnSessions()
    {
        // Given a third server on the same Redis with another seed (another world: other ids, other answers)
        await using var stranger = await ActionsHost.StartAsync(seed: 7, state: redis.Url);

        // When the replicas close the chat in the default session
        await DataAsync(CloseChat, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}"}""", null, false);

        // Then the other world does not see it, nor list the session, and its own write stays its own
        var listed = await stranger.CallAsync(Receives, "{}", null);
        listed["data"]!["chats"]!.AsArray().Select(c => c!["chatId"]!.GetValue<string>()).ShouldContain(Chat);
        var sessions = JsonNode.Parse(await (await stranger.AdminAsync(HttpMethod.Get, "/__admin/opmock/sessions")).Content.ReadAsStringAsync())!;
        sessions["sessions"]!.AsArray().ShouldBeEmpty();
        (await stranger.CallAsync(SetOnline, $$"""{"staffId":"{{Op}}","online":true}""", null))["code"]!.GetValue<int>().ShouldBe(200);
        (await DataAsync(Receives, "{}", null, true))["isOnline"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Write_BeyondTheStoresBounds_AnswersTheStateFullEnvelope()
    {
        // Given a server on Redis whose sessions may change one record each
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithActions(temp);
        await using var host = await MockHost.StartAsync(new Core.Server.MockServerOptions(docs, Path.Combine(temp.Path, "overrides.yaml"), TestFixtures.Base,
            Port: 0, AppPort: 0, State: redis.Url) { StateLimits = Core.World.State.StateLimits.Default with { RecordsPerSession = 1 } });

        // When a session changes a second record
        var first = await MockHost.JsonAsync(await host.PostDirectAsync(UpdateRemark + "?token=" + Op, $$"""{"chatId":"{{Chat}}","remark":"一"}"""));
        using var refused = await host.PostDirectAsync(SetOnline + "?token=" + Op, $$"""{"staffId":"{{Op}}","online":true}""");

        // Then the first went in, and the second is refused with the envelope that says which bound and how to reset
        first["code"]!.GetValue<int>().ShouldBe(200);
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var envelope = await MockHost.JsonAsync(refused);
        envelope["message"]!.GetValue<string>().ShouldStartWith("会话状态已满: session `default` already changed 1 records");
        envelope["data"]!["limit"]!.GetValue<string>().ShouldBe("records");
    }

    private async Task<JsonObject> CallAsync(string route, string body, string? session, bool viaTransfer, string? token = Op) =>
        await Next.CallAsync(route, body, session, viaTransfer, token);

    /// <summary>A route's data through the next replica, after checking the answer is a success.</summary>
    private async Task<JsonObject> DataAsync(string route, string body, string? session, bool viaTransfer, string? token = Op)
    {
        var answer = await CallAsync(route, body, session, viaTransfer, token);
        answer["code"]!.GetValue<int>().ShouldBe(200, answer.ToJsonString());
        return answer["data"]!.AsObject();
    }

    private async Task<List<string>> ListedAsync(string op, string? session, bool viaTransfer) =>
        [.. (await DataAsync(Receives, "{}", session, viaTransfer, token: op))["chats"]!.AsArray().Select(c => c!["chatId"]!.GetValue<string>())];
}
