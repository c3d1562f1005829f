using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World.Rules;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// A field empty while its object is in a state (待审核时为空, 未处理、处理中时为空, 未到账时为空, 审核中时不返回): the words of
/// several authors against the states they name, and 2,000 seeded complaints and withdrawals whose times are empty in
/// exactly those states, set in the others, in their life cycle's order.
/// </summary>
[Collection(StatesCollection.Name)]
public sealed class EmptyWhileTests(StatesWorld world)
{
    [Theory]
    [InlineData("0-待审核 1-已通过 2-已驳回", "待审核时为空", "0")]
    [InlineData("0-待审核 1-已通过 2-已驳回", "未审核时为空", "0")]
    [InlineData("0-未处理 1-处理中 2-已处理 3-已关闭", "未处理时为空", "0")]
    [InlineData("0-未处理 1-处理中 2-已处理 3-已关闭", "未处理、处理中时为空", "0,1")]
    [InlineData("0-未处理 1-处理中 2-已处理 3-已关闭", "处理中或未处理状态下为空", "0,1")]
    [InlineData("AUDITING:审核中 PASSED:已通过 REJECTED:已驳回 PAID:已到账", "审核中时为空", "0")]
    [InlineData("AUDITING:审核中 PASSED:已通过 REJECTED:已驳回 PAID:已到账", "未到账时为空", "0,1,2")]
    [InlineData("AUDITING:审核中 PASSED:已通过 REJECTED:已驳回 PAID:已到账", "审核中的时候不返回", "0")]
    [InlineData("1:待支付 2:已支付 3:已完成 4:已取消", "待支付时为null", "0")]
    [InlineData("1:待支付 2:已支付 3:已完成 4:已取消", "未支付时无值", "0")]
    [InlineData("1:待派单 2:已派单 3:服务中 4:已完成", "未派单时为空", "0")]
    [InlineData("1:待派单 2:已派单 3:服务中 4:已完成", "未完成时为空", "0,1,2")]
    public void States_EmptyWords_NameTheStates(string labels, string words, string states)
    {
        var order = StateOrder.Of(Status(labels)).ShouldNotBeNull();

        EmptyWhile.States(words, order).ShouldBe([.. states.Split(',').Select(int.Parse)]);
    }

    [Theory]
    [InlineData("0-待审核 1-已通过 2-已驳回", "审核时间")]
    [InlineData("0-待审核 1-已通过 2-已驳回", "为空则表示未审核")]
    [InlineData("0-待审核 1-已通过 2-已驳回", "已发货时为空")]
    public void States_NoStateOrNoEmptyWord_NamesNone(string labels, string words)
    {
        var order = StateOrder.Of(Status(labels)).ShouldNotBeNull();

        EmptyWhile.States(words, order).ShouldBeEmpty();
    }

    /// <summary>A status field with the labels given: Integer codes, or String codes when they are words (AUDITING:审核中).</summary>
    internal static DocField Status(string labels) =>
        RuleFields.Read("status:" + (char.IsAsciiLetter(labels[0]) ? "String" : "Integer") + ":状态:" + labels)[0];

    [Fact]
    public void Complaints_TwoThousandSeeded_HandleAndFinishEmptyExactlyWhileNotYetAndInOrder()
    {
        var items = world.SeededComplaints.SelectMany(l => l.Items).ToList();

        items.Count.ShouldBeGreaterThanOrEqualTo(2000);
        foreach (var item in items)
        {
            var status = item["handleStatus"]!.GetValue<int>();
            var submit = StatesWorld.TimeOf(item["submitTime"]).ShouldNotBeNull();
            var handled = StatesWorld.TimeOf(item["handleTime"]);
            var finished = StatesWorld.TimeOf(item["finishTime"]);
            (handled is null).ShouldBe(status == 0, item.ToJsonString());
            (finished is null).ShouldBe(status is 0 or 1, item.ToJsonString());
            if (status == 0)
            {
                item["handleTime"]!.GetValue<string>().ShouldBe("", "the example shows an empty handleTime as \"\"");
            }

            handled.GetValueOrDefault(submit).ShouldBeGreaterThanOrEqualTo(submit, item.ToJsonString());
            finished.GetValueOrDefault(handled ?? submit).ShouldBeGreaterThanOrEqualTo(handled ?? submit, item.ToJsonString());
        }

        items.Select(i => i["handleStatus"]!.GetValue<int>()).Distinct().Count().ShouldBe(4, "every state is drawn");
    }

    [Fact]
    public void Withdrawals_TwoThousandSeeded_AuditAndArrivalNullExactlyWhileNotYetAndInOrder()
    {
        var items = world.SeededWithdrawals.SelectMany(l => l.Items).ToList();

        items.Count.ShouldBeGreaterThanOrEqualTo(2000);
        foreach (var item in items)
        {
            var status = item["status"]!.GetValue<string>();
            var applied = StatesWorld.TimeOf(item["applyTime"]).ShouldNotBeNull();
            var audited = StatesWorld.TimeOf(item["auditTime"]);
            var arrived = StatesWorld.TimeOf(item["arriveTime"]);
            (item["auditTime"] is null).ShouldBe(status == "AUDITING", item.ToJsonString());
            (item["arriveTime"] is null).ShouldBe(status != "PAID", item.ToJsonString());
            audited.GetValueOrDefault(applied).ShouldBeGreaterThanOrEqualTo(applied, item.ToJsonString());
            arrived.GetValueOrDefault(audited ?? applied).ShouldBeGreaterThanOrEqualTo(audited ?? applied, item.ToJsonString());
        }
    }
}
