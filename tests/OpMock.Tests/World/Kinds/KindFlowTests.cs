using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World;
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

        var first = before["replies"]!.AsArray().FirstOrDefault()?["replyId"]?.GetValue<string>();
        foreach (var gone in new[] { id, first }.OfType<string>())
        {
            kinds.Post(DeleteReply, new JsonObject { ["staffId"] = op, ["replyId"] = gone }, session);
        }

        var afterDelete = kinds.Get(Replies, new Dictionary<string, string> { ["staffId"] = op }, session)["replies"]!.AsArray();
        afterDelete.Count.ShouldBe(Math.Max(0, count - 1));
        afterDelete.Select(r => r!["replyId"]!.GetValue<string>()).ShouldNotContain(id);
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

    private string OpWithTickets() =>
        Enumerable.Range(0, 50).Select(kinds.World.OpId).First(op => kinds.Post(Tickets, new JsonObject { ["staffId"] = op }, "probe").Data["tickets"]!.AsArray().Count >= 2);
}
