using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World.Rules;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// Ledgers (TestDocs/ledger): a change's sign is what its type's label says, each balance is the one before plus the
/// change over the whole list (so pages agree), the total beside the list is the newest balance, ids grow with time and
/// remarks speak of their own entry.
/// </summary>
public sealed class LedgerTests(LedgerWorld world) : IClassFixture<LedgerWorld>
{
    private const string ExampleUser = "u0001b7e2c94f0a6d4e1b9c3f5a7d2e8b6c40";
    private const string WalletUser = "u0001c3d9a1e57f2b4c08a6e4d2b9f1c7a5e3";

    [Theory]
    [InlineData("过期扣减", "Out")]
    [InlineData("积分兑换", "Out")]
    [InlineData("服务消费", "Out")]
    [InlineData("支出", "Out")]
    [InlineData("提现", "Out")]
    [InlineData("退款", "Out")]
    [InlineData("退款扣回", "Out")]
    [InlineData("余额过期", "Out")]
    [InlineData("下单抵扣", "Out")]
    [InlineData("签到", "In")]
    [InlineData("下单奖励", "In")]
    [InlineData("充值", "In")]
    [InlineData("充值赠送", "In")]
    [InlineData("收入", "In")]
    [InlineData("积分增加", "In")]
    [InlineData("退款退回", "In")]
    [InlineData("订单返还", "In")]
    [InlineData("其他", "Unknown")]
    public void Say_ChangeLabel_IsTheWayItGoes(string label, string way) => Ledger.Say(label).ShouldBe(Enum.Parse<Ledger.Way>(way));

    [Theory]
    [InlineData("points:Integer:变动积分:正数为增加，负数为扣减|balance:Integer:变动后余额|changeTime:String:变动时间", "points", true, "balance", null)]
    [InlineData("amount:BigDecimal:交易金额(元):收入为正，支出为负|balanceAfter:BigDecimal:交易后余额(元)|tradeTime:String:交易时间", "amount", true, "balanceAfter", null)]
    [InlineData("changeAmount:Long:变动金额(分)|beforeBalance:Long:变动前余额(分)|afterBalance:Long:变动后余额(分)|occurTime:String:发生时间", "changeAmount", false, "afterBalance", "beforeBalance")]
    [InlineData("num:Integer:变动数量|leftNum:Integer:剩余数量|createTime:String:时间", "num", false, "leftNum", null)]
    public void Of_AmountBalanceAndTime_IsALedger(string fields, string amount, bool signed, string balance, string? before)
    {
        var shape = Ledger.Of(RuleFields.Read(fields)).ShouldNotBeNull();

        (shape.Amount.Name, shape.Signed, shape.Balance.Name, shape.Before?.Name).ShouldBe((amount, signed, balance, before));
    }

    [Theory]
    [InlineData("amount:BigDecimal:金额|createTime:String:下单时间")]
    [InlineData("points:Integer:变动积分|balance:Integer:变动后余额")]
    [InlineData("price:BigDecimal:单价|quantity:Integer:数量|createTime:String:时间")]
    public void Of_NoBalanceOrNoTime_IsNoLedger(string fields) => Ledger.Of(RuleFields.Read(fields)).ShouldBeNull();

    [Theory]
    [InlineData("totalPoints:Integer:当前积分:等于最新一条的balance", true)]
    [InlineData("walletBalance:BigDecimal:钱包余额", true)]
    [InlineData("currentBalance:Long:卡内剩余金额(分)", true)]
    [InlineData("usablePoints:Integer:可用积分", true)]
    [InlineData("totalCount:Integer:总条数", false)]
    [InlineData("userName:String:用户当前姓名", false)]
    public void IsLatest_TotalBesideALedger_IsWhetherItIsTheNewestBalance(string field, bool latest) => Ledger.IsLatest(RuleFields.Read(field)[0]).ShouldBe(latest);

    [Fact]
    public void Points_TwoThousandUsers_SignedByLabelBalancedAcrossPagesTotalNewestIdsGrowing()
    {
        for (var k = 0; k < 2000; k++)
        {
            var user = world.World.UserId(k);
            var pages = LedgerWorld.Pages(no => world.Get(LedgerWorld.Points, Query(user, no)));
            var items = pages.SelectMany(p => p["logList"]!.AsArray().OfType<JsonObject>()).ToList();
            var labels = new Dictionary<int, string> { [1] = "签到", [2] = "下单奖励", [3] = "积分兑换", [4] = "过期扣减" };
            foreach (var item in items)
            {
                var points = item["points"]!.GetValue<long>();
                var type = item["changeType"]!.GetValue<int>();
                item["changeTypeName"]!.GetValue<string>().ShouldBe(labels[type], user);
                (type is 1 or 2 ? points >= 0 : points <= 0).ShouldBeTrue($"{user}: {item.ToJsonString()}");
                item["remark"]!.GetValue<string>().ShouldNotBeOneOf(["家", "公司", "父母家", "出租屋", "新房", "常用地址"]);
            }

            // Newest first, so oldest first it reads as a ledger: each balance the one before plus the change, never below zero.
            var times = items.Select(i => Time(i["changeTime"])).ToList();
            times.ShouldBe(times.OrderDescending().ToList(), user);
            var oldestFirst = Enumerable.Reverse(items).ToList();
            for (var i = 1; i < oldestFirst.Count; i++)
            {
                var (previous, item) = (oldestFirst[i - 1], oldestFirst[i]);
                item["balance"]!.GetValue<long>().ShouldBe(previous["balance"]!.GetValue<long>() + item["points"]!.GetValue<long>(), $"{user} #{i}");
                item["balance"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(0);
                if (times[items.Count - 1 - i] > times[items.Count - i])
                {
                    item["logId"]!.GetValue<long>().ShouldBeGreaterThan(previous["logId"]!.GetValue<long>(), user);
                }
            }

            // Every page shows one total: the newest entry's balance.
            foreach (var page in pages)
            {
                page["totalPoints"]!.GetValue<long>().ShouldBe(items.Count == 0 ? page["totalPoints"]!.GetValue<long>() : items[0]["balance"]!.GetValue<long>(), user);
            }
        }
    }

    [Fact]
    public void Points_ExampleUser_ItsPinnedTotalIsTheNewestBalanceTheRestLeadUpToIt()
    {
        var pages = LedgerWorld.Pages(no => world.Get(LedgerWorld.Points, Query(ExampleUser, no)));
        var items = pages.SelectMany(p => p["logList"]!.AsArray().OfType<JsonObject>()).ToList();

        pages[0]["totalPoints"]!.GetValue<long>().ShouldBe(1280);
        items.ShouldNotBeEmpty();
        items[0]["balance"]!.GetValue<long>().ShouldBe(1280);
        var oldestFirst = Enumerable.Reverse(items).ToList();
        oldestFirst.ShouldAllBe(i => i["balance"]!.GetValue<long>() >= 0);
        for (var i = 1; i < oldestFirst.Count; i++)
        {
            oldestFirst[i]["balance"]!.GetValue<long>().ShouldBe(oldestFirst[i - 1]["balance"]!.GetValue<long>() + oldestFirst[i]["points"]!.GetValue<long>(), $"#{i}");
        }
    }

    [Fact]
    public void Wallet_ExampleUser_AnswersItsExampleAndOlderRecordsLeadUpToIt()
    {
        var items = world.Post(LedgerWorld.Wallet, new JsonObject { ["userId"] = WalletUser, ["pageNo"] = 1, ["pageSize"] = 50 })["data"]!["records"]!.AsArray().OfType<JsonObject>().ToList();

        items.Take(2).Select(i => i["recordId"]!.GetValue<string>()).ShouldBe(["W20160309112045001", "W20160302090311002"]);
        for (var i = items.Count - 2; i >= 0; i--)
        {
            items[i]["balanceAfter"]!.GetValue<decimal>().ShouldBe(items[i + 1]["balanceAfter"]!.GetValue<decimal>() + items[i]["amount"]!.GetValue<decimal>(), $"#{i}");
        }

        // Older records lead to the example's 100.00 before its recharge: none is a change of nothing, none below zero.
        items.Skip(2).ShouldAllBe(i => i["amount"]!.GetValue<decimal>() != 0 && i["balanceAfter"]!.GetValue<decimal>() >= 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Wallet_FiveHundredUsers_BothPortsSignedBalancedAndNewest(bool transfer)
    {
        for (var k = 0; k < 500; k++)
        {
            var user = world.World.UserId(k);
            var pages = LedgerWorld.Pages(no => world.Post(LedgerWorld.Wallet, new JsonObject { ["userId"] = user, ["pageNo"] = no, ["pageSize"] = 50 }, transfer));
            var items = pages.SelectMany(p => p["records"]!.AsArray().OfType<JsonObject>()).ToList();
            foreach (var item in items)
            {
                var amount = item["amount"]!.GetValue<decimal>();
                (item["tradeType"]!.GetValue<string>() is "RECHARGE" or "REFUND" ? amount >= 0 : amount <= 0).ShouldBeTrue(item.ToJsonString());
                // The record's number carries its trade time (W + yyyyMMddHHmmss + a sequence), so numbers grow with time.
                item["recordId"]!.GetValue<string>()[1..15].ShouldBe(Time(item["tradeTime"]).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), item.ToJsonString());
            }

            for (var i = items.Count - 2; i >= 0; i--)
            {
                items[i]["balanceAfter"]!.GetValue<decimal>().ShouldBe(items[i + 1]["balanceAfter"]!.GetValue<decimal>() + items[i]["amount"]!.GetValue<decimal>(), user);
            }

            if (items.Count > 0)
            {
                var newest = items[0]["balanceAfter"]!.GetValue<decimal>();
                pages.ShouldAllBe(p => p["walletBalance"]!.GetValue<decimal>() == newest);
            }
        }
    }

    [Fact]
    public void Card_FiveHundredUsers_OldestFirstBeforePlusChangeIsAfterAndCurrentIsTheLast()
    {
        for (var k = 0; k < 500; k++)
        {
            var user = world.World.UserId(k);
            var pages = LedgerWorld.Pages(no => world.Post(LedgerWorld.Card, new JsonObject { ["userId"] = user, ["pageNo"] = no, ["pageSize"] = 50 }));
            var items = pages.SelectMany(p => p["flows"]!.AsArray().OfType<JsonObject>()).ToList();
            for (var i = 0; i < items.Count; i++)
            {
                var (before, change, after) = (items[i]["beforeBalance"]!.GetValue<long>(), items[i]["changeAmount"]!.GetValue<long>(), items[i]["afterBalance"]!.GetValue<long>());
                (before + change).ShouldBe(after, user);
                (items[i]["bizType"]!.GetValue<int>() is 1 or 3 ? change >= 0 : change <= 0).ShouldBeTrue(items[i].ToJsonString());
                if (i > 0)
                {
                    before.ShouldBe(items[i - 1]["afterBalance"]!.GetValue<long>(), user);
                    items[i]["flowNo"]!.GetValue<long>().ShouldBeGreaterThan(items[i - 1]["flowNo"]!.GetValue<long>(), user);
                }
            }

            if (items.Count > 0)
            {
                var last = items[^1]["afterBalance"]!.GetValue<long>();
                pages.ShouldAllBe(p => p["currentBalance"]!.GetValue<long>() == last);
            }
        }
    }

    [Fact]
    public async Task Wallet_RealServerPagesOfFive_BothPortsAnswerOneLedgerThatRunsAcrossPages()
    {
        using var temp = new TempFolder();
        await using var host = await MockHost.StartAsync(docs: TestDocs.BaseWithLedger(temp), overrides: Path.Combine(temp.Path, "overrides.yaml"));
        foreach (var user in Enumerable.Range(0, 20).Select(host.Server.Engine.State.Data.World.UserId).Append(WalletUser))
        {
            var pages = new List<JsonArray>();
            for (var no = 1; no <= 2; no++)
            {
                var body = new JsonObject { ["userId"] = user, ["pageNo"] = no, ["pageSize"] = 5 };
                var direct = await MockHost.JsonAsync(await host.PostDirectAsync(LedgerWorld.Wallet, body.ToJsonString()));
                body.Insert(0, "reqUrl", LedgerWorld.Wallet);
                var relayed = await MockHost.JsonAsync(await host.PostTransferAsync(body.ToJsonString()));
                relayed["data"]!.ToJsonString().ShouldBe(direct["data"]!.ToJsonString(), user);
                pages.Add(direct["data"]!["records"]!.AsArray());
            }

            // Page 2 continues page 1: the oldest record of page 1 starts from the newest balance of page 2.
            if (pages[0].Count == 5 && pages[1].Count > 0)
            {
                var (older, newer) = (pages[1][0]!, pages[0][4]!);
                newer["balanceAfter"]!.GetValue<decimal>().ShouldBe(older["balanceAfter"]!.GetValue<decimal>() + newer["amount"]!.GetValue<decimal>(), user);
            }
        }
    }

    private static Dictionary<string, string> Query(string user, int no) => new() { ["userId"] = user, ["pageNo"] = no.ToString(CultureInfo.InvariantCulture), ["pageSize"] = "50" };

    private static DateTime Time(JsonNode? node) => DateTime.ParseExact(node!.GetValue<string>(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
