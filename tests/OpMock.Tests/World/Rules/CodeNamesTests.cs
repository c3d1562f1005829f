using System.Text.Json.Nodes;
using OpMock.Core.World.Rules;

namespace OpMock.Tests.World.Rules;

/// <summary>A name beside a labelled code shows the code's label (issue 25.5): the pairing table and 2,000 generated objects.</summary>
public sealed class CodeNamesTests(RulesWorld world) : IClassFixture<RulesWorld>
{
    private static readonly Dictionary<long, string> Types = new() { [1] = "投诉", [2] = "售后", [3] = "咨询" };
    private static readonly Dictionary<long, string> States = new() { [0] = "待处理", [1] = "处理中", [2] = "已解决", [3] = "已关闭" };
    private static readonly Dictionary<long, string> Priorities = new() { [1] = "低", [2] = "中", [3] = "高" };

    [Theory]
    [InlineData("type:Integer:工单类型:1:投诉 2:售后|typeName:String:类型名称", "0>1")]
    [InlineData("status:Integer:状态:0-待处理 1-处理中|statusDesc:String", "0>1")]
    [InlineData("orderStatus:Integer:订单状态:1:待支付 2:已支付|orderStatusText:String:状态文案", "0>1")]
    [InlineData("levelLabel:String:级别|level:Integer:级别:1-普通 2-重要", "1>0")]
    [InlineData("kind:Integer:工单类型:1:投诉 2:售后|kindShown:String:工单类型名称", "0>1")]
    [InlineData("sex:String:性别:male:男 female:女|sexCn:String", "0>1")]
    [InlineData("type:Integer:工单类型:1:投诉 2:售后|userName:String:用户名", "")]
    [InlineData("type:Integer:工单类型|typeName:String:类型名称", "")]
    [InlineData("type:Integer:类型:1:投诉 2:售后|typeName:Integer:类型名称", "")]
    [InlineData("status:Integer:状态:0-待处理 1-处理中|statusName:String:状态:0-待处理 1-处理中", "")]
    public void Pairs_ObjectFields_PairEachNameWithTheCodeItNames(string fields, string expected)
    {
        var pairs = CodeNames.Pairs(RuleFields.Read(fields));

        string.Join(",", pairs.Select(p => $"{p.Code}>{p.Name}")).ShouldBe(expected);
    }

    [Theory]
    [InlineData("type:Integer:类型:1:投诉 2:售后", "2", "售后")]
    [InlineData("type:Integer:类型:1:投诉 2:售后", "\"2\"", "售后")]
    [InlineData("type:Integer:类型:1:投诉 2:售后", "2.0", "售后")]
    [InlineData("status:Integer:状态:0-待处理 1-处理中", "0", "待处理")]
    [InlineData("status:String:状态:`open`:进行中 `closed`:已关闭", "\"closed\"", "已关闭")]
    [InlineData("type:Integer:类型:1:投诉 2:售后", "7", null)]
    [InlineData("type:Integer:类型:1:投诉 2:售后", "null", null)]
    public void Label_ACodesValue_IsTheDocsLabelForIt(string field, string value, string? expected)
    {
        CodeNames.Label(RuleFields.Read(field)[0], JsonNode.Parse(value)).ShouldBe(expected);
    }

    [Fact]
    public void CodeNameRule_TwoThousandGeneratedTickets_ShowTheirCodesLabels()
    {
        // Given the tickets of enough OPs for 2,000 of them (25.1: type/typeName, status/statusName, priority/priorityDesc)
        var tickets = Tickets(world).Take(2000).ToList();
        tickets.Count.ShouldBe(2000);

        // Then every name is its code's label, generated or the example's
        foreach (var ticket in tickets)
        {
            ticket["typeName"]!.GetValue<string>().ShouldBe(Types[ticket["type"]!.GetValue<long>()], ticket.ToJsonString());
            ticket["statusName"]!.GetValue<string>().ShouldBe(States[ticket["status"]!.GetValue<long>()], ticket.ToJsonString());
            ticket["priorityDesc"]!.GetValue<string>().ShouldBe(Priorities[ticket["priority"]!.GetValue<long>()], ticket.ToJsonString());
        }
    }

    [Fact]
    public void CodeNameRule_DetailsAndNotices_ShowTheirCodesLabelsByDescriptionAndSuffix()
    {
        // Given ticket details (statusText) and notices (levelLabel) of generated entities
        var levels = new Dictionary<long, string> { [1] = "普通", [2] = "重要", [3] = "紧急" };
        for (var k = 0; k < 200; k++)
        {
            var detail = world.Post(RulesWorld.TicketDetail, new JsonObject { ["ticketId"] = $"GD20260301{k:D4}" })["data"]!;
            detail["statusText"]!.GetValue<string>().ShouldBe(States[detail["status"]!.GetValue<long>()]);
        }

        foreach (var notices in world.ForOps(40, op => world.Get(RulesWorld.Notices, new Dictionary<string, string> { ["staffId"] = op })))
        {
            foreach (var notice in notices["notices"]!.AsArray().Select(n => n!.AsObject()))
            {
                notice["levelLabel"]!.GetValue<string>().ShouldBe(levels[notice["level"]!.GetValue<long>()]);
            }
        }
    }

    [Fact]
    public void CodeNameRule_ACreatedTicketsAnswer_NamesTheFirstState()
    {
        // When a ticket is created without a status
        var created = world.Post(RulesWorld.CreateTicket, new JsonObject { ["staffId"] = world.World.OpId(3), ["type"] = 2, ["title"] = "漏水" }, "code-names")["data"]!;

        // Then it starts at the first state, named by its label
        created["status"]!.GetValue<long>().ShouldBe(0);
        created["statusName"]!.GetValue<string>().ShouldBe("待处理");
    }

    /// <summary>The tickets 25.1 lists for the world's OPs, 50 a page, OP after OP.</summary>
    internal static IEnumerable<JsonObject> Tickets(RulesWorld world, int ops = 400) =>
        world.ForOps(ops, op => world.Post(RulesWorld.Tickets, new JsonObject { ["staffId"] = op, ["pageNo"] = 1, ["pageSize"] = 50 }))
            .SelectMany(d => d["tickets"]!.AsArray().Select(t => t!.AsObject()));
}
