using System.Text.Json.Nodes;
using OpMock.Core.World.Actions;

namespace OpMock.Tests.World.Actions;

public sealed class VerbsTests(VerbsWorld world) : IClassFixture<VerbsWorld>
{
    /// <summary>The verb table: a route's name first, else its doc's title; read words are reads.</summary>
    public static TheoryData<string, string, string> Routes => new()
    {
        { "/op/v2/closeChat", "", nameof(Transition.Close) },
        { "/op/v2/endSession", "", nameof(Transition.Close) },
        { "/op/v2/chat/finish", "", nameof(Transition.Close) },
        { "/op/v2/acceptChat", "", nameof(Transition.Accept) },
        { "/op/v2/claimChat", "", nameof(Transition.Accept) },
        { "/op/v2/transferChat", "", nameof(Transition.Transfer) },
        { "/op/v2/sendMessage", "", nameof(Transition.Send) },
        { "/op/v2/replyUser", "", nameof(Transition.Send) },
        { "/op/v2/addUserAddress", "", nameof(Transition.Create) },
        { "/op/v2/createTag", "", nameof(Transition.Create) },
        { "/op/v2/deleteUserAddress", "", nameof(Transition.Delete) },
        { "/op/v2/remove_tag", "", nameof(Transition.Delete) },
        { "/op/v2/setOnline", "", nameof(Transition.Set) },
        { "/op/v2/updateChatRemark", "", nameof(Transition.Set) },
        { "/op/v2/modifyNickName", "", nameof(Transition.Set) },
        { "/op/v2/getChatPage", "", nameof(Transition.None) },
        { "/op/v2/getCloseReasons", "结束原因列表", nameof(Transition.None) },
        { "/op/v2/queryTransferLog", "", nameof(Transition.None) },
        { "/op/v2/receives", "服务中会话用户列表", nameof(Transition.None) },
        { "/op/v2/chatEnd", "结束会话", nameof(Transition.Close) },
        { "/op/v2/v3", "结束会话", nameof(Transition.Close) },
        { "/op/v2/v3", "接入排队中的会话", nameof(Transition.Accept) },
        { "/op/v2/v3", "领取会话", nameof(Transition.Accept) },
        { "/op/v2/v3", "转接会话给其他OP", nameof(Transition.Transfer) },
        { "/op/v2/v3", "发送消息", nameof(Transition.Send) },
        { "/op/v2/v3", "新增用户地址", nameof(Transition.Create) },
        { "/op/v2/v3", "添加标签", nameof(Transition.Create) },
        { "/op/v2/v3", "删除地址", nameof(Transition.Delete) },
        { "/op/v2/v3", "移除标签", nameof(Transition.Delete) },
        { "/op/v2/v3", "修改会话备注", nameof(Transition.Set) },
        { "/op/v2/v3", "设置在线状态", nameof(Transition.Set) },
        { "/op/v2/v3", "结束会话并发送满意度", nameof(Transition.Close) },
        { "/op/v2/v3", "获取转接记录", nameof(Transition.None) },
        { "/op/v2/handleComplaint", "", nameof(Transition.Set) },
        { "/op/v2/processRefund", "", nameof(Transition.Set) },
        { "/op/v2/auditRefund", "", nameof(Transition.Set) },
        { "/op/v2/approveLeave", "请假审批", nameof(Transition.Set) },
        { "/op/v2/reject_apply", "", nameof(Transition.Set) },
        { "/op/v2/confirmOrder", "", nameof(Transition.Set) },
        { "/op/v2/cancelOrder", "", nameof(Transition.Set) },
        { "/op/v2/assignTicket", "", nameof(Transition.Set) },
        { "/op/v2/ticket/dispatch", "", nameof(Transition.Set) },
        { "/op/v2/resolveTicket", "", nameof(Transition.Set) },
        { "/op/v2/reopenTicket", "", nameof(Transition.Set) },
        { "/op/v2/v3", "处理投诉", nameof(Transition.Set) },
        { "/op/v2/v3", "退款审核", nameof(Transition.Set) },
        { "/op/v2/v3", "审批通过请假申请", nameof(Transition.Set) },
        { "/op/v2/v3", "驳回申请", nameof(Transition.Set) },
        { "/op/v2/v3", "确认订单", nameof(Transition.Set) },
        { "/op/v2/v3", "取消预约", nameof(Transition.Set) },
        { "/op/v2/v3", "工单派单", nameof(Transition.Set) },
        { "/op/v2/v3", "指派工单给OP", nameof(Transition.Set) },
        { "/op/v2/v3", "解决工单", nameof(Transition.Set) },
        { "/op/v2/pendingTickets", "待处理工单列表", nameof(Transition.None) },
        { "/op/v2/passedApplies", "已通过的申请", nameof(Transition.None) },
        { "/op/v2/getAuditLogs", "审核记录", nameof(Transition.None) },
        { "/op/v2/v3", "用户详情", nameof(Transition.None) },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void Of_RouteAndTitle_NamesTheTransitionOfTheTable(string route, string title, string expected)
    {
        Verbs.Of(route, title).Transition.ToString().ShouldBe(expected);
    }

    /// <summary>The state a verb reaches, as the first of the labels looked for; "" for a verb that names none.</summary>
    [Theory]
    [InlineData("/op/v2/approveLeave", "", "已通过")]
    [InlineData("/op/v2/auditPass", "", "已通过")]
    [InlineData("/op/v2/agree_refund", "", "已通过")]
    [InlineData("/op/v2/rejectApply", "", "已驳回")]
    [InlineData("/op/v2/refuseRefund", "", "已驳回")]
    [InlineData("/op/v2/cancelOrder", "", "已取消")]
    [InlineData("/op/v2/resolveTicket", "", "已解决")]
    [InlineData("/op/v2/completeTask", "", "已解决")]
    [InlineData("/op/v2/v3", "审核通过", "已通过")]
    [InlineData("/op/v2/v3", "驳回提现申请", "已驳回")]
    [InlineData("/op/v2/v3", "提现审核不通过", "已驳回")]
    [InlineData("/op/v2/v3", "取消订单", "已取消")]
    [InlineData("/op/v2/v3", "标记工单已解决", "")]
    [InlineData("/op/v2/handleComplaint", "处理投诉（通过或驳回）", "")]
    [InlineData("/op/v2/auditRefund", "", "")]
    [InlineData("/op/v2/assignTicket", "指派工单", "")]
    public void Reached_RouteAndTitle_NamesTheStateTheVerbReaches(string route, string title, string expected)
    {
        (Verbs.Reached(route, title).FirstOrDefault() ?? "").ShouldBe(expected);
    }

    [Fact]
    public void ApproveLeave_NoStatusSent_TheListShowsItApprovedInThatSessionOnly()
    {
        var (op, leaveId) = world.Pending();
        var session = "verbs-" + Guid.NewGuid().ToString("N");

        world.Post("/op/v2/approveLeave", new JsonObject { ["leaveId"] = leaveId, ["staffId"] = op }, session)["code"]!.GetValue<int>().ShouldBe(200);

        var approved = world.AppliesOf(op, session).Single(i => i["leaveId"]!.GetValue<string>() == leaveId);
        approved["status"]!.GetValue<int>().ShouldBe(1, approved.ToJsonString());
        approved["statusName"]!.GetValue<string>().ShouldBe("已通过");
        var other = world.AppliesOf(op, "verbs-other-" + Guid.NewGuid().ToString("N")).Single(i => i["leaveId"]!.GetValue<string>() == leaveId);
        other["status"]!.GetValue<int>().ShouldBe(0);
        other["statusName"]!.GetValue<string>().ShouldBe("待审批");
    }

    [Fact]
    public void RejectLeave_ARemarkAndNoStatusSent_TheListShowsItRejected()
    {
        var (op, leaveId) = world.Pending();
        var session = "verbs-" + Guid.NewGuid().ToString("N");

        world.Post("/op/v2/rejectLeave", new JsonObject { ["leaveId"] = leaveId, ["staffId"] = op, ["remark"] = "排班已满" }, session)["code"]!.GetValue<int>().ShouldBe(200);

        var rejected = world.AppliesOf(op, session).Single(i => i["leaveId"]!.GetValue<string>() == leaveId);
        rejected["status"]!.GetValue<int>().ShouldBe(2, rejected.ToJsonString());
        rejected["statusName"]!.GetValue<string>().ShouldBe("已驳回");
    }

    [Theory]
    [InlineData("/op/v2/closeChat", "close,chat")]
    [InlineData("/op/v2/set_online", "set,online")]
    [InlineData("/op/v2/getURLList", "get,urllist")]
    [InlineData("/op/v2/", "v2")]
    [InlineData("/op/v2/receives", "receives")]
    public void Words_RouteName_SplitAtCapitalsAndSeparators(string route, string words)
    {
        string.Join(",", Verbs.Words(route)).ShouldBe(words);
    }
}
