using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// Numbers add up, over thousands of seeded entities and whatever the docs (here the test docs 8.1 to 8.3): totals are
/// sums of their lists, counts the lengths of what they count, maxima at least what they bound, one default address,
/// coordinates in the address's district.
/// </summary>
[Collection(OrdersCollection.Name)]
public sealed class NumberRulesTests(ListsWorld lists)
{
    [Fact]
    public void SumRule_OrdersOfAThousandUsers_AmountsAreLineTotalsAndTheTotalTheirSum()
    {
        var orders = 0;
        for (var i = 0; i < 1000; i++)
        {
            // Given a user's whole order list (8.1) and its first page of 3
            var userId = lists.OrderUser(i);
            var whole = lists.OrdersOf(userId, 50);
            var page = Orders(userId, 3);
            var items = whole["data"]!["orders"]!.AsArray().Select(o => o!.AsObject()).ToList();

            foreach (var order in items)
            {
                // Then an order's amount is Σ quantity × price of its items, in yuan with two decimals, and itemCount counts them
                var lines = order["items"]!.AsArray().Sum(it => it!["quantity"]!.GetValue<decimal>() * it["price"]!.GetValue<decimal>());
                order["amount"]!.GetValue<decimal>().ShouldBe(decimal.Round(lines, 2, MidpointRounding.AwayFromZero), userId);
                order["amount"]!.ToJsonString().ShouldMatch(@"^\d+\.\d{2}$");
                order["itemCount"]!.GetValue<int>().ShouldBe(order["items"]!.AsArray().Count);
                orders++;
            }

            // And totalAmount is Σ the whole list's amounts, on every page; the user's orderCount is the list's length
            var total = items.Sum(o => o["amount"]!.GetValue<decimal>());
            whole["data"]!["totalAmount"]!.GetValue<decimal>().ShouldBe(total);
            page["data"]!["totalAmount"]!.GetValue<decimal>().ShouldBe(total);
            whole["data"]!["orderCount"]!.GetValue<int>().ShouldBe(items.Count);
            whole["page"]!["totalCount"]!.GetValue<int>().ShouldBe(items.Count);
        }

        orders.ShouldBeGreaterThan(5000);
    }

    [Fact]
    public void CountAndMaxRules_TwoThousandOps_ServingIsTheirListAndMaximaAtLeastWhatTheyBound()
    {
        // Given a world of 2,000 OPs over the same docs
        var data = WorldOf(ops: 2000);
        var profile = Endpoint(ListsWorld.OpProfile);
        var receives = Endpoint(Support.Routes.Receives);
        var serving = 0;
        var groups = 0;
        for (var j = 0; j < 2000; j++)
        {
            // When each OP's profile (8.2) and chat list (2.19) are asked for
            var staffId = data.World.OpId(j);
            var op = Answer(data, profile, staffId);
            var chats = Answer(data, receives, staffId)["chats"]!.AsArray();

            // Then servingCount is the length of its list, maxServing at least that, groupCount its groups
            op["servingCount"]!.GetValue<int>().ShouldBe(chats.Count, staffId);
            op["maxServing"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(chats.Count);
            op["groupCount"]!.GetValue<int>().ShouldBe(op["groups"]!.AsArray().Count);
            foreach (var group in op["groups"]!.AsArray())
            {
                group!["maxMembers"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(group["memberCount"]!.GetValue<int>());
                groups++;
            }

            serving += chats.Count;
        }

        // And the counts are the world's, not a constant: OPs serve from none to a dozen chats
        serving.ShouldBeGreaterThan(2000);
        groups.ShouldBeGreaterThan(2000);
    }

    [Fact]
    public void MaxRule_DrawnMaximaBelowTheCurrentValue_AreRaisedNotAllToIt()
    {
        var data = WorldOf(ops: 2000);
        var profile = Endpoint(ListsWorld.OpProfile);
        var full = 0;
        var room = 0;
        for (var j = 0; j < 2000; j++)
        {
            var op = Answer(data, profile, data.World.OpId(j));
            var (max, current) = (op["maxServing"]!.GetValue<int>(), op["servingCount"]!.GetValue<int>());
            full += max == current ? 1 : 0;
            room += max > current ? 1 : 0;
        }

        // Then most OPs have room for another chat, and some are full
        room.ShouldBeGreaterThan(full);
        full.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void DefaultAndGeoRules_ThreeThousandUsers_OneDefaultAddressEachInItsDistrict()
    {
        var withAddresses = 0;
        for (var i = 0; i < 3000; i++)
        {
            // When a user's profile (8.3) is asked for
            var userId = lists.World.UserId(i * 29);
            var addresses = lists.Post(ListsWorld.UserProfile, new JsonObject { ["userId"] = userId })["data"]!["addresses"]!.AsArray();
            if (addresses.Count == 0)
            {
                continue;
            }

            // Then exactly one address is the default, and each lies within ~3 km of the district it names
            withAddresses++;
            addresses.Count(a => a!["isDefault"]!.GetValue<bool>()).ShouldBe(1, userId);
            foreach (var address in addresses)
            {
                var district = ChinaPlaces.Parse(address!["address"]!.GetValue<string>())!.Value.District;
                Math.Abs(address["lat"]!.GetValue<double>() - district.Lat).ShouldBeLessThanOrEqualTo(ChinaPlaces.Radius + 0.0001);
                Math.Abs(address["lng"]!.GetValue<double>() - district.Lng).ShouldBeLessThanOrEqualTo(ChinaPlaces.Radius + 0.0001);
            }
        }

        withAddresses.ShouldBeGreaterThan(1000);
    }

    private JsonObject Orders(string userId, int pageSize) => lists.Get(ListsWorld.Orders, new Dictionary<string, string>
    {
        ["userId"] = userId, ["pageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>The data as a client reads it: written as JSON and read back.</summary>
    private static JsonObject Answer(WorldData data, OpMock.Core.Docs.Endpoint endpoint, string staffId) =>
        JsonNode.Parse(data.For(endpoint, new JsonObject { ["staffId"] = staffId }, null).Data.ToJsonString())!.AsObject();

    private WorldData WorldOf(int ops)
    {
        var state = lists.Engine.State;
        return new WorldData(new OpWorld(state.Fixtures.World with { Ops = ops }, state.Fixtures.Pins, lists.World.Facts), state.Contract);
    }

    private OpMock.Core.Docs.Endpoint Endpoint(string route) => lists.Engine.State.Direct(route)!.Endpoint;
}
