using OpMock.Core.Docs;
using OpMock.Core.World.Rules;

namespace OpMock.Tests.World.Rules;

/// <summary>The word table that gives fields their part in a rule, as a doc author reads it (docs/world.md).</summary>
public sealed class FieldWordsTests
{
    [Theory]
    [InlineData("totalAmount", "amount")]
    [InlineData("amountTotal", "amount")]
    [InlineData("sumQuantity", "quantity")]
    [InlineData("total_price", "price")]
    [InlineData("total", null)]
    [InlineData("amount", null)]
    public void TotalOf_Name_IsTheItemFieldItAdds(string name, string? item) => FieldWords.TotalOf(name).ShouldBe(item);

    [Theory]
    [InlineData("orderCount", "order")]
    [InlineData("itemCount", "item")]
    [InlineData("groupNum", "group")]
    [InlineData("categoriesSize", "category")]
    [InlineData("count", null)]
    public void CountOf_Name_IsTheListItCounts(string name, string? list) => FieldWords.CountOf(name).ShouldBe(list);

    [Theory]
    [InlineData("orders", "order")]
    [InlineData("orderList", "order")]
    [InlineData("addresses", "address")]
    [InlineData("categories", "category")]
    [InlineData("branches", "branch")]
    [InlineData("groups", "group")]
    [InlineData("address", "address")]
    public void Singular_ListName_IsItsItemsName(string name, string singular) => FieldWords.Singular(name).ShouldBe(singular);

    [Theory]
    [InlineData("maxServing", "serving")]
    [InlineData("servingMax", "serving")]
    [InlineData("maxMembers", "members")]
    [InlineData("memberLimit", "member")]
    [InlineData("maximumOrders", "orders")]
    [InlineData("servingCount", null)]
    public void MaxOf_Name_IsWhatItBounds(string name, string? bounded) => FieldWords.MaxOf(name).ShouldBe(bounded);

    [Theory]
    [InlineData("servingCount", "serving")]
    [InlineData("currentServing", "serving")]
    [InlineData("memberCount", "member")]
    [InlineData("members", "member")]
    public void Current_Name_IsWhatAMaximumOfItBounds(string name, string word) => FieldWords.Current(name).ShouldBe(word);

    [Theory]
    [InlineData("createTime", 0)]
    [InlineData("registerTime", 0)]
    [InlineData("createdAt", 0)]
    [InlineData("gmtCreate", 0)]
    [InlineData("gmtModified", 5)]
    [InlineData("payTime", 1)]
    [InlineData("paidAt", 1)]
    [InlineData("acceptTime", 2)]
    [InlineData("startTime", 3)]
    [InlineData("serviceTime", 3)]
    [InlineData("finishTime", 4)]
    [InlineData("closeTime", 4)]
    [InlineData("cancel_time", 4)]
    [InlineData("updateTime", 5)]
    [InlineData("updatedAt", 5)]
    [InlineData("lastLoginTime", 6)]
    [InlineData("sendTime", null)]
    [InlineData("expireTime", null)]
    [InlineData("format", null)]
    [InlineData("chat", null)]
    public void Stage_TimeName_IsItsPlaceInTheLifeCycle(string name, int? stage) => FieldWords.Stage(name).ShouldBe(stage);

    [Theory]
    [InlineData("duration", "Integer", "", 1)]
    [InlineData("durationMs", "Long", "", 0.001)]
    [InlineData("serviceDuration", "Integer", "服务时长(分钟)", 60)]
    [InlineData("duration", "Integer", "会话时长(秒)", 1)]
    [InlineData("duration", "Integer", "时长，单位小时", 3600)]
    [InlineData("waitTime", "Integer", "等待时长(毫秒)", 0.001)]
    [InlineData("durationMinutes", "Double", "", 60)]
    public void SpanUnit_DurationByNameAndWords_IsItsUnitInSeconds(string name, string type, string words, double seconds)
    {
        var field = new DocField(name, TypeReader.Read(type), words, "", null, null, true, true, 1);

        FieldWords.IsSpan(field).ShouldBeTrue();
        FieldWords.IsTime(field).ShouldBeFalse();
        FieldWords.SpanUnit(field).TotalSeconds.ShouldBe(seconds);
    }

    [Theory]
    [InlineData("createTime", "String", null, true)]
    [InlineData("birthday", "Date", null, true)]
    [InlineData("day", "String", "op-date", true)]
    [InlineData("payTime", "Long", null, true)]
    [InlineData("updatedAt", "String", null, true)]
    [InlineData("waitTime", "Integer", null, false)]
    [InlineData("title", "String", null, false)]
    public void IsTime_Field_HoldsAnInstant(string name, string type, string? format, bool time) =>
        FieldWords.IsTime(new DocField(name, TypeReader.Read(type), "", "", null, format, true, true, 1)).ShouldBe(time);

    [Theory]
    [InlineData("amount", true, false, false)]
    [InlineData("totalAmount", true, false, false)]
    [InlineData("payAmount", true, false, false)]
    [InlineData("subtotal", true, false, false)]
    [InlineData("price", false, false, true)]
    [InlineData("unitPrice", false, false, true)]
    [InlineData("quantity", false, true, false)]
    [InlineData("qty", false, true, false)]
    [InlineData("name", false, false, false)]
    public void MoneyQuantityPrice_Name_HasItsPartInALineTotal(string name, bool money, bool quantity, bool price)
    {
        FieldWords.IsMoney(name).ShouldBe(money);
        FieldWords.IsQuantity(name).ShouldBe(quantity);
        FieldWords.IsPrice(name).ShouldBe(price);
    }

    [Theory]
    [InlineData("servingCount", true)]
    [InlineData("chatCount", true)]
    [InlineData("currentChatCount", true)]
    [InlineData("groupCount", false)]
    public void CountsServedChats_OpCountName_CountsItsChatList(string name, bool served) => FieldWords.CountsServedChats(name).ShouldBe(served);

    [Theory]
    [InlineData("isDefault", true)]
    [InlineData("is_default", true)]
    [InlineData("isPrimary", true)]
    [InlineData("isOnline", false)]
    public void IsDefaultFlag_Name_MarksTheOneDefaultItem(string name, bool flag) => FieldWords.IsDefaultFlag(name).ShouldBe(flag);

    [Theory]
    [InlineData("applyTime", "申请时间", 0)]
    [InlineData("auditTime", "审核时间", 2)]
    [InlineData("handleTime", "处理时间", 2)]
    [InlineData("approvedAt", "审批通过时间", 2)]
    [InlineData("shTime", "审核时间", 2)]
    [InlineData("tjsj", "提交时间", 0)]
    [InlineData("dzTime", "到账时间", 4)]
    [InlineData("wcTime", "处理完成时间", 4)]
    [InlineData("jdTime", "派单时间", 2)]
    [InlineData("fkTime", "付款时间", 1)]
    [InlineData("bgTime", "状态变更时间", 5)]
    [InlineData("sendTime", "审核消息发送时间", null)]
    [InlineData("yyTime", "预约时间", null)]
    public void Stage_TimeNameOrItsWords_IsItsPlaceInTheLifeCycle(string name, string words, int? stage) =>
        FieldWords.Stage(RuleFields.Read($"{name}:String:{words}")[0]).ShouldBe(stage);
}
