using OpMock.Core.World.Actions;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.ActionsHost;

namespace OpMock.Tests.World.Actions;

/// <summary>Actors are who acted (issue 26.6): a field the doc describes as the acting party is the OP the request names.</summary>
public sealed class ActorsTests() : OnActionsHost(TestDocs.World)
{
    private const string EndChat = "/op/v2/endChat";

    [Theory]
    [InlineData("结束会话的OP", true)]
    [InlineData("操作人", true)]
    [InlineData("创建人", true)]
    [InlineData("处理人OP的ID", true)]
    [InlineData("关闭会话的客服", true)]
    [InlineData("接待的OP", false)]
    [InlineData("当前OP的ID", false)]
    [InlineData("会话ID", false)]
    public void IsActor_DocWords_NameTheActingPartyOrNot(string words, bool actor) => Actors.IsActor(words).ShouldBe(actor);

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Stamp_ChatEndedByAnotherOp_NamesThatOpNotTheServingOne(bool viaTransfer)
    {
        // Given an OP other than the one serving the chat
        var other = Host.WorldOp(7);
        other.ShouldNotBe(Op);

        // When that OP ends the chat
        var answer = await Host.CallAsync(EndChat, $$"""{"chatId":"{{Chat}}","staffId":"{{other}}"}""", "a", viaTransfer);

        // Then 结束会话的OP is that OP, 操作人姓名 its name as the world gives it, and 处理时间 is now
        answer["code"]!.GetValue<int>().ShouldBe(200, answer.ToJsonString());
        var data = answer["data"]!;
        data["operator"]!.GetValue<string>().ShouldBe(other);
        data["operatorName"]!.GetValue<string>().ShouldBe(Host.Host.Server.Engine.State.Data.World.Op(other).Name);
        data["handleTime"]!.GetValue<string>().ShouldBe("2026-11-01 10:00:00");
    }
}
