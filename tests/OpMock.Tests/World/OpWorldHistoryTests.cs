using System.Text.Json.Nodes;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.ActionsHost;

namespace OpMock.Tests.World;

/// <summary>
/// History is kept (issue 26.4): a transfer moves the chat, not its past. Past messages keep the OP who wrote them; the
/// new OP's messages are the new OP's; directly and through /opapp/transfer, in one session while another is untouched.
/// </summary>
public sealed class OpWorldHistoryTests : OnActionsHost
{
    [Theory]
    [MemberData(nameof(Ways))]
    public async Task MessagesOf_AfterATransfer_PastMessagesKeepTheirSender(bool viaTransfer)
    {
        // Given the chat's messages, with the OP messages' senders
        var to = Host.WorldOp(3);
        var before = await MessagesAsync("a", viaTransfer);
        before.ShouldContain(m => m["fromType"]!.GetValue<int>() == 2);

        // When session a transfers the chat, and the new OP writes in it
        (await Host.CallAsync(TransferChat, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","toStaffId":"{{to}}"}""", "a", viaTransfer))["code"]!.GetValue<int>().ShouldBe(200);
        (await Host.CallAsync(SendMessage, $$"""{"chatId":"{{Chat}}","staffId":"{{to}}","content":"您好，我来继续为您服务"}""", "a", viaTransfer, token: to))["code"]!.GetValue<int>().ShouldBe(200);

        // Then on both ports the past messages are unchanged, sender included, and the newest is the new OP's
        foreach (var way in new[] { false, true })
        {
            var after = await MessagesAsync("a", way);
            after.Count.ShouldBe(before.Count + 1);
            for (var k = 0; k < before.Count; k++)
            {
                JsonNode.DeepEquals(after[k], before[k]).ShouldBeTrue($"{after[k].ToJsonString()} was {before[k].ToJsonString()}");
            }

            after[^1]["fromId"]!.GetValue<string>().ShouldBe(to);
            after[^1]["fromType"]!.GetValue<int>().ShouldBe(2);
        }

        // And session b still sees the seeded messages
        (await MessagesAsync("b", !viaTransfer)).Count.ShouldBe(before.Count);
    }

    /// <summary>The chat's messages, oldest first (7.5 lists them in time order).</summary>
    private async Task<List<JsonNode>> MessagesAsync(string session, bool viaTransfer)
    {
        var answer = await Host.CallAsync(MessagePage, $$"""{"chatId":"{{Chat}}","pageSize":50}""", session, viaTransfer);
        answer["code"]!.GetValue<int>().ShouldBe(200, answer.ToJsonString());
        return [.. answer["data"]!["messages"]!.AsArray().Select(m => m!)];
    }
}
