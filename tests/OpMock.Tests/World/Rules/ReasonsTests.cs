using OpMock.Core.World;
using OpMock.Core.World.Rules;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// Reasons and complaints read like reasons (退款原因, 驳回理由, 投诉内容, 处理说明): the fields the words pick, the topic they
/// name, and 2,000 seeded complaints and withdrawals whose reasons are sentences of their topic.
/// </summary>
[Collection(StatesCollection.Name)]
public sealed class ReasonsTests(StatesWorld world)
{
    [Theory]
    [InlineData("reason:String:退款原因", "退款")]
    [InlineData("cancelReason:String:取消原因", "取消")]
    [InlineData("rejectReason:String:驳回理由", "驳回")]
    [InlineData("content:String:投诉内容", "投诉")]
    [InlineData("refuseCause:String:原因", "驳回")]
    [InlineData("handleRemark:String:处理说明", "处理")]
    [InlineData("auditRemark:String:驳回说明", "驳回")]
    [InlineData("memo:String:退款备注", "退款")]
    [InlineData("problem:String:问题描述", "投诉")]
    public void Of_ReasonOrTopicalNote_GetsItsTopic(string field, string topic)
    {
        var doc = RuleFields.Read(field);

        Reasons.Of(EndpointOf(), doc, BoundsTests.Plans(doc)).ShouldHaveSingleItem().Topic.ShouldBe(topic);
    }

    [Theory]
    [InlineData("remark:String:备注")]
    [InlineData("content:String:消息内容")]
    [InlineData("title:String:标题")]
    [InlineData("reasonType:Integer:原因类型:1-质量问题 2-迟到")]
    public void Of_NoReasonWords_MakesNoRule(string field)
    {
        var doc = RuleFields.Read(field);

        Reasons.Of(EndpointOf(), doc, BoundsTests.Plans(doc)).ShouldBeEmpty();
    }

    [Fact]
    public void Of_ReasonWithoutTopic_TakesTheDocsTitle()
    {
        var doc = RuleFields.Read("reason:String:原因|applyTime:String:申请时间");

        Reasons.Of(EndpointOf("OP查询退款申请列表"), doc, BoundsTests.Plans(doc)).ShouldHaveSingleItem().Topic.ShouldBe("退款");
    }

    [Fact]
    public void Complaints_TwoThousandSeeded_ContentIsAComplaintAndRemarkWhatTheOpDid()
    {
        var complaints = ChineseText.AllReasons("投诉").ToHashSet();
        var handled = ChineseText.AllReasons("处理").ToHashSet();
        var items = world.SeededComplaints.SelectMany(l => l.Items).Where(i => i["complaintId"]!.GetValue<string>() != "TS201603090003").ToList();

        items.Count.ShouldBeGreaterThanOrEqualTo(2000);
        foreach (var item in items)
        {
            complaints.ShouldContain(item["content"]!.GetValue<string>());
            if (item["handleRemark"]!.GetValue<string>() is { Length: > 0 } remark)
            {
                handled.ShouldContain(remark);
            }
        }

        items.Select(i => i["content"]!.GetValue<string>()).Distinct().Count().ShouldBeGreaterThan(items.Count / 4);
    }

    [Fact]
    public void Withdrawals_TwoThousandSeeded_RejectReasonIsARejection()
    {
        var rejections = ChineseText.AllReasons("驳回").ToHashSet();
        var reasons = world.SeededWithdrawals.SelectMany(l => l.Items).Select(i => i["rejectReason"]?.GetValue<string>()).OfType<string>().Where(r => r.Length > 0).ToList();

        reasons.ShouldNotBeEmpty();
        reasons.ShouldAllBe(r => rejections.Contains(r));
    }

    private static OpMock.Core.Docs.Endpoint EndpointOf(string title = "接口") =>
        new(new OpMock.Core.Docs.ApiDoc { Path = "x.txt", Number = "1", Title = title, Url = "/x", Route = "/x", Method = "POST" }, [], [], [], "x");
}
