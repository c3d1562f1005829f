using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World;
using OpMock.Tests.Support;
using static OpMock.Tests.World.Kinds.KindsWorld;

namespace OpMock.Tests.World.Kinds;

/// <summary>Properties of 2,000 generated entities of each kind, read through their routes of a larger world.</summary>
public sealed class KindPropertyTests(KindsWorld kinds) : IClassFixture<KindsWorld>
{
    [Fact]
    public void Tickets_TwoThousandGenerated_RelationsIdsAndTimesHoldTogether()
    {
        var world = new OpWorld(WorldOptions.Default with { Ops = 400 }, Pins.None, kinds: kinds.World.Kinds);
        var data = new WorldData(world);
        var list = kinds.Engine.State.Direct(Tickets)!.Endpoint;
        var detail = kinds.Engine.State.Direct(TicketDetail)!.Endpoint;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var seen = 0;
        for (var j = 0; j < 400 && seen < 2000; j++)
        {
            var op = world.OpId(j);
            var tickets = data.For(list, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }, null).Data["tickets"]!.AsArray().Select(t => t!.AsObject()).ToList();
            var times = tickets.Select(t => t["createTime"]!.GetValue<string>()).ToList();
            times.ShouldBe(times.OrderDescending(StringComparer.Ordinal).ToList(), "按创建时间倒序");
            foreach (var ticket in tickets)
            {
                seen++;
                var id = ticket["ticketId"]!.GetValue<string>();
                ids.Add(id).ShouldBeTrue($"{id} is listed once");
                ticket["handlerId"]!.GetValue<string>().ShouldBe(op);
                ticket["handlerName"]!.GetValue<string>().ShouldBe(world.Op(op).Name);
                var user = ticket["userId"]!.GetValue<string>();
                user.ShouldStartWith(WorldIds.UserPrefix);
                ticket["userName"]!.GetValue<string>().ShouldBe(world.User(user).UserName);
                // GD + the ticket's creation date + a sequence.
                id.ShouldStartWith("GD" + ticket["createTime"]!.GetValue<string>()[..10].Replace("-", "", StringComparison.Ordinal));
                DateTime.ParseExact(ticket["updateTime"]!.GetValue<string>(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                    .ShouldBeGreaterThanOrEqualTo(DateTime.ParseExact(ticket["createTime"]!.GetValue<string>(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                if (seen % 20 == 0)
                {
                    var shown = data.For(detail, new JsonObject { ["ticketId"] = id }, null).Data;
                    foreach (var (name, value) in ticket)
                    {
                        JsonNode.DeepEquals(shown[name], value).ShouldBeTrue($"{id}.{name}");
                    }
                }
            }
        }

        seen.ShouldBeGreaterThanOrEqualTo(2000);
    }

    [Fact]
    public void Coupons_TwoThousandOnlyListed_AreTheUsersWithLabelsAndExpiryAgreeing()
    {
        var world = new OpWorld(WorldOptions.Default with { Users = 1000 }, Pins.None, kinds: kinds.World.Kinds);
        var data = new WorldData(world);
        var list = kinds.Engine.State.Direct(Coupons)!.Endpoint;
        var labels = new Dictionary<long, string> { [1] = "未使用", [2] = "已使用", [3] = "已过期" };
        var now = world.Options.Anchor;
        var ids = new HashSet<long>();
        var seen = 0;
        for (var j = 0; j < 1000 && seen < 2000; j++)
        {
            var user = world.UserId(j);
            var coupons = data.For(list, new JsonObject { ["userId"] = user, ["pageSize"] = 50 }, null).Data["couponList"]!.AsArray().Select(c => c!.AsObject()).ToList();
            var ends = coupons.Select(c => c["expireTime"]!.GetValue<string>()).ToList();
            ends.ShouldBe(ends.Order(StringComparer.Ordinal).ToList(), "按过期时间升序");
            foreach (var coupon in coupons)
            {
                seen++;
                ids.Add(coupon["couponId"]!.GetValue<long>()).ShouldBeTrue("a coupon is listed once, for one user");
                coupon["userId"]!.GetValue<string>().ShouldBe(user, "the user the request names");
                var state = coupon["state"]!.GetValue<long>();
                coupon["stateDesc"]!.GetValue<string>().ShouldBe(labels[state]);
                var expires = Instant(coupon["expireTime"]);
                expires.ShouldBeGreaterThanOrEqualTo(Instant(coupon["receiveTime"]), "it expires after it was received");
                if (state == 1)
                {
                    expires.ShouldBeGreaterThan(now, "未使用: not expired yet");
                }
                else if (state == 3)
                {
                    expires.ShouldBeLessThanOrEqualTo(now, "已过期: expired");
                }
            }

            if (j % 50 == 0 && coupons.Count > 0)
            {
                // A filter keeps exactly the items of its state: the same coupons the whole list shows in it.
                var expired = data.For(list, new JsonObject { ["userId"] = user, ["state"] = 3, ["pageSize"] = 50 }, null).Data["couponList"]!.AsArray();
                expired.Select(c => c!["couponId"]!.GetValue<long>()).ShouldBe(coupons.Where(c => c["state"]!.GetValue<long>() == 3).Select(c => c["couponId"]!.GetValue<long>()));
            }
        }

        seen.ShouldBeGreaterThanOrEqualTo(2000);
    }

    [Fact]
    public void CardsAndEvaluations_TwoThousandEach_NameTheEntityTheRequestNames()
    {
        var world = new OpWorld(WorldOptions.Default with { Users = 1000, Ops = 400 }, Pins.None, kinds: kinds.World.Kinds);
        var data = new WorldData(world);
        var now = world.Options.Anchor;
        var cards = 0;
        for (var j = 0; j < 1000 && cards < 2000; j++)
        {
            // The request names its user by words (customerId 客户ID), its items by another name (holderId 持卡客户ID).
            var user = world.UserId(j);
            var listed = data.For(kinds.Engine.State.Direct(Cards)!.Endpoint, new JsonObject { ["customerId"] = user }, null).Data["cards"]!.AsArray().Select(c => c!.AsObject()).ToList();
            var ends = listed.Select(c => c["validUntil"]!.GetValue<string>()).ToList();
            ends.ShouldBe(ends.OrderDescending(StringComparer.Ordinal).ToList(), "按有效期倒序");
            foreach (var card in listed)
            {
                cards++;
                card["holderId"]!.GetValue<string>().ShouldBe(user);
                var status = card["cardStatus"]!.GetValue<long>();
                card["cardStatusText"]!.GetValue<string>().ShouldBe(status switch { 0 => "有效", 1 => "已冻结", _ => "已失效" });
                card["cardId"]!.GetValue<string>().ShouldMatch("^MC[0-9]{11,}$");
                if (status != 1)
                {
                    (Instant(card["validUntil"]) > now).ShouldBe(status == 0, $"{card}: 有效 ends ahead, 已失效 behind");
                }
            }
        }

        var evaluations = 0;
        for (var j = 0; j < 400 && evaluations < 2000; j++)
        {
            var op = world.OpId(j);
            var listed = data.For(kinds.Engine.State.Direct(Evaluations)!.Endpoint, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }, null).Data["evaluations"]!.AsArray().Select(c => c!.AsObject()).ToList();
            var times = listed.Select(e => e["evaluateTime"]!.GetValue<string>()).ToList();
            times.ShouldBe(times.OrderDescending(StringComparer.Ordinal).ToList(), "按评价时间倒序");
            foreach (var evaluation in listed)
            {
                evaluations++;
                evaluation["staffId"]!.GetValue<string>().ShouldBe(op, "the OP the request names");
                evaluation["staffName"]!.GetValue<string>().ShouldBe(world.Op(op).Name);
                evaluation["userId"]!.GetValue<string>().ShouldStartWith(WorldIds.UserPrefix);
                evaluation["evaluationId"]!.GetValue<string>().ShouldStartWith("PJ" + evaluation["evaluateTime"]!.GetValue<string>()[..10].Replace("-", "", StringComparison.Ordinal));
            }
        }

        cards.ShouldBeGreaterThanOrEqualTo(2000);
        evaluations.ShouldBeGreaterThanOrEqualTo(2000);
    }

    [Fact]
    public async Task Appointments_TwoThousand_PeopleBesideTheirRelationsAreTheRelatedEntitysOwn()
    {
        // Given appointments (TestDocs/declared 12.9) showing nickName, phone beside userId and staffName beside staffId
        using var temp = new TempFolder();
        var engine = await KindGroupTests.EngineAsync(temp, null);
        var world = new OpWorld(WorldOptions.Default with { Users = 1000, Ops = 400 }, Pins.None, kinds: engine.State.Data.World.Kinds);
        var data = new WorldData(world);
        var endpoint = engine.State.Direct("/op/v2/getStaffAppointments")!.Endpoint;
        var seen = 0;
        for (var j = 0; j < 400 && seen < 2000; j++)
        {
            // When an OP's appointments are listed, for OPs one after another until 2,000 were seen
            var op = world.OpId(j);
            var listed = data.For(endpoint, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }, null).Data["appointments"]!.AsArray();
            foreach (var item in listed.Select(i => i!.AsObject()))
            {
                seen++;
                // Then each person shown is the related entity as getUserInfo/getStaffInfo show it, though no field shares its relation's prefix
                var user = world.User(item["userId"]!.GetValue<string>());
                (item["nickName"]?.GetValue<string>()).ShouldBe(user.NickName, item.ToJsonString());
                item["phone"]!.GetValue<string>().ShouldBe(user.Phone, item.ToJsonString());
                item["staffId"]!.GetValue<string>().ShouldBe(op);
                item["staffName"]!.GetValue<string>().ShouldBe(world.Op(op).Name);
            }
        }

        seen.ShouldBeGreaterThanOrEqualTo(2000);
    }

    private static DateTimeOffset Instant(JsonNode? time) =>
        new(DateTime.ParseExact(time!.GetValue<string>(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), WorldOptions.ChinaOffset);
}
