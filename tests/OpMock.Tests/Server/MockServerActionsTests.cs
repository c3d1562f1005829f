using System.Net;
using System.Text.Json.Nodes;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.ActionsHost;

namespace OpMock.Tests.Server;

/// <summary>
/// Writes are read back (issue 18): each flow walked on the test write docs (TestDocs/actions), directly and through
/// /opapp/transfer, in one session while another session sees the seeded world, then reset. Every answer is checked
/// against its route's response schema.
/// </summary>
public sealed class MockServerActionsTests : IAsyncLifetime
{
    private ActionsHost host = null!;
    // Concurrent: Sessions_TwoAtOnce_… checks two answers at once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SchemaChecker> checkers = new();

    public static TheoryData<bool> Ways => [false, true];

    public async Task InitializeAsync() => host = await ActionsHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task CloseChat_InOneSession_FinishesTheChatThereAndNowhereElse(bool viaTransfer)
    {
        // Given the chat on the OP's 2.19 list, in two sessions
        (await ListedAsync(Op, "a", viaTransfer)).ShouldContain(Chat);
        (await ListedAsync(Op, "b", viaTransfer)).ShouldContain(Chat);

        // When session a closes it
        var closed = await DataAsync(CloseChat, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}"}""", "a", viaTransfer);

        // Then the answer says so, with now as closeTime and the time since the chat's start as duration (seconds, as the doc says)
        closed["closed"]!.GetValue<bool>().ShouldBeTrue();
        closed["status"]!.GetValue<string>().ShouldBe("7");
        closed["closeTime"]!.GetValue<string>().ShouldBe("2026-11-01 10:00:00");
        // (2.19's example starts it 2016-01-06 10:59:12; examples live in the present, so it started yesterday at 10:59:12)
        var started = new DateTimeOffset(2026, 10, 31, 10, 59, 12, TimeSpan.FromHours(8));
        closed["duration"]!.GetValue<long>().ShouldBe((long)(Now - started).TotalSeconds);

        // And the chat is off the OP's list and finished in its detail, in session a only, on both ports
        foreach (var way in new[] { false, true })
        {
            (await ListedAsync(Op, "a", way)).ShouldNotContain(Chat);
            (await ListedAsync(Op, "b", way)).ShouldContain(Chat);
            var detail = await DataAsync(ChatDetail, $$"""{"chatId":"{{Chat}}"}""", "a", way);
            detail["status"]!.GetValue<string>().ShouldBe("7");
            detail["closed"]!.GetValue<bool>().ShouldBeTrue();
            detail["closeTime"]!.GetValue<string>().ShouldBe("2026-11-01 10:00:00");
        }

        // And a reset of session a restores the seeded world there
        (await host.AdminAsync(HttpMethod.Post, "/__admin/opmock/reset?session=a")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListedAsync(Op, "a", viaTransfer)).ShouldContain(Chat);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task SetOnline_TheOpGoesOnline_EveryLaterAnswerShowsIt(bool viaTransfer)
    {
        // Given the OP offline, as 2.19's example shows it
        (await DataAsync(Receives, "{}", "a", viaTransfer))["isOnline"]!.GetValue<bool>().ShouldBeFalse();

        // When session a sets it online
        var answer = await DataAsync(SetOnline, $$"""{"staffId":"{{Op}}","online":true}""", "a", viaTransfer);

        // Then the write's own answer, and every later 2.19 of session a, show it online; session b's does not
        answer["isOnline"]!.GetValue<bool>().ShouldBeTrue();
        answer["staffId"]!.GetValue<string>().ShouldBe(Op);
        (await DataAsync(Receives, "{}", "a", !viaTransfer))["isOnline"]!.GetValue<bool>().ShouldBeTrue();
        (await DataAsync(Receives, $$"""{"staffId":"{{Op}}"}""", "a", viaTransfer))["isOnline"]!.GetValue<bool>().ShouldBeTrue();
        (await DataAsync(Receives, "{}", "b", viaTransfer))["isOnline"]!.GetValue<bool>().ShouldBeFalse();

        // And back offline
        (await DataAsync(SetOnline, $$"""{"staffId":"{{Op}}","online":false}""", "a", viaTransfer))["isOnline"]!.GetValue<bool>().ShouldBeFalse();
        (await DataAsync(Receives, "{}", "a", viaTransfer))["isOnline"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task TransferChat_ToAnotherOp_MovesItToThatOpsListAndEchoesTheOps(bool viaTransfer)
    {
        // Given another OP of the world and its list
        var other = host.WorldOp(1);
        var before = await ListedAsync(other, "a", viaTransfer);
        before.ShouldNotContain(Chat);

        // When session a transfers the chat to it
        var answer = await DataAsync(TransferChat, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","toStaffId":"{{other}}"}""", "a", viaTransfer);

        // Then the answer echoes the OPs asked, and the chat is on the other OP's list, not on the first one's
        answer["fromStaffId"]!.GetValue<string>().ShouldBe(Op);
        answer["toStaffId"]!.GetValue<string>().ShouldBe(other);
        answer["status"]!.GetValue<string>().ShouldBe("5");
        (await ListedAsync(Op, "a", !viaTransfer)).ShouldNotContain(Chat);
        var after = await ListedAsync(other, "a", !viaTransfer);
        after.ShouldContain(Chat);
        after.Count.ShouldBe(before.Count + 1);
        (await DataAsync(ChatDetail, $$"""{"chatId":"{{Chat}}"}""", "a", viaTransfer))["operatorId"]!.GetValue<string>().ShouldBe(other);

        // And session b still sees it where it was
        (await ListedAsync(Op, "b", viaTransfer)).ShouldContain(Chat);
        (await ListedAsync(other, "b", viaTransfer)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task SendMessage_AMessageIsAppended_LastInTheListWithTheTotalOneMoreAndTheChatsLatestMessage(bool viaTransfer)
    {
        // Given the chat's messages
        var page = await host.CallAsync(MessagePage, $$"""{"chatId":"{{Chat}}","pageNo":1,"pageSize":50}""", "a", viaTransfer);
        var total = page["page"]!["totalCount"]!.GetValue<int>();
        total.ShouldBeGreaterThan(0);

        // When session a sends one
        var sent = await DataAsync(SendMessage, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","content":"师傅明天上午九点到","msgType":"text"}""", "a", viaTransfer);

        // Then it has a fresh id and now as its sendTime
        var id = sent["msgId"]!.GetValue<string>();
        id.ShouldMatch("^[0-9a-f]{32}$");
        sent["sendTime"]!.GetValue<string>().ShouldBe("2026-11-01 10:00:00");
        sent["chatId"]!.GetValue<string>().ShouldBe(Chat);

        // And it is last in the chat's messages, the total one more, from this OP; and the chat's latest message on the OP's list
        var after = await host.CallAsync(MessagePage, $$"""{"chatId":"{{Chat}}","pageNo":1,"pageSize":50}""", "a", !viaTransfer);
        Check(MessagePage, after);
        after["page"]!["totalCount"]!.GetValue<int>().ShouldBe(total + 1);
        var last = after["data"]!["messages"]!.AsArray()[^1]!;
        last["msgId"]!.GetValue<string>().ShouldBe(id);
        last["content"]!.GetValue<string>().ShouldBe("师傅明天上午九点到");
        last["fromType"]!.GetValue<int>().ShouldBe(2);
        last["fromId"]!.GetValue<string>().ShouldBe(Op);
        last["sendTime"]!.GetValue<string>().ShouldBe("2026-11-01 10:00:00");
        var listed = (await DataAsync(Receives, "{}", "a", viaTransfer))["chats"]!.AsArray().Single(c => c!["chatId"]!.GetValue<string>() == Chat)!;
        listed["message"]!.GetValue<string>().ShouldBe("师傅明天上午九点到");

        // And in session b nothing changed
        (await host.CallAsync(MessagePage, $$"""{"chatId":"{{Chat}}","pageNo":1,"pageSize":50}""", "b", viaTransfer))["page"]!["totalCount"]!.GetValue<int>().ShouldBe(total);
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task AddUserAddress_ACreatedItem_IsListedThenGoneOnceDeleted(bool viaTransfer)
    {
        // Given a user's addresses (5.1-style example user, as 7.7's example lists them)
        const string user = "u0001248512029e4eb9d971c77e35f37f3506";
        var before = (await DataAsync(Addresses, $$"""{"userId":"{{user}}"}""", "a", viaTransfer))["addresses"]!.AsArray();

        // When session a adds one
        var added = await DataAsync(AddAddress, $$"""{"userId":"{{user}}","address":"上海市徐汇区漕溪北路88号","remark":"公司"}""", "a", viaTransfer);
        var id = added["userAddressId"]!.GetValue<string>();
        id.ShouldMatch("^[0-9a-f]{32}$");

        // Then the list holds it last, with the fields sent, on both ports
        foreach (var way in new[] { false, true })
        {
            var listed = (await DataAsync(Addresses, $$"""{"userId":"{{user}}"}""", "a", way))["addresses"]!.AsArray();
            listed.Count.ShouldBe(before.Count + 1);
            listed[^1]!["userAddressId"]!.GetValue<string>().ShouldBe(id);
            listed[^1]!["address"]!.GetValue<string>().ShouldBe("上海市徐汇区漕溪北路88号");
            listed[^1]!["remark"]!.GetValue<string>().ShouldBe("公司");
        }

        // And its detail finds it
        var detail = await DataAsync(AddressDetail, $$"""{"userId":"{{user}}","userAddressId":"{{id}}"}""", "a", viaTransfer);
        (detail["userAddressId"]!.GetValue<string>(), detail["address"]!.GetValue<string>(), detail["remark"]!.GetValue<string>()).ShouldBe((id, "上海市徐汇区漕溪北路88号", "公司"));
        (await DataAsync(Addresses, $$"""{"userId":"{{user}}"}""", "b", viaTransfer))["addresses"]!.AsArray().Count.ShouldBe(before.Count);

        // And once deleted (the new one and the example's), neither is listed
        await DataAsync(DeleteAddress, $$"""{"userId":"{{user}}","userAddressId":"{{id}}"}""", "a", viaTransfer);
        await DataAsync(DeleteAddress, $$"""{"userId":"{{user}}","userAddressId":"3b1f0c9a8e2d4c7b9a6f5e4d3c2b1a09"}""", "a", viaTransfer);
        var left = (await DataAsync(Addresses, $$"""{"userId":"{{user}}"}""", "a", viaTransfer))["addresses"]!.AsArray();
        left.Select(a => a!["userAddressId"]!.GetValue<string>()).ShouldNotContain(id);
        left.Select(a => a!["userAddressId"]!.GetValue<string>()).ShouldNotContain("3b1f0c9a8e2d4c7b9a6f5e4d3c2b1a09");
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task UpdateChatRemark_TheFieldSent_IsShownByTheChatsDetail(bool viaTransfer)
    {
        // When session a sets the chat's remark
        var answer = await DataAsync(UpdateRemark, $$"""{"chatId":"{{Chat}}","remark":"老客户，优先处理"}""", "a", viaTransfer);

        // Then the answer and the chat's detail show it, in session a only
        answer["remark"]!.GetValue<string>().ShouldBe("老客户，优先处理");
        (await DataAsync(ChatDetail, $$"""{"chatId":"{{Chat}}"}""", "a", !viaTransfer))["remark"]!.GetValue<string>().ShouldBe("老客户，优先处理");
        (await DataAsync(ChatDetail, $$"""{"chatId":"{{Chat}}"}""", "b", viaTransfer))["remark"]?.GetValue<string>().ShouldNotBe("老客户，优先处理");
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task AcceptChat_AnotherUsersChat_IsServedByTheOpNamed(bool viaTransfer)
    {
        // Given a world user's chat, not on the OP's list
        var user = host.WorldUser(777);
        var chat = (await host.CallAsync("/op/v2/getChatInfoByUserId", $$"""{"userId":"{{user}}"}""", "a", viaTransfer))["data"]!["chatId"]!.GetValue<string>();
        (await ListedAsync(Op, "a", viaTransfer)).ShouldNotContain(chat);

        // When session a's OP accepts it
        var answer = await DataAsync(AcceptChat, $$"""{"chatId":"{{chat}}","staffId":"{{Op}}"}""", "a", viaTransfer);

        // Then it is in service with this OP: on its list, in 2.36 too
        answer["status"]!.GetValue<string>().ShouldBe("5");
        (await ListedAsync(Op, "a", !viaTransfer)).ShouldContain(chat);
        var info = (await host.CallAsync("/op/v2/getChatInfoByUserId", $$"""{"userId":"{{user}}"}""", "a", viaTransfer))["data"]!;
        info["status"]!.GetValue<string>().ShouldBe("5");
        (await ListedAsync(Op, "b", viaTransfer)).ShouldNotContain(chat);
    }

    [Fact]
    public async Task DocSamples_InOrder_TellOneStory()
    {
        // Given the docs' own samples: 2.19 (the OP offline), setOnline, 2.19 again
        var setOnline = Sample("get-op-api/7.1");

        // When they are sent in that order in one session
        var first = await DataAsync(Receives, "{}", "story", viaTransfer: false);
        var written = await host.CallAsync(SetOnline, setOnline, "story");
        var again = await DataAsync(Receives, "{}", "story", viaTransfer: true);

        // Then the OP is offline, the write answers its documented data, and the list shows the OP online
        first["isOnline"]!.GetValue<bool>().ShouldBeFalse();
        JsonNode.DeepEquals(written["data"], Example("get-op-api/7.1")["data"]).ShouldBeTrue(written.ToJsonString());
        again["isOnline"]!.GetValue<bool>().ShouldBeTrue();
        again["chats"]!.AsArray().Count.ShouldBe(first["chats"]!.AsArray().Count);
    }

    [Fact]
    public async Task Sessions_TwoAtOnce_NeverSeeEachOthersWrites()
    {
        // When two sessions write at once, one closing the chat and one sending in it
        await Task.WhenAll(
            DataAsync(CloseChat, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}"}""", "left", viaTransfer: false),
            DataAsync(SendMessage, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","content":"右边的消息"}""", "right", viaTransfer: true));

        // Then each sees its own write only
        (await ListedAsync(Op, "left", false)).ShouldNotContain(Chat);
        (await ListedAsync(Op, "right", true)).ShouldContain(Chat);
        (await DataAsync(ChatDetail, $$"""{"chatId":"{{Chat}}"}""", "left", true))["message"]!.GetValue<string>().ShouldNotBe("右边的消息");
        (await DataAsync(ChatDetail, $$"""{"chatId":"{{Chat}}"}""", "right", false))["message"]!.GetValue<string>().ShouldBe("右边的消息");

        // And a reset of all sessions restores the seeded world in both, and the session list is empty
        (await host.AdminAsync(HttpMethod.Post, "/__admin/opmock/reset")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ListedAsync(Op, "left", false)).ShouldContain(Chat);
        (await DataAsync(ChatDetail, $$"""{"chatId":"{{Chat}}"}""", "right", false))["message"]!.GetValue<string>().ShouldNotBe("右边的消息");
        var sessions = JsonNode.Parse(await (await host.AdminAsync(HttpMethod.Get, "/__admin/opmock/sessions")).Content.ReadAsStringAsync())!;
        sessions["sessions"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task NoSessionHeader_WritesGoToTheDefaultSession()
    {
        // When a write is sent without a session header
        await DataAsync(CloseChat, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}"}""", null, viaTransfer: false);

        // Then requests without one see it, and the default session is listed with its change
        (await ListedAsync(Op, null, true)).ShouldNotContain(Chat);
        (await ListedAsync(Op, "other", true)).ShouldContain(Chat);
        var sessions = JsonNode.Parse(await (await host.AdminAsync(HttpMethod.Get, "/__admin/opmock/sessions")).Content.ReadAsStringAsync())!["sessions"]!.AsArray();
        var listed = sessions.Single()!;
        listed["name"]!.GetValue<string>().ShouldBe("default");
        listed["changes"]!.GetValue<int>().ShouldBe(1);
        listed["writes"]!.GetValue<int>().ShouldBe(1);
        listed["lastUsed"]!.GetValue<string>().ShouldBe("2026-11-01T02:00:00.000Z");
    }

    [Fact]
    public async Task SameRequests_OnTwoServers_GiveTheSameBytes()
    {
        // Given a second server with the same seed, docs and fixtures, and time frozen alike
        await using var twin = await ActionsHost.StartAsync();
        string[] requests =
        [
            SendMessage, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","content":"一"}""",
            AddAddress, """{"userId":"u0001248512029e4eb9d971c77e35f37f3506","address":"北京市海淀区学院路38号"}""",
            CloseChat, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}"}""",
            MessagePage, $$"""{"chatId":"{{Chat}}","pageNo":1,"pageSize":50}""",
            Addresses, """{"userId":"u0001248512029e4eb9d971c77e35f37f3506"}""",
            Receives, "{}",
        ];

        // When both get the same sequence of requests
        for (var i = 0; i < requests.Length; i += 2)
        {
            var mine = (await host.TextAsync(requests[i], requests[i + 1], "same")).Replace(host.Host.Server.DirectUrl, "{server}", StringComparison.Ordinal);
            var theirs = (await twin.TextAsync(requests[i], requests[i + 1], "same")).Replace(twin.Host.Server.DirectUrl, "{server}", StringComparison.Ordinal);

            // Then every answer is byte for byte the same (fresh ids included), but for the server's own address its images name
            theirs.ShouldBe(mine, requests[i]);
        }
    }

    [Fact]
    public async Task ErrorScenario_OnAWrite_ChangesNothing()
    {
        // When a close is answered by the server-error scenario
        using var response = await SendWithScenarioAsync(CloseChat, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}"}""", "a", "server-error");
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);

        // Then the chat is still on the list
        (await ListedAsync(Op, "a", false)).ShouldContain(Chat);
    }

    private async Task<HttpResponseMessage> SendWithScenarioAsync(string route, string body, string session, string scenario)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Host.Server.DirectUrl + route) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(Core.Server.SessionName.Header, session);
        request.Headers.Add(Core.Server.MockEngine.ScenarioHeader, scenario);
        return await host.Host.Client.SendAsync(request);
    }

    /// <summary>The chat ids on an OP's 2.19 list, as a session sees them.</summary>
    private async Task<List<string>> ListedAsync(string op, string? session, bool viaTransfer) =>
        [.. (await DataAsync(Receives, "{}", session, viaTransfer, token: op))["chats"]!.AsArray().Select(c => c!["chatId"]!.GetValue<string>())];

    /// <summary>A route's data, after checking the whole answer is a 200 that validates against the route's response schema.</summary>
    private async Task<JsonObject> DataAsync(string route, string body, string? session, bool viaTransfer, string? token = Op)
    {
        var answer = await host.CallAsync(route, body, session, viaTransfer, token);
        answer["code"]!.GetValue<int>().ShouldBe(200, answer.ToJsonString());
        Check(route, answer);
        return answer["data"]!.AsObject();
    }

    private void Check(string route, JsonObject answer)
    {
        var checker = checkers.GetOrAdd(route, r => SchemaChecker.CompileAsync(host.Host.Server.Engine.State.Contract.Direct(r)!.Response).GetAwaiter().GetResult());
        checker.Check(answer.ToJsonString()).ShouldBeEmpty(answer.ToJsonString());
    }

    private string Sample(string id) =>
        host.Host.Server.Engine.State.Contract.Endpoints.Single(e => e.Endpoint.Id == id).Endpoint.Doc.Sample!.Body!.Text;

    private JsonObject Example(string id) =>
        JsonNode.Parse(host.Host.Server.Engine.State.Contract.Endpoints.Single(e => e.Endpoint.Id == id).Endpoint.Doc.Example!.Text)!.AsObject();
}
