using OpMock.Core.Docs;

namespace OpMock.Tests.Docs;

public sealed class EmptyWordsTests
{
    [Theory]
    [InlineData("打卡时间", "未打卡为空", true)]
    [InlineData("审核时间", "待审核时为空", true)]
    [InlineData("处理时间，未处理时为空", "", true)]
    [InlineData("结束时间", "会话未结束返回空字符串", true)]
    [InlineData("备注", "可为空", true)]
    [InlineData("退款时间", "无退款则为空串", true)]
    [InlineData("创建时间", "不能为空", false)]
    [InlineData("创建时间", "不可为空", false)]
    [InlineData("用户ID", "非为空", false)]
    [InlineData("创建时间", "yyyy-MM-dd HH:mm:ss", false)]
    [InlineData("", "", false)]
    public void MayBeEmpty_DocWords_SayWhetherEmptyTextIsAValue(string description, string remark, bool expected) =>
        EmptyWords.MayBeEmpty(description, remark).ShouldBe(expected);
}
