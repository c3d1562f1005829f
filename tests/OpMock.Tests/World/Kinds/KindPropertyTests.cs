using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World;
using static OpMock.Tests.World.Kinds.KindsWorld;

namespace OpMock.Tests.World.Kinds;

/// <summary>Properties of 2,000 generated tickets, read through their list and detail routes of a larger world.</summary>
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
}
