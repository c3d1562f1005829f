using System.Text.Json.Nodes;
using OpMock.Core.World.Rules;

namespace OpMock.Tests.World.Rules;

/// <summary>Order and position words (issue 25.8): the word table, sorting, and the lists the world answers.</summary>
public sealed class OrderWordsTests(RulesWorld world) : IClassFixture<RulesWorld>
{
    private const string Items = "replyId:String:ID|sort:Integer:排序|title:String:标题|createTime:String:创建时间|updateTime:String:更新时间";

    [Theory]
    [InlineData("工单列表，按创建时间倒序", true)]
    [InlineData("通知列表，降序", true)]
    [InlineData("处理记录，按时间正序", false)]
    [InlineData("按sort升序", false)]
    [InlineData("order by time desc", true)]
    [InlineData("最新的在前", true)]
    [InlineData("订单列表", null)]
    [InlineData("先降序后升序", true)]
    public void Direction_ListWords_SayNewestOrOldestFirst(string words, bool? expected)
    {
        OrderWords.Direction(words).ShouldBe(expected);
    }

    [Theory]
    [InlineData("快捷回复，按sort升序", "sort", false)]
    [InlineData("按创建时间倒序", "createTime", true)]
    [InlineData("按 `title` 排序", "title", false)]
    [InlineData("按更新时间降序", "updateTime", true)]
    [InlineData("按时间正序", "createTime", false)]
    [InlineData("倒序", "createTime", true)]
    [InlineData("按照标题的先后", "title", false)]
    [InlineData("回复列表", null, false)]
    public void Of_ListWords_OrderByTheFieldTheyName(string words, string? field, bool descending)
    {
        var order = OrderWords.Of(words, RuleFields.Read(Items));

        (order is null ? null : order with { }).ShouldBe(field is null ? null : new ListOrder(field, descending));
    }

    [Theory]
    [InlineData("sort:Integer", true)]
    [InlineData("seq:Long", true)]
    [InlineData("sort_no:Integer", true)]
    [InlineData("position:Integer", true)]
    [InlineData("sort:String", false)]
    [InlineData("orderNo:Integer", false)]
    [InlineData("count:Integer", false)]
    public void IsPosition_AField_NumbersItsItemsPlacesByName(string field, bool expected)
    {
        OrderWords.IsPosition(RuleFields.Read(field)[0]).ShouldBe(expected);
    }

    [Fact]
    public void Sort_TimesNumbersAndGaps_SortsStablyWithMissingValuesLast()
    {
        var items = new[] { "2026-03-01 10:00:00", null, "2026-03-02 09:00:00", "2026-03-01 10:00:00" }
            .Select((t, k) => new JsonObject { ["k"] = k, ["createTime"] = t }).ToList();

        new ListOrder("createTime", Descending: true).Sort(items);

        items.Select(i => i["k"]!.GetValue<int>()).ShouldBe([2, 0, 3, 1]);
    }

    [Fact]
    public void Arrange_APositionAndItsOrder_NumbersOneToNThenSorts()
    {
        var items = Enumerable.Range(0, 4).Select(k => new JsonObject { ["k"] = k, ["sort"] = 9 - k }).ToList();

        OrderRule.Arrange(items, new ListOrder("sort", Descending: true), "sort");

        items.Select(i => i["sort"]!.GetValue<int>()).ShouldBe([4, 3, 2, 1]);
        items.Select(i => i["k"]!.GetValue<int>()).ShouldBe([3, 2, 1, 0]);
    }

    [Fact]
    public void ListAssembly_TheTicketsOfManyOps_AreNewestFirst()
    {
        foreach (var data in world.ForOps(60, op => world.Post(RulesWorld.Tickets, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 })))
        {
            var times = data["tickets"]!.AsArray().Select(t => t!["createTime"]!.GetValue<string>()).ToList();
            times.SequenceEqual(times.OrderDescending(StringComparer.Ordinal)).ShouldBeTrue(data.ToJsonString());
        }
    }

    [Fact]
    public void OrderRule_TheRepliesAndNoticesOfManyOps_AreOneToNAscendingAndNewestFirst()
    {
        foreach (var data in world.ForOps(60, op => world.Get(RulesWorld.Replies, new Dictionary<string, string> { ["staffId"] = op })))
        {
            var sorts = data["list"]!.AsArray().Select(r => r!["sort"]!.GetValue<int>()).ToList();
            sorts.SequenceEqual(Enumerable.Range(1, sorts.Count)).ShouldBeTrue(data.ToJsonString());
            data["replyCount"]!.GetValue<int>().ShouldBe(sorts.Count);
        }

        foreach (var data in world.ForOps(60, op => world.Get(RulesWorld.Notices, new Dictionary<string, string> { ["staffId"] = op })))
        {
            var times = data["notices"]!.AsArray().Select(n => n!["createTime"]!.GetValue<string>()).ToList();
            times.SequenceEqual(times.OrderDescending(StringComparer.Ordinal)).ShouldBeTrue(data.ToJsonString());
        }
    }

    [Fact]
    public void OrderRule_AReplyAdded_IsLastWithTheNextSortAndCountedInItsSessionOnly()
    {
        // Given an OP's replies before
        var op = world.World.OpId(5);
        var query = new Dictionary<string, string> { ["staffId"] = op };
        var before = world.Get(RulesWorld.Replies, query, "replies-a")["data"]!;
        var count = before["list"]!.AsArray().Count;

        // When session a adds one
        var added = world.Post(RulesWorld.AddReply, new JsonObject { ["staffId"] = op, ["content"] = "马上为您处理" }, "replies-a")["data"]!;

        // Then in session a it is last, its sort is n + 1, and replyCount counts it; session b sees the world as it was
        var after = world.Get(RulesWorld.Replies, query, "replies-a")["data"]!;
        var last = after["list"]!.AsArray()[^1]!;
        last["replyId"]!.GetValue<string>().ShouldBe(added["replyId"]!.GetValue<string>());
        last["sort"]!.GetValue<int>().ShouldBe(count + 1);
        after["replyCount"]!.GetValue<int>().ShouldBe(count + 1);
        world.Get(RulesWorld.Replies, query, "replies-b")["data"]!["replyCount"]!.GetValue<int>().ShouldBe(count);
    }
}
