using System.Text.Json.Nodes;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.ActionsHost;

namespace OpMock.Tests.World.Actions;

/// <summary>
/// A write's own time is now (issue 26.3), on the world test docs (TestDocs/world) beside the write docs, directly and
/// through /opapp/transfer: changeTime and transferTime are the server's clock, later reads show the same instant,
/// and another session does not.
/// </summary>
public sealed class WriteTimesTests() : OnActionsHost(TestDocs.World)
{
    private const string SwitchOnline = "/op/v2/switchOnlineState";
    private const string HandOver = "/op/v2/handOverChat";
    private const string TransferInfo = "/op/v2/getChatTransferInfo";

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Stamp_ChangeTimeOfASwitch_IsNowEachTime(bool viaTransfer)
    {
        // When the OP goes online at 10:00, and again five minutes later in another session
        var first = await DataAsync(SwitchOnline, $$"""{"staffId":"{{Op}}","state":1}""", "a", viaTransfer);
        Host.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await DataAsync(SwitchOnline, $$"""{"staffId":"{{Op}}","state":0}""", "b", !viaTransfer);

        // Then each answer's changeTime is its own now, in the doc's format
        first["changeTime"]!.GetValue<string>().ShouldBe("2026-11-01 10:00:00");
        second["changeTime"]!.GetValue<string>().ShouldBe("2026-11-01 10:05:00");
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Stamp_TransferTime_IsNowAndLaterReadsShowTheSameInstant(bool viaTransfer)
    {
        // Given session b's view of the chat before any write
        var to = Host.WorldOp(3);
        var untouched = await DataAsync(TransferInfo, $$"""{"chatId":"{{Chat}}"}""", "b", viaTransfer);

        // When session a hands the chat over at 10:00
        var moved = await DataAsync(HandOver, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","targetStaffId":"{{to}}"}""", "a", viaTransfer);

        // Then transferTime is now (millis, as the doc types it); createTime is still the chat's own start, not now
        moved["transferTime"]!.GetValue<long>().ShouldBe(Now.ToUnixTimeMilliseconds());
        moved["createTime"]!.GetValue<string>().ShouldNotBe("2026-11-01 10:00:00");

        // And an hour later reads show the same instant and the new OP, on both ports, in session a only
        Host.Time.Advance(TimeSpan.FromHours(1));
        foreach (var way in new[] { false, true })
        {
            var info = await DataAsync(TransferInfo, $$"""{"chatId":"{{Chat}}"}""", "a", way);
            info["transferTime"]!.GetValue<long>().ShouldBe(Now.ToUnixTimeMilliseconds());
            info["operatorId"]!.GetValue<string>().ShouldBe(to);
        }

        JsonNode.DeepEquals(await DataAsync(TransferInfo, $$"""{"chatId":"{{Chat}}"}""", "b", !viaTransfer), untouched).ShouldBeTrue();
    }

    private async Task<JsonObject> DataAsync(string route, string body, string session, bool viaTransfer)
    {
        var answer = await Host.CallAsync(route, body, session, viaTransfer);
        answer["code"]!.GetValue<int>().ShouldBe(200, answer.ToJsonString());
        return answer["data"]!.AsObject();
    }
}
