using OpMock.Tests.Support;
using static OpMock.Tests.Support.ActionsHost;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// Counts are counts, whoever set them (issue 26.2): 9.5's example pins the docs' OP's servingCount at 4 (its 2.19
/// list); once a session's write changes that list the count follows it there, on both ports, and nowhere else.
/// </summary>
public sealed class PinnedServedCountTests() : OnActionsHost(TestDocs.World)
{
    private const string StaffInfo = "/op/v2/getStaffInfo";

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task ServedRule_ExamplePinnedCount_FollowsTheListAfterATransferAndAClose(bool viaTransfer)
    {
        // Given the example's count, which is the length of the OP's list
        (await ServingAsync("a", viaTransfer)).ShouldBe(4);
        var listed = await ListedAsync("a", viaTransfer);
        listed.Count.ShouldBe(4);

        // When session a transfers one chat away and closes another
        (await Host.CallAsync(TransferChat, $$"""{"chatId":"{{listed[0]}}","staffId":"{{Op}}","toStaffId":"{{Host.WorldOp(3)}}"}""", "a", viaTransfer))["code"]!.GetValue<int>().ShouldBe(200);
        (await Host.CallAsync(CloseChat, $$"""{"chatId":"{{listed[1]}}","staffId":"{{Op}}"}""", "a", viaTransfer))["code"]!.GetValue<int>().ShouldBe(200);

        // Then in session a the count is the list's, 2, on both ports; session b still sees the example's 4
        foreach (var way in new[] { false, true })
        {
            (await ServingAsync("a", way)).ShouldBe(2);
            (await ListedAsync("a", way)).Count.ShouldBe(2);
        }

        (await ServingAsync("b", !viaTransfer)).ShouldBe(4);
    }

    private async Task<int> ServingAsync(string session, bool viaTransfer) =>
        (await Host.CallAsync(StaffInfo, $$"""{"staffId":"{{Op}}"}""", session, viaTransfer))["data"]!["servingCount"]!.GetValue<int>();

    private async Task<List<string>> ListedAsync(string session, bool viaTransfer) =>
        [.. (await Host.CallAsync(Receives, "{}", session, viaTransfer, token: Op))["data"]!["chats"]!.AsArray().Select(c => c!["chatId"]!.GetValue<string>())];
}
