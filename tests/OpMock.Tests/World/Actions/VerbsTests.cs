using OpMock.Core.World.Actions;

namespace OpMock.Tests.World.Actions;

public sealed class VerbsTests
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
        { "/op/v2/v3", "用户详情", nameof(Transition.None) },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void Of_RouteAndTitle_NamesTheTransitionOfTheTable(string route, string title, string expected)
    {
        Verbs.Of(route, title).Transition.ToString().ShouldBe(expected);
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
