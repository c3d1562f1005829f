using System.Net;
using System.Text.Json.Nodes;
using OpMock.Core.World.Actions;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.ActionsHost;

namespace OpMock.Tests.World.Actions;

/// <summary>
/// Refused writes (issue 26.5), on the test write docs (TestDocs/actions), directly and through /opapp/transfer: a
/// closed chat cannot be sent to, transferred or closed again; an id not shaped like its kind's is not found; each
/// refusal is HTTP 200 with the case's code and message, data null, and changes nothing, in its session only.
/// </summary>
public sealed class PreconditionsTests : OnActionsHost
{
    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Check_CloseAClosedChat_IsRefusedAndKeepsTheFirstCloseTime(bool viaTransfer)
    {
        // Given the chat closed in session a at 10:00
        (await Host.CallAsync(CloseChat, Close(), "a", viaTransfer))["code"]!.GetValue<int>().ShouldBe(200);

        // When it is closed again an hour later
        Host.Time.Advance(TimeSpan.FromHours(1));
        var again = await RefusedAsync(CloseChat, Close(), "a", viaTransfer);

        // Then it is refused as 会话已结束, and the chat keeps its first closeTime on both ports
        again["code"]!.GetValue<int>().ShouldBe(4001);
        again["message"]!.GetValue<string>().ShouldBe("会话已结束");
        foreach (var way in new[] { false, true })
        {
            var detail = (await Host.CallAsync(ChatDetail, $$"""{"chatId":"{{Chat}}"}""", "a", way))["data"]!;
            detail["closeTime"]!.GetValue<string>().ShouldBe("2026-11-01 10:00:00");
        }

        // And in session b, where nobody closed it, it closes at the new time
        var other = (await Host.CallAsync(CloseChat, Close(), "b", viaTransfer))["data"]!;
        other["closeTime"]!.GetValue<string>().ShouldBe("2026-11-01 11:00:00");
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Check_SendToAClosedChat_IsRefusedAndTheChatKeepsItsMessages(bool viaTransfer)
    {
        // Given the chat closed in session a, and its messages then
        await Host.CallAsync(CloseChat, Close(), "a", viaTransfer);
        var before = await MessagesAsync("a", viaTransfer);

        // When the OP sends to it
        var sent = await RefusedAsync(SendMessage, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","content":"还在吗？"}""", "a", viaTransfer);

        // Then it is refused, and no message was added on either port; in session b (chat open) the same send succeeds
        sent["code"]!.GetValue<int>().ShouldBe(4001);
        (await MessagesAsync("a", !viaTransfer)).ShouldBe(before);
        var open = await Host.CallAsync(SendMessage, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","content":"还在吗？"}""", "b", viaTransfer);
        open["code"]!.GetValue<int>().ShouldBe(200, open.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Check_TransferAClosedChat_IsRefusedAndTheChatStaysClosed(bool viaTransfer)
    {
        // Given the chat closed in session a
        await Host.CallAsync(CloseChat, Close(), "a", viaTransfer);
        var to = Host.WorldOp(3);

        // When it is transferred to another OP
        var moved = await RefusedAsync(TransferChat, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","toStaffId":"{{to}}"}""", "a", viaTransfer);

        // Then it is refused: still closed (status 7, not reopened as 5), on nobody's list
        moved["code"]!.GetValue<int>().ShouldBe(4001);
        var detail = (await Host.CallAsync(ChatDetail, $$"""{"chatId":"{{Chat}}"}""", "a", !viaTransfer))["data"]!;
        detail["status"]!.GetValue<string>().ShouldBe("7");
        detail["operatorId"]!.GetValue<string>().ShouldBe(Op);
        (await ListedAsync(to, "a", viaTransfer)).ShouldNotContain(Chat);
    }

    [Theory]
    [InlineData(CloseChat, """{"chatId":"nonexistent","staffId":"o0001403351be22c648efa24c20e842fd7351"}""", 4004, "会话不存在", false)]
    [InlineData(CloseChat, """{"chatId":"12345","staffId":"o0001403351be22c648efa24c20e842fd7351"}""", 4004, "会话不存在", true)]
    [InlineData(SendMessage, """{"chatId":"nonexistent","staffId":"o0001403351be22c648efa24c20e842fd7351","content":"在吗"}""", 4004, "会话不存在", true)]
    [InlineData(TransferChat, """{"chatId":"u0001d68d5da979194a4b831097de49db3dd2","staffId":"o0001403351be22c648efa24c20e842fd7351","toStaffId":"nobody"}""", 4006, "OP不存在", false)]
    [InlineData(SetOnline, """{"staffId":"12345","online":true}""", 4006, "OP不存在", true)]
    [InlineData(AddAddress, """{"userId":"nonexistent","address":"北京市朝阳区建国路88号"}""", 4005, "用户不存在", false)]
    public async Task Check_IdNotShapedLikeItsKind_IsNotFoundAndChangesNothing(string route, string body, int code, string message, bool viaTransfer)
    {
        // When a write names an id no entity of its kind could have
        var refused = await RefusedAsync(route, body, "a", viaTransfer);

        // Then it is the case's refusal, and session a is still the seeded world (no write was recorded)
        refused["code"]!.GetValue<int>().ShouldBe(code);
        refused["message"]!.GetValue<string>().ShouldBe(message);
        (await Host.Host.Server.Engine.Sessions.Store.HeadAsync("a", default)).Version.ShouldBe(0);
    }

    [Fact]
    public async Task Check_ErrorsInFixtures_OverrideTheCaseAndOneRoutesAnswer()
    {
        // Given fixtures changing chatNotFound everywhere, and sendMessage's chatClosed only
        using var temp = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(Repo.Fixtures, "*.yaml"))
        {
            temp.Write(Path.Combine("fixtures", Path.GetFileName(file)), File.ReadAllText(file));
        }

        temp.Write("fixtures/zz-errors.yaml", """
            errors:
              chatNotFound: {code: 9404}
              routes:
                /op/v2/sendMessage:
                  chatClosed: {code: 5001, message: 会话已关闭，无法发送, status: 409}
            """);
        await using var custom = await ActionsHost.StartAsync(Path.Combine(temp.Path, "fixtures"));
        await custom.CallAsync(CloseChat, Close(), "a");

        // When the closed chat is sent to and closed again, and a made-up chat closed
        using var send = await custom.SendAsync(SendMessage, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","content":"在吗"}""", "a", viaTransfer: true);
        var closeAgain = await custom.CallAsync(CloseChat, Close(), "a");
        var missing = await custom.CallAsync(CloseChat, $$"""{"chatId":"nonexistent","staffId":"{{Op}}"}""", "a");

        // Then sendMessage answers its own refusal; closeChat the default one; chatNotFound its new code with the default message
        send.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var sent = await MockHost.JsonAsync(send);
        (sent["code"]!.GetValue<int>(), sent["message"]!.GetValue<string>()).ShouldBe((5001, "会话已关闭，无法发送"));
        (closeAgain["code"]!.GetValue<int>(), closeAgain["message"]!.GetValue<string>()).ShouldBe((4001, "会话已结束"));
        (missing["code"]!.GetValue<int>(), missing["message"]!.GetValue<string>()).ShouldBe((9404, "会话不存在"));
    }

    [Fact]
    public void Cases_WriteRoutes_ListTheirRefusalsAndReadsNone()
    {
        var effects = Host.Host.Server.Engine.State.Effects;
        IEnumerable<Refusal> Of(string route) =>
            Preconditions.Cases(effects.For(route), Host.Host.Server.Engine.State.Direct(route)!.Endpoint.Input.Select(f => f.Name));

        Of(CloseChat).ShouldBe([Refusal.ChatClosed, Refusal.ChatNotFound, Refusal.OpNotFound]);
        Of(TransferChat).ShouldBe([Refusal.ChatClosed, Refusal.ChatNotFound, Refusal.OpNotFound]);
        Of(SetOnline).ShouldBe([Refusal.OpNotFound]);
        Of(UpdateRemark).ShouldBe([Refusal.ChatNotFound]);
        Of(ChatDetail).ShouldBeEmpty();
    }

    [Fact]
    public void CheckRoutes_UndocumentedRoute_IsAnErrorNamingFileAndLine()
    {
        var findings = new List<OpMock.Core.Diagnostics.Finding>();
        var endpoints = Host.Host.Server.Engine.State.Contract.Endpoints.Select(e => e.Endpoint);

        Preconditions.CheckRoutes(endpoints, [(CloseChat, "fixtures/errors.yaml", 3), ("/op/v2/nope", "fixtures/errors.yaml", 5)], findings);

        var finding = findings.ShouldHaveSingleItem();
        (finding.File, finding.Line).ShouldBe(("fixtures/errors.yaml", 5));
        finding.Message.ShouldStartWith("errors.routes: `/op/v2/nope` is not a documented route");
    }

    private static string Close() => $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}"}""";

    /// <summary>A refused write's whole answer, after checking it is the house business form: HTTP 200, data null.</summary>
    private async Task<JsonObject> RefusedAsync(string route, string body, string session, bool viaTransfer)
    {
        using var response = await Host.SendAsync(route, body, session, viaTransfer);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await MockHost.JsonAsync(response);
        answer["code"]!.GetValue<int>().ShouldNotBe(200, answer.ToJsonString());
        answer["data"].ShouldBeNull();
        answer["foot"]!["operationTime"].ShouldNotBeNull();
        return answer;
    }

    private async Task<List<string>> MessagesAsync(string session, bool viaTransfer) =>
        [.. (await Host.CallAsync(MessagePage, $$"""{"chatId":"{{Chat}}","pageSize":50}""", session, viaTransfer))["data"]!["messages"]!.AsArray()
            .Select(m => m!["msgId"]!.GetValue<string>())];

    private async Task<List<string>> ListedAsync(string op, string session, bool viaTransfer) =>
        [.. (await Host.CallAsync(Receives, "{}", session, viaTransfer, token: op))["data"]!["chats"]!.AsArray().Select(c => c!["chatId"]!.GetValue<string>())];
}
