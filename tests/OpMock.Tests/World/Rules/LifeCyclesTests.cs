using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World.Rules;

namespace OpMock.Tests.World.Rules;

/// <summary>Life cycles from the docs (issue 25.6): the states' order, history shapes, the story a history tells, over 2,000 details.</summary>
public sealed class LifeCyclesTests(RulesWorld world) : IClassFixture<RulesWorld>
{
    private const string Tickets = "status:Integer:状态:0:待处理 1:处理中 2:已解决 3:已关闭";

    [Theory]
    [InlineData(Tickets, "2", "待处理,处理中,已解决")]
    [InlineData(Tickets, "0", "待处理")]
    [InlineData(Tickets, "3", "待处理,处理中,已解决,已关闭")]
    [InlineData(Tickets, "9", "待处理")]
    [InlineData("orderState:Integer:订单状态:1-待支付 2-已支付 3-服务中", "\"2\"", "待支付,已支付")]
    [InlineData("auditStatus:String:审核:`wait`:待审核 `pass`:已通过 `reject`:已驳回", "\"pass\"", "待审核,已通过")]
    public void PathTo_AState_PassesEveryStateBeforeItInTheDocsOrder(string field, string current, string expected)
    {
        var states = StateOrder.Of(RuleFields.Read(field)[0]).ShouldNotBeNull();

        string.Join(",", states.PathTo(JsonNode.Parse(current)).Select(s => s.Label)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("type:Integer:类型:1:投诉 2:售后")]
    [InlineData("status:Integer:状态")]
    [InlineData("status:Integer:状态:0-待处理")]
    public void Of_AFieldThatIsNoStatusEnum_OrdersNoStates(string field)
    {
        StateOrder.Of(RuleFields.Read(field)[0]).ShouldBeNull();
    }

    [Theory]
    [InlineData("logs:List:处理记录，按时间正序", "logTime:String:操作时间:yyyy-MM-dd HH:mm:ss|operatorName:String:操作人|action:String:操作:创建、处理中、已解决|remark:String:备注", "logTime action operatorName remark False 创建,处理中,已解决")]
    [InlineData("history:List:流转记录 倒序", "opTime:Long:时间|op:String:处理人|operation:String:动作:1:新建 2:派单 3:完成", "opTime operation op - True 新建,派单,完成")]
    [InlineData("records:List:记录", "createTime:String:时间|event:String:事件（提交/审核/通过）", "createTime event - - False 提交,审核,通过")]
    [InlineData("items:List:商品", "name:String:名称|createTime:String:时间|price:Double:单价", "")]
    [InlineData("chats:List:会话", "createTime:String:时间|action:String:操作", "")]
    public void Of_AListsItems_ReadAsAHistoryWhenTheyHaveATimeAnActionAndAnOperator(string list, string items, string expected)
    {
        var shape = HistoryShape.Of(RuleFields.Read(list)[0], RuleFields.Read(items));

        (shape is null ? "" : $"{shape.Time.Name} {shape.Action} {shape.Operator ?? "-"} {shape.Remark ?? "-"} {shape.Descending} {string.Join(",", shape.Words)}").ShouldBe(expected);
    }

    [Fact]
    public void Tell_ThousandsOfSpans_TellsInOrderFromCreationToTheLastUpdate()
    {
        // Given the ticket history's shape and its states
        var shape = HistoryShape.Of(RuleFields.Read("logs:List:处理记录")[0], RuleFields.Read("logTime:Long:时间|operatorName:String:操作人|action:String:操作:创建、处理中、已解决、已关闭"))!;
        var states = StateOrder.Of(RuleFields.Read(Tickets)[0])!;
        var random = new Random(25);
        for (var k = 0; k < 2000; k++)
        {
            var created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddSeconds(random.Next(0, 5_000_000));
            var updated = created.AddSeconds(random.Next(0, 500_000));
            var status = random.Next(0, 4);

            // When the story is told
            var story = HistoryStory.Tell(shape, states, JsonValue.Create(status), created, updated, "李娜");

            // Then it starts with the creation at createTime, passes each state in order and ends at the status at updateTime
            story.Select(e => e.Action).ShouldBe(new[] { "创建", "处理中", "已解决", "已关闭" }.Take(status + 1));
            story[0].Time.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(created.ToUnixTimeSeconds()));
            story[^1].Time.ShouldBe(status == 0 ? story[0].Time : DateTimeOffset.FromUnixTimeSeconds(updated.ToUnixTimeSeconds()));
            story.Zip(story.Skip(1)).ShouldAllBe(p => p.First.Time <= p.Second.Time);
            story.ShouldAllBe(e => e.Operator == "李娜");
        }
    }

    [Theory]
    [InlineData(true, "1", "创建")]
    [InlineData(false, "2", "已解决")]
    [InlineData(false, "3", "已关闭")]
    [InlineData(false, null, "更新")]
    public void ForWrite_AWrite_AddsTheCreationOrTheNewStatesWord(bool create, string? status, string expected)
    {
        var shape = HistoryShape.Of(RuleFields.Read("logs:List:记录")[0], RuleFields.Read("logTime:String:时间|operatorName:String:操作人|action:String:操作:创建、处理中、已解决、已关闭|remark:String:备注"))!;
        var now = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));

        var added = HistoryStory.ForWrite(shape, StateOrder.Of(RuleFields.Read(Tickets)[0]), create, status is null ? null : JsonValue.Create(long.Parse(status, CultureInfo.InvariantCulture)), now, "王芳", "已联系");

        added.ShouldBe(new HistoryEvent(now, expected, "王芳", "已联系"));
        var item = added.Write(shape, new JsonObject { ["logTime"] = "x", ["operatorName"] = "y", ["action"] = "z", ["remark"] = "", ["id"] = 7 });
        item["logTime"]!.GetValue<string>().ShouldBe("2026-03-10 10:00:00");
        item["operatorName"]!.GetValue<string>().ShouldBe("王芳");
        item["action"]!.GetValue<string>().ShouldBe(expected);
        item["remark"]!.GetValue<string>().ShouldBe("已联系");
        item["id"]!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public void HistoryRule_TwoThousandTicketDetails_TellTheirStoryToTheirStatusInOrder()
    {
        var words = new[] { "创建", "处理中", "已解决", "已关闭" };
        for (var k = 1; k <= 2000; k++)
        {
            // Given the detail of a ticket (25.2: logs 按时间正序)
            var detail = world.Post(RulesWorld.TicketDetail, new JsonObject { ["ticketId"] = $"GD2026{1 + (k % 2):D2}{1 + (k % 27):D2}{k:D4}" })["data"]!;
            var logs = detail["logs"]!.AsArray().Select(l => l!.AsObject()).ToList();
            var status = detail["status"]!.GetValue<int>();
            var times = logs.Select(l => Time(l["logTime"])).ToList();

            // Then it is 创建 and each state up to the current one, from createTime to updateTime, in time order, by its handler
            logs.Select(l => l["action"]!.GetValue<string>()).ShouldBe(words.Take(status + 1), detail.ToJsonString());
            times[0].ShouldBe(Time(detail["createTime"]));
            if (status > 0)
            {
                times[^1].ShouldBe(Time(detail["updateTime"]));
            }

            times.SequenceEqual(times.Order()).ShouldBeTrue(detail.ToJsonString());
            logs.ShouldAllBe(l => l["operatorName"]!.GetValue<string>() == detail["handlerName"]!.GetValue<string>());
        }
    }

    private static DateTimeOffset Time(JsonNode? text) =>
        new(DateTime.ParseExact(text!.GetValue<string>(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.FromHours(8));
}
