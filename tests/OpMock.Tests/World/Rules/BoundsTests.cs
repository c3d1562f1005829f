using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World.Rules;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// A bound one field's words set by another field of the same object (不超过订单实付金额, ≤withdrawAmount, 不少于起提金额):
/// the words of several authors, the field they name (by description, units aside, or by name), and 2,000 seeded
/// complaints and withdrawals whose amounts keep inside their bounds.
/// </summary>
[Collection(StatesCollection.Name)]
public sealed class BoundsTests(StatesWorld world)
{
    [Theory]
    [InlineData("不超过订单实付金额", true, "订单实付金额")]
    [InlineData("不大于订单金额", true, "订单金额")]
    [InlineData("退款金额不得超过可提现余额，单位元", true, "可提现余额")]
    [InlineData("最多为提现金额", true, "提现金额")]
    [InlineData("≤withdrawAmount", true, "withdrawAmount")]
    [InlineData("<= payAmount", true, "payAmount")]
    [InlineData("小于等于商品总价（元）", true, "商品总价")]
    [InlineData("不能超过原订单的实付金额。", true, "原订单的实付金额")]
    [InlineData("不少于最低起提金额", false, "最低起提金额")]
    [InlineData("不低于保底金额", false, "保底金额")]
    [InlineData("≥minAmount", false, "minAmount")]
    [InlineData("大于等于押金", false, "押金")]
    public void Read_BoundWords_NameTheOtherFieldAndTheWay(string words, bool upper, string other) =>
        Bounds.Read(words).ShouldBe((upper, other));

    [Theory]
    [InlineData("退款金额")]
    [InlineData("超过30天不可退")]
    [InlineData("默认10，最大30")]
    public void Read_NoBoundWords_IsNull(string words) => Bounds.Read(words).ShouldBeNull();

    [Theory]
    [InlineData("refundAmount:Double:退款金额（元）:不超过订单实付金额|payAmount:Double:订单实付金额", "refundAmount", "payAmount", true)]
    [InlineData("amount:BigDecimal:提现金额(元):不得超过可提现余额|balance:BigDecimal:可提现余额(元)", "amount", "balance", true)]
    [InlineData("fee:BigDecimal:手续费:≤withdrawAmount|withdrawAmount:BigDecimal:提现金额", "fee", "withdrawAmount", true)]
    [InlineData("price:Integer:成交价(分):不低于底价|floorPrice:Integer:本商品底价(分)", "price", "floorPrice", false)]
    [InlineData("compensate:Double:赔付金额:不大于实付|payAmount:Double:订单实付金额|orderAmount:Double:订单金额", "compensate", "payAmount", true)]
    public void Of_BoundNamingASibling_BindsTheTwo(string fields, string bounded, string by, bool upper)
    {
        var doc = RuleFields.Read(fields);
        var plans = Plans(doc);

        var rule = Bounds.Of(doc, plans).ShouldHaveSingleItem();

        (doc[rule.Field].Name, doc[rule.Other].Name, rule.Upper).ShouldBe((bounded, by, upper));
    }

    [Fact]
    public void Of_BoundNamingNoSibling_MakesNoRule()
    {
        var doc = RuleFields.Read("refundAmount:Double:退款金额:不超过订单实付金额|userName:String:用户姓名");

        Bounds.Of(doc, Plans(doc)).ShouldBeEmpty();
    }

    [Fact]
    public void Of_ChainOfBounds_AppliesTheBoundFirst()
    {
        var doc = RuleFields.Read("fee:BigDecimal:手续费:最多为提现金额|amount:BigDecimal:提现金额:不得超过可提现余额|balance:BigDecimal:可提现余额");

        var rules = Bounds.Of(doc, Plans(doc)).ToList();

        rules.Select(r => doc[r.Field].Name).ShouldBe(["amount", "fee"]);
    }

    [Fact]
    public void Complaints_TwoThousandSeeded_CompensationAtMostTheOrderAmount()
    {
        var items = world.SeededComplaints.SelectMany(l => l.Items).ToList();

        items.Count.ShouldBeGreaterThanOrEqualTo(2000);
        foreach (var item in items)
        {
            Money(item["compensateAmount"]).ShouldBeLessThanOrEqualTo(Money(item["orderAmount"]), item.ToJsonString());
        }

        // Bounded, not pinned to the bound: most compensations are a part of the order.
        items.Count(i => Money(i["compensateAmount"]) < Money(i["orderAmount"])).ShouldBeGreaterThan(items.Count / 2);
    }

    [Fact]
    public void Withdrawals_TwoThousandSeeded_AmountAtMostTheBalanceAndFeeAtMostTheAmount()
    {
        var items = world.SeededWithdrawals.SelectMany(l => l.Items).ToList();

        items.Count.ShouldBeGreaterThanOrEqualTo(2000);
        foreach (var item in items)
        {
            Money(item["withdrawAmount"]).ShouldBeLessThanOrEqualTo(Money(item["availableBalance"]), item.ToJsonString());
            Money(item["feeAmount"]).ShouldBeLessThanOrEqualTo(Money(item["withdrawAmount"]), item.ToJsonString());
        }
    }

    internal static List<OpMock.Core.World.FieldPlan> Plans(System.Collections.Immutable.ImmutableArray<OpMock.Core.Docs.DocField> doc) =>
        [.. doc.Select(f => new OpMock.Core.World.FieldPlan(null, f.Name, null, false))];

    internal static decimal Money(JsonNode? node) => decimal.Parse(node!.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);
}
