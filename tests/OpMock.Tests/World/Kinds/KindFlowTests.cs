using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World;
using OpMock.Tests.Support;
using static OpMock.Tests.World.Kinds.KindsWorld;

namespace OpMock.Tests.World.Kinds;

/// <summary>
/// Kinds no C# file names (TestDocs/kinds), walked as a frontend walks them: list → detail → create → update →
/// delete, on the direct port and through /opapp/transfer, each session seeing its own writes only.
/// </summary>
public sealed class KindFlowTests(KindsWorld kinds) : IClassFixture<KindsWorld>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tickets_ListDetailCreateUpdateDelete_ReadBackInTheSessionOnly(bool transfer)
    {
        var session = "tickets-" + transfer;
        var op = OpWithTickets();
        var (before, page) = kinds.Post(Tickets, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }, session, transfer);
        var listed = before["tickets"]!.AsArray();
        var total = page!["totalCount"]!.GetValue<int>();
        total.ShouldBe(listed.Count);

        // Identity: a detail answers the ticket its list showed, field by field.
        foreach (var item in listed.Select(i => i!.AsObject()))
        {
            var (detail, _) = kinds.Post(TicketDetail, new JsonObject { ["ticketId"] = item["ticketId"]!.GetValue<string>() }, session, transfer);
            foreach (var (name, value) in item)
            {
                JsonNode.DeepEquals(detail[name], value).ShouldBeTrue($"{name}: list {value?.ToJsonString()}, detail {detail[name]?.ToJsonString()}");
            }
        }

        var user = kinds.World.Op(op).Users.FirstOrDefault() ?? kinds.World.UserId(0);
        var (created, _) = kinds.Post(CreateTicket, new JsonObject
        {
            ["chatId"] = kinds.World.ChatOf(user).ChatId, ["userId"] = user, ["staffId"] = op, ["type"] = 2, ["title"] = "师傅未按时上门", ["content"] = "约好上午十点，十一点还没到",
        }, session, transfer);
        var id = created["ticketId"]!.GetValue<string>();
        id.ShouldStartWith("GD" + DateTimeOffset.UtcNow.ToOffset(WorldOptions.ChinaOffset).ToString("yyyyMMdd", CultureInfo.InvariantCulture));

        var (afterCreate, pageAfterCreate) = kinds.Post(Tickets, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }, session, transfer);
        pageAfterCreate!["totalCount"]!.GetValue<int>().ShouldBe(total + 1);
        afterCreate["tickets"]![0]!["ticketId"]!.GetValue<string>().ShouldBe(id, "newest first");
        var (createdDetail, _) = kinds.Post(TicketDetail, new JsonObject { ["ticketId"] = id }, session, transfer);
        createdDetail["title"]!.GetValue<string>().ShouldBe("师傅未按时上门");
        createdDetail["handlerId"]!.GetValue<string>().ShouldBe(op);
        createdDetail["userId"]!.GetValue<string>().ShouldBe(user);
        createdDetail["userName"]!.GetValue<string>().ShouldBe(kinds.World.User(user).UserName);
        // Its life starts at the first state of its status enum (World/Rules), its name the doc's label.
        createdDetail["status"]!.GetValue<long>().ShouldBe(0);
        createdDetail["statusName"]!.GetValue<string>().ShouldBe("待处理");

        // An update acts on created and generated tickets alike.
        var generated = listed[0]!["ticketId"]!.GetValue<string>();
        foreach (var target in new[] { id, generated })
        {
            var (updated, _) = kinds.Post(UpdateTicket, new JsonObject { ["ticketId"] = target, ["staffId"] = op, ["status"] = 2, ["remark"] = "已上门复查" }, session, transfer);
            updated["status"]!.GetValue<long>().ShouldBe(2);
            var (detail, _) = kinds.Post(TicketDetail, new JsonObject { ["ticketId"] = target }, session, transfer);
            detail["status"]!.GetValue<long>().ShouldBe(2);
        }

        var (filtered, _) = kinds.Post(Tickets, new JsonObject { ["staffId"] = op, ["status"] = 2, ["pageSize"] = 50 }, session, transfer);
        filtered["tickets"]!.AsArray().Select(t => t!["ticketId"]!.GetValue<string>()).ShouldContain(generated);
        filtered["tickets"]!.AsArray().ShouldAllBe(t => t!["status"]!.GetValue<long>() == 2);

        var (deleted, _) = kinds.Post(DeleteTicket, new JsonObject { ["ticketId"] = generated, ["staffId"] = op }, session, transfer);
        deleted["ticketId"]!.GetValue<string>().ShouldBe(generated);
        var (afterDelete, pageAfterDelete) = kinds.Post(Tickets, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }, session, transfer);
        pageAfterDelete!["totalCount"]!.GetValue<int>().ShouldBe(total);
        afterDelete["tickets"]!.AsArray().Select(t => t!["ticketId"]!.GetValue<string>()).ShouldNotContain(generated);

        // Another session sees the seeded world.
        var (other, otherPage) = kinds.Post(Tickets, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }, session + "-other", !transfer);
        otherPage!["totalCount"]!.GetValue<int>().ShouldBe(total);
        JsonNode.DeepEquals(other["tickets"], before["tickets"]).ShouldBeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Appointments_ListDetailCreateUpdateDelete_ReadBackInTheSessionOnly(bool transfer)
    {
        // Given a second kind no C# names (TestDocs/declared 12.9–12.13: an OP's appointments), served with no fixture
        using var temp = new TempFolder();
        var engine = await KindGroupTests.EngineAsync(temp, null);
        var world = engine.State.Data.World;
        var session = "appointments-" + transfer;
        (JsonObject Data, JsonObject? Page) Ask(string route, JsonObject body, string asked = "") => KindsWorld.Post(engine, route, body, asked.Length > 0 ? asked : session, transfer);
        var op = Enumerable.Range(0, 50).Select(world.OpId).First(o => Ask("/op/v2/getStaffAppointments", new JsonObject { ["staffId"] = o, ["pageSize"] = 50 }).Page!["totalCount"]!.GetValue<int>() > 1);
        var (before, page) = Ask("/op/v2/getStaffAppointments", new JsonObject { ["staffId"] = op, ["pageSize"] = 50 });
        var total = page!["totalCount"]!.GetValue<int>();
        var generated = before["appointments"]![0]!.AsObject();
        var (generatedDetail, _) = Ask("/op/v2/getAppointmentDetail", new JsonObject { ["appointmentId"] = generated["appointmentId"]!.DeepClone() });
        generated.ShouldAllBe(p => JsonNode.DeepEquals(generatedDetail[p.Key], p.Value));

        // When an appointment is created, updated, and a generated one deleted
        var user = world.UserId(3);
        var (created, _) = Ask("/op/v2/createAppointment", new JsonObject { ["staffId"] = op, ["userId"] = user, ["serviceName"] = "地板打蜡", ["remark"] = "请带鞋套" });
        var id = created["appointmentId"]!.GetValue<string>();
        var (afterCreate, pageAfterCreate) = Ask("/op/v2/getStaffAppointments", new JsonObject { ["staffId"] = op, ["pageSize"] = 50 });
        Ask("/op/v2/updateAppointment", new JsonObject { ["appointmentId"] = id, ["remark"] = "改到周六上午" });
        var (detail, _) = Ask("/op/v2/getAppointmentDetail", new JsonObject { ["appointmentId"] = id });
        Ask("/op/v2/deleteAppointment", new JsonObject { ["appointmentId"] = generated["appointmentId"]!.DeepClone(), ["staffId"] = op });
        var (afterDelete, pageAfterDelete) = Ask("/op/v2/getStaffAppointments", new JsonObject { ["staffId"] = op, ["pageSize"] = 50 });

        // Then the new one has its example's shape with today's date, is first in its OP's list with the total one more,
        // its detail shows what was sent and its user as getUserInfo shows it; the deleted one is gone; another session sees the seeded list
        id.ShouldStartWith("YY" + DateTimeOffset.UtcNow.ToOffset(WorldOptions.ChinaOffset).ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        pageAfterCreate!["totalCount"]!.GetValue<int>().ShouldBe(total + 1);
        afterCreate["appointments"]![0]!["appointmentId"]!.GetValue<string>().ShouldBe(id, "按预约时间倒序: the new one first");
        detail["serviceName"]!.GetValue<string>().ShouldBe("地板打蜡");
        detail["remark"]!.GetValue<string>().ShouldBe("改到周六上午");
        detail["userId"]!.GetValue<string>().ShouldBe(user);
        detail["phone"]!.GetValue<string>().ShouldBe(world.User(user).Phone);
        detail["staffName"]!.GetValue<string>().ShouldBe(world.Op(op).Name);
        pageAfterDelete!["totalCount"]!.GetValue<int>().ShouldBe(total);
        afterDelete["appointments"]!.AsArray().Select(a => a!["appointmentId"]!.GetValue<string>()).ShouldNotContain(generated["appointmentId"]!.GetValue<string>());
        var (other, _) = Ask("/op/v2/getStaffAppointments", new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }, session + "-other");
        JsonNode.DeepEquals(other["appointments"], before["appointments"]).ShouldBeTrue();
    }

    [Fact]
    public void QuickReplies_AddThenDelete_ListFollowsInTheSession()
    {
        const string session = "replies";
        var op = kinds.World.OpId(3);
        var before = kinds.Get(Replies, new Dictionary<string, string> { ["staffId"] = op }, session);
        var count = before["replies"]!.AsArray().Count;

        var (added, _) = kinds.Post(AddReply, new JsonObject { ["staffId"] = op, ["content"] = "稍等，马上为您查询。" }, session);
        var id = added["replyId"]!.GetValue<string>();
        id.ShouldMatch("^r[0-9]{4,}$");
        var afterAdd = kinds.Get(Replies, new Dictionary<string, string> { ["staffId"] = op }, session)["replies"]!.AsArray();
        afterAdd.Count.ShouldBe(count + 1);
        afterAdd[^1]!["replyId"]!.GetValue<string>().ShouldBe(id, "按sort升序: a new reply is last");
        afterAdd[^1]!["content"]!.GetValue<string>().ShouldBe("稍等，马上为您查询。");
        added["sort"]!.GetValue<long>().ShouldBe(afterAdd[^1]!["sort"]!.GetValue<long>(), "the add answers the place a later read shows");
        added["sort"]!.GetValue<long>().ShouldBe(count + 1);

        var first = before["replies"]!.AsArray().FirstOrDefault()?["replyId"]?.GetValue<string>();
        foreach (var gone in new[] { id, first }.OfType<string>())
        {
            kinds.Post(DeleteReply, new JsonObject { ["staffId"] = op, ["replyId"] = gone }, session);
        }

        var afterDelete = kinds.Get(Replies, new Dictionary<string, string> { ["staffId"] = op }, session)["replies"]!.AsArray();
        afterDelete.Count.ShouldBe(Math.Max(0, count - 1));
        afterDelete.Select(r => r!["replyId"]!.GetValue<string>()).ShouldNotContain(id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tickets_EachWrite_AddsOneEventToTheHistoryLaterReadsShow(bool transfer)
    {
        var session = "history-" + transfer;
        var (creator, handler) = (kinds.World.OpId(11), kinds.World.OpId(12));
        var user = kinds.World.Op(creator).Users.FirstOrDefault() ?? kinds.World.UserId(0);
        var (created, _) = kinds.Post(CreateTicket, new JsonObject
        {
            ["chatId"] = kinds.World.ChatOf(user).ChatId, ["userId"] = user, ["staffId"] = creator, ["type"] = 1, ["title"] = "阿姨未带工具", ["content"] = "需要补送",
        }, session, transfer);
        var id = created["ticketId"]!.GetValue<string>();
        kinds.Post(UpdateTicket, new JsonObject { ["ticketId"] = id, ["staffId"] = handler, ["status"] = 1, ["remark"] = "已联系阿姨" }, session, transfer);

        // Read on the other port: the same session's history, 按时间正序.
        var (detail, _) = kinds.Post(TicketDetail, new JsonObject { ["ticketId"] = id }, session, !transfer);
        var logs = detail["logs"]!.AsArray().Select(l => l!.AsObject()).ToList();
        logs.Select(l => l["action"]!.GetValue<string>()).ShouldBe(["创建", "处理中"]);
        logs[0]["operatorName"]!.GetValue<string>().ShouldBe(kinds.World.Op(creator).Name);
        logs[1]["operatorName"]!.GetValue<string>().ShouldBe(kinds.World.Op(handler).Name, "the OP the update names, as getStaffInfo names it");
        logs[1]["remark"]!.GetValue<string>().ShouldBe("已联系阿姨");
        logs[1]["time"]!.GetValue<string>().ShouldBe(detail["updateTime"]!.GetValue<string>());

        // A generated ticket: its told story up to the write, then the write's event, last.
        var generated = kinds.Post(Tickets, new JsonObject { ["staffId"] = OpWithTickets(), ["pageSize"] = 50 }, session, transfer).Data["tickets"]!.AsArray()
            .Select(t => t!["ticketId"]!.GetValue<string>()).First();
        kinds.Post(UpdateTicket, new JsonObject { ["ticketId"] = generated, ["staffId"] = handler, ["status"] = 3, ["remark"] = "用户撤销" }, session, transfer);
        var (closed, _) = kinds.Post(TicketDetail, new JsonObject { ["ticketId"] = generated }, session, transfer);
        var story = closed["logs"]!.AsArray().Select(l => l!.AsObject()).ToList();
        story[0]["action"]!.GetValue<string>().ShouldBe("创建");
        story[^1]["action"]!.GetValue<string>().ShouldBe("已关闭");
        story[^1]["remark"]!.GetValue<string>().ShouldBe("用户撤销");
        story.Select(l => l["action"]!.GetValue<string>()).ShouldBeUnique();
        var times = story.Select(l => l["time"]!.GetValue<string>()).ToList();
        times.ShouldBe(times.Order(StringComparer.Ordinal).ToList());

        // Another session sees no write.
        var (other, _) = kinds.Post(TicketDetail, new JsonObject { ["ticketId"] = generated }, session + "-other", transfer);
        other["logs"]!.AsArray().Select(l => l!["remark"]?.GetValue<string>()).ShouldNotContain("用户撤销");
    }

    [Fact]
    public void Tickets_OfAnOpOnlyAnExampleShows_AreListedAndFoundById()
    {
        var shown = kinds.World.ShownOwners(EntityKind.Op);
        shown.ShouldNotBeEmpty("the base docs' examples show OPs the world did not generate");

        foreach (var op in shown)
        {
            var (list, page) = kinds.Post(Tickets, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }, "shown");
            var tickets = list["tickets"]!.AsArray().Select(t => t!.AsObject()).ToList();
            tickets.ShouldNotBeEmpty(op);
            page!["totalCount"]!.GetValue<int>().ShouldBe(tickets.Count);
            foreach (var ticket in tickets)
            {
                ticket["handlerId"]!.GetValue<string>().ShouldBe(op);
                // (the OP's name as every route shows it: an example's — 9.1 names the docs' OP 李娜 — else the world's)
                ticket["handlerName"]!.GetValue<string>().ShouldBe(
                    kinds.World.Facts.Of(EntityKind.Op, op)?.GetValueOrDefault(Facts.Key(Attr.Name)) is JsonValue named ? named.GetValue<string>() : kinds.World.Op(op).Name);
                var (detail, _) = kinds.Post(TicketDetail, new JsonObject { ["ticketId"] = ticket["ticketId"]!.GetValue<string>() }, "shown", transfer: true);
                foreach (var (name, value) in ticket)
                {
                    JsonNode.DeepEquals(detail[name], value).ShouldBeTrue($"{name}: list {value?.ToJsonString()}, detail {detail[name]?.ToJsonString()}");
                }
            }
        }
    }

    [Fact]
    public void Evaluations_OrderTheyName_IsAnOrderOfTheirUserOnEveryRoute()
    {
        var op = Enumerable.Range(0, 50).Select(kinds.World.OpId)
            .First(o => kinds.Post(Evaluations, new JsonObject { ["staffId"] = o }, "probe").Data["evaluations"]!.AsArray().Count >= 2);

        var (listed, _) = kinds.Post(Evaluations, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }, "orders");

        foreach (var evaluation in listed["evaluations"]!.AsArray().Select(e => e!.AsObject()))
        {
            var orderId = evaluation["orderId"]!.GetValue<string>();
            var user = evaluation["userId"]!.GetValue<string>();
            var (order, _) = kinds.Post(OrderDetail, new JsonObject { ["orderId"] = orderId }, "orders", transfer: true);
            order["orderId"]!.GetValue<string>().ShouldBe(orderId);
            order["userId"]!.GetValue<string>().ShouldBe(user, "the order of the user who evaluated");
            var (orders, _) = kinds.Post(UserOrders, new JsonObject { ["userId"] = user }, "orders");
            orders["orders"]!.AsArray().Select(o => o!["orderId"]!.GetValue<string>()).ShouldContain(orderId);
        }
    }

    [Fact]
    public void Coupons_OnlyListed_AnswerTheSameOnBothPortsAndInEverySession()
    {
        var user = Enumerable.Range(0, 50).Select(kinds.World.UserId)
            .First(u => kinds.Get(Coupons, new Dictionary<string, string> { ["userId"] = u }, "probe")["couponList"]!.AsArray().Count > 0);

        var direct = kinds.Get(Coupons, new Dictionary<string, string> { ["userId"] = user, ["pageSize"] = "50" }, "coupons-a");
        var (relayed, _) = kinds.Post(Coupons, new JsonObject { ["userId"] = user, ["pageSize"] = 50 }, "coupons-b", transfer: true);

        JsonNode.DeepEquals(direct, relayed).ShouldBeTrue($"{direct.ToJsonString()}\n{relayed.ToJsonString()}");
        direct["couponList"]!.AsArray().ShouldAllBe(c => c!["userId"]!.GetValue<string>() == user);
    }

    [Fact]
    public void Schedules_ItemsNamingTheOpAsTheRequestDoes_AreThatOp()
    {
        var op = kinds.World.OpId(7);

        var (schedules, _) = kinds.Post(Schedules, new JsonObject { ["staffId"] = op }, "schedules");

        schedules["schedules"]!.AsArray().ShouldNotBeEmpty();
        schedules["schedules"]!.AsArray().ShouldAllBe(s => s!["staffId"]!.GetValue<string>() == op && s["dutyOpId"]!.GetValue<string>() == op);
    }

    private string OpWithTickets() =>
        Enumerable.Range(0, 50).Select(kinds.World.OpId).First(op => kinds.Post(Tickets, new JsonObject { ["staffId"] = op }, "probe").Data["tickets"]!.AsArray().Count >= 2);
}
