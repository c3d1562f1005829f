using System.Text.Json.Nodes;
using OpMock.Core.World.Rules;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// A count of a state (待审核数量, 未处理数, 审核中的提现条数): the words of several authors against the labels they count, 2,000
/// seeded complaints and withdrawals whose counts are their whole lists' items in that state, and a write that moves a
/// complaint out of 未处理 moving the counts with it.
/// </summary>
[Collection(StatesCollection.Name)]
public sealed class StateCountsTests(StatesWorld world)
{
    [Theory]
    [InlineData("待审核数量", "待审核")]
    [InlineData("未处理数", "未处理")]
    [InlineData("处理中的数量", "处理中")]
    [InlineData("审核中的提现条数", "审核中")]
    [InlineData("已驳回个数", "已驳回")]
    [InlineData("已通过总数", "已通过")]
    [InlineData("待支付订单笔数", "待支付")]
    public void Read_StateLabelAndCountWord_CountsThatState(string words, string label) =>
        StateCounts.Read(words, ["待审核", "已通过", "已驳回", "未处理", "处理中", "审核中", "待支付"]).ShouldBe(label);

    [Theory]
    [InlineData("待审核")]
    [InlineData("总条数")]
    [InlineData("待审核说明")]
    [InlineData("审核人数")]
    public void Read_NoLabelOrNoCountWord_IsNull(string words) =>
        StateCounts.Read(words, ["待审核", "已通过", "已驳回"]).ShouldBeNull();

    [Fact]
    public void Complaints_TwoThousandSeeded_CountsAreTheWholeListsItemsInTheState()
    {
        world.SeededComplaints.Sum(l => l.Items.Count).ShouldBeGreaterThanOrEqualTo(2000);
        foreach (var (op, first, items) in world.SeededComplaints)
        {
            first["unhandledNum"]!.GetValue<int>().ShouldBe(items.Count(i => i["handleStatus"]!.GetValue<int>() == 0), op);
            first["processingCount"]!.GetValue<int>().ShouldBe(items.Count(i => i["handleStatus"]!.GetValue<int>() == 1), op);
        }

        world.SeededComplaints.Count(l => l.First["unhandledNum"]!.GetValue<int>() > 0).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Withdrawals_TwoThousandSeeded_AuditingTotalIsTheItemsUnderAudit()
    {
        world.SeededWithdrawals.Sum(l => l.Items.Count).ShouldBeGreaterThanOrEqualTo(2000);
        foreach (var (user, first, items) in world.SeededWithdrawals)
        {
            first["auditingTotal"]!.GetValue<int>().ShouldBe(items.Count(i => i["status"]!.GetValue<string>() == "AUDITING"), user);
        }
    }

    [Fact]
    public void Complaints_FilteredByState_CountsTheWholeUnfilteredList()
    {
        var (op, first, _) = world.SeededComplaints.First(l => l.Items.Any(i => i["handleStatus"]!.GetValue<int>() == 0));

        var filtered = world.Post(StatesWorld.Complaints, new JsonObject { ["staffId"] = op, ["handleStatus"] = 2 })["data"]!;

        filtered["unhandledNum"]!.GetValue<int>().ShouldBe(first["unhandledNum"]!.GetValue<int>());
    }

    [Fact]
    public void UpdateComplaintStatus_PendingToProcessing_CountsFollowInThatSessionOnly()
    {
        var (op, first, items) = world.SeededComplaints.First(l => l.Items.Any(i => i["handleStatus"]!.GetValue<int>() == 0));
        var pending = items.First(i => i["handleStatus"]!.GetValue<int>() == 0)["complaintId"]!.GetValue<string>();
        var session = "states-count-" + Guid.NewGuid().ToString("N");

        var answer = world.Post(StatesWorld.UpdateComplaint, new JsonObject { ["complaintId"] = pending, ["staffId"] = op, ["handleStatus"] = 1, ["handleRemark"] = "已联系用户" }, session);
        answer["code"]!.GetValue<int>().ShouldBe(200);
        answer["data"]!["handleStatusName"]!.GetValue<string>().ShouldBe("处理中", "the answer names the state set by the request's labels (its own table lists none)");

        var after = world.Pages(StatesWorld.Complaints, new JsonObject { ["staffId"] = op }, session);
        after[0]["unhandledNum"]!.GetValue<int>().ShouldBe(first["unhandledNum"]!.GetValue<int>() - 1);
        after[0]["processingCount"]!.GetValue<int>().ShouldBe(first["processingCount"]!.GetValue<int>() + 1);
        var written = StatesWorld.Items(after, "complaints").Single(i => i["complaintId"]!.GetValue<string>() == pending);
        StatesWorld.TimeOf(written["handleTime"]).ShouldNotBeNull(written.ToJsonString());
        world.Pages(StatesWorld.Complaints, new JsonObject { ["staffId"] = op })[0]["unhandledNum"]!.GetValue<int>().ShouldBe(first["unhandledNum"]!.GetValue<int>());
    }
}
