using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World.Rules;

namespace OpMock.Tests.World.Rules;

/// <summary>What a write sets on an item's life (issues 25.6 and 25.7): its first state, its times now, a fresh id of its example's shape.</summary>
public sealed class WriteLifeTests(RulesWorld world) : IClassFixture<RulesWorld>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Of_ACreatesDoc_ReadsTheIdShapeTheFirstStateAndTheTimes()
    {
        var life = WriteLife.Of(Create("""{"data":{"ticketId":"GD201603090001","status":1}}"""), "ticketId", []);

        life.Id.ShouldBe(new IdShape("GD", "yyyyMMdd", 4, true));
        life.Status.ShouldBe("status");
        life.FirstState!.GetValue<long>().ShouldBe(0);
        life.CreateTimes.ShouldBe(["createTime"]);
        life.UpdateTimes.ShouldBe(["updateTime"]);
    }

    [Theory]
    [InlineData("""{"title":"漏水"}""", "status=0 createTime=1773108000000 updateTime=1773108000000")]
    [InlineData("""{"title":"漏水","status":2}""", "createTime=1773108000000 updateTime=1773108000000")]
    [InlineData("""{"title":"漏水","createTime":"2026-01-01 00:00:00"}""", "status=0 updateTime=1773108000000")]
    public void Created_ARequest_StartsAtTheFirstStateUnlessSentWithItsTimesNow(string request, string expected)
    {
        var life = WriteLife.Of(Create(null), "ticketId", []);

        var set = life.Created(JsonNode.Parse(request)!.AsObject(), Now);

        string.Join(" ", set.Select(s => $"{s.Field}={s.Value!.ToJsonString()}")).ShouldBe(expected);
    }

    [Theory]
    [InlineData("""{"ticketId":"GD201603090001"}""", "status=2 updateTime=1773108000000")]
    [InlineData("""{"ticketId":"GD201603090001","status":1}""", "updateTime=1773108000000")]
    public void Updated_AVerbThatReachesAState_SetsThatStateUnlessAStatusIsSent(string request, string expected)
    {
        // resolveTicket: Actions' Verbs.Reached gives 已解决's labels; the doc lists 0:待处理 1:处理中 2:已解决.
        var life = WriteLife.Of(Create(null), "ticketId", ["已解决", "已完成"]);

        string.Join(" ", life.Updated(JsonNode.Parse(request)!.AsObject(), Now).Select(s => $"{s.Field}={s.Value!.ToJsonString()}")).ShouldBe(expected);
    }

    [Fact]
    public void Updated_ARequest_MovesTheUpdateTimeToNow()
    {
        var life = WriteLife.Of(Create(null), "ticketId", []);

        life.Updated(new JsonObject { ["status"] = 2 }, Now).Select(s => s.Field + "=" + s.Value!.ToJsonString()).ShouldBe(["updateTime=1773108000000"]);
    }

    [Fact]
    public void Find_AnExampleNested_FindsTheFieldAnywhere()
    {
        WriteLife.Find("""{"data":{"list":[{"replyId":"r1001"}]}}""", "replyId")!.GetValue<string>().ShouldBe("r1001");
        WriteLife.Find("""{"data":{}}""", "replyId").ShouldBeNull();
        WriteLife.Find("not json", "replyId").ShouldBeNull();
    }

    [Fact]
    public void Created_ATicketOverTheServer_IsGDTodayAFreshSequenceTheFirstStateAndNow()
    {
        // When two tickets are created in one session on the fake clock (2026-03-10 10:00 China time)
        var body = new JsonObject { ["staffId"] = world.World.OpId(1), ["type"] = 1, ["title"] = "投诉师傅迟到" };
        var first = world.Post(RulesWorld.CreateTicket, body, "life")["data"]!;
        var second = world.Post(RulesWorld.CreateTicket, body.DeepClone().AsObject(), "life")["data"]!;

        // Then each is GD + today + a sequence fresh in the session (no ticket the world generated has it), at the
        // first state, created and updated now
        var generated = CodeNamesTests.Tickets(world, ops: 50).Select(t => t["ticketId"]!.GetValue<string>()).ToHashSet();
        first["ticketId"]!.GetValue<string>().ShouldMatch("^GD20260310[0-9]{4}$");
        second["ticketId"]!.GetValue<string>().ShouldMatch("^GD20260310[0-9]{4}$");
        second["ticketId"]!.GetValue<string>().ShouldNotBe(first["ticketId"]!.GetValue<string>());
        generated.ShouldNotContain(first["ticketId"]!.GetValue<string>());
        generated.ShouldNotContain(second["ticketId"]!.GetValue<string>());
        first["status"]!.GetValue<long>().ShouldBe(0);
        first["createTime"]!.GetValue<string>().ShouldBe("2026-03-10 10:00:00");
        first["updateTime"]!.GetValue<string>().ShouldBe("2026-03-10 10:00:00");
    }

    [Fact]
    public void Created_AReplyOverTheServer_IsRAndFourDigitsNoGeneratedOneHas()
    {
        var added = world.Post(RulesWorld.AddReply, new JsonObject { ["staffId"] = world.World.OpId(2), ["content"] = "您好" }, "life-replies")["data"]!;

        // r + 4 digits, as the examples, and never the id of a reply the world generated
        var generated = world.ForOps(400, op => world.Get(RulesWorld.Replies, new Dictionary<string, string> { ["staffId"] = op }))
            .SelectMany(d => d.AsObject().Select(p => p.Value).OfType<JsonArray>().SelectMany(list => list))
            .Select(r => r!["replyId"]?.GetValue<string>()).OfType<string>().ToHashSet();
        generated.Count.ShouldBeGreaterThan(0);
        added["replyId"]!.GetValue<string>().ShouldMatch("^r[0-9]{4}$");
        generated.ShouldNotContain(added["replyId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Created_ATicketReadTwiceHoursLater_KeepsItsCreateTimeAndItsCreator()
    {
        // Given a world of its own, whose clock this test moves
        var own = new RulesWorld();
        await own.InitializeAsync();
        try
        {
            var op = own.World.OpId(3);
            var created = own.Post(RulesWorld.CreateTicket, new JsonObject { ["staffId"] = op, ["type"] = 2, ["title"] = "空调清洗后漏水" }, "kept")["data"]!;
            var id = created["ticketId"]!.GetValue<string>();

            // When the list and the detail are read twice, two hours later and three hours later
            foreach (var later in new[] { 2, 1 })
            {
                own.Clock.Advance(TimeSpan.FromHours(later));
                var listed = own.Post(RulesWorld.Tickets, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }, "kept")["data"]!["tickets"]!.AsArray()
                    .Single(t => t!["ticketId"]!.GetValue<string>() == id)!;
                var detail = own.Post(RulesWorld.TicketDetail, new JsonObject { ["ticketId"] = id }, "kept")["data"]!;

                // Then each shows the instant of the create and the OP who created it
                listed["createTime"]!.GetValue<string>().ShouldBe(created["createTime"]!.GetValue<string>());
                detail["createTime"]!.GetValue<string>().ShouldBe(created["createTime"]!.GetValue<string>());
                var creation = detail["logs"]!.AsArray().OfType<JsonObject>().First();
                creation["logTime"]!.GetValue<string>().ShouldBe(created["createTime"]!.GetValue<string>());
                creation["operatorName"]!.GetValue<string>().ShouldBe(own.World.Op(op).Name);
            }
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    /// <summary>25.3 as an endpoint: a create answering ticketId, status, createTime and updateTime.</summary>
    private static Endpoint Create(string? example)
    {
        var input = RuleFields.Read("staffId:String:OP|type:Integer:类型:1:投诉 2:售后|title:String:标题");
        var output = RuleFields.Read("ticketId:String:工单号|status:Integer:工单状态:0:待处理 1:处理中 2:已解决|createTime:String:创建时间|updateTime:String:更新时间");
        var doc = new ApiDoc { Path = "25.3.txt", Number = "25.3", Title = "创建工单", Url = "/op/v2/createTicket", Route = "/op/v2/createTicket", Method = "POST", Example = example is null ? null : new JsonBlock(example, 1) };
        return new Endpoint(doc, input, output, [], "25.3");
    }
}
