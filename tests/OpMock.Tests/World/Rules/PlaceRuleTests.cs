using System.Text.Json.Nodes;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// A user's orders take place where the user lives (TestDocs/ledger 31.4): each order's address is one of that user's
/// addresses (with none saved, their chat's) and its city that address's city; one line per item, whose total is its quantity × its price, and an order total that sums them.
/// </summary>
public sealed class PlaceRuleTests(LedgerWorld world) : IClassFixture<LedgerWorld>
{
    [Fact]
    public void Orders_FiveHundredUsers_AtTheirOwnAddressesWithOneLinePerItemThatAddsUp()
    {
        var orders = 0;
        for (var k = 0; k < 500; k++)
        {
            var user = world.World.UserId(k);
            var addresses = world.World.User(user).Addresses.Select(a => a.Address).ToHashSet();
            if (addresses.Count == 0)
            {
                // A user who saved no address is where their chat is.
                addresses.Add(world.World.ChatOf(user).Location.Address);
            }

            var data = world.Post(LedgerWorld.CustomerOrders, new JsonObject { ["userId"] = user, ["pageSize"] = 50 })["data"]!;
            foreach (var order in data["orders"]!.AsArray().OfType<JsonObject>())
            {
                var address = order["serviceAddress"]!.GetValue<string>();
                addresses.ShouldContain(address, user);
                address.ShouldContain(order["city"]!.GetValue<string>());

                var lines = order["lines"]!.AsArray().OfType<JsonObject>().ToList();
                lines.Select(l => l["itemName"]!.GetValue<string>()).ShouldBeUnique(order.ToJsonString());
                lines.ShouldAllBe(l => l["lineAmount"]!.GetValue<decimal>() == l["num"]!.GetValue<decimal>() * l["unitPrice"]!.GetValue<decimal>());
                order["totalFee"]!.GetValue<decimal>().ShouldBe(lines.Sum(l => l["lineAmount"]!.GetValue<decimal>()), order.ToJsonString());
                orders++;
            }
        }

        orders.ShouldBeGreaterThan(500);
    }
}
