using System.Globalization;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// Orders read like orders (issue 26.8), over 2,000 users' orders of the list docs' 8.1 (order ids shaped
/// <c>201604021015410017</c>: the order's time and a sequence): one line per item, placed in service hours, and an
/// id that carries the order's own time.
/// </summary>
[Collection(OrdersCollection.Name)]
public sealed class LinesRuleTests(ListsWorld lists)
{
    [Fact]
    public void Orders_TwoThousandUsers_OneLinePerItemInServiceHoursWithTheirTimeInTheirIds()
    {
        var (orders, night, dated) = (0, 0, 0);
        for (var i = 0; i < ListsWorld.OrderUsers; i++)
        {
            // Given a user's orders, all on one page
            var data = lists.OrdersOf(lists.OrderUser(i), 50)["data"]!;
            foreach (var order in data["orders"]!.AsArray())
            {
                // Then each item is one line, with its quantity
                var items = order!["items"]!.AsArray();
                items.Select(item => item!["name"]!.GetValue<string>()).ShouldBeUnique(order.ToJsonString());
                items.ShouldAllBe(item => item!["quantity"]!.GetValue<long>() >= 1);
                order["itemCount"]!.GetValue<long>().ShouldBe(items.Count);

                // And it was placed by day, and its id says when
                var placed = DateTime.ParseExact(order["createTime"]!.GetValue<string>(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                night += placed.Hour < 7 ? 1 : 0;
                var id = order["orderId"]!.GetValue<string>();
                if (id.Length == 18 && id.All(char.IsAsciiDigit))
                {
                    id[..14].ShouldBe(placed.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), order.ToJsonString());
                    dated++;
                }

                orders++;
            }
        }

        orders.ShouldBeGreaterThan(2000);
        ((double)night / orders).ShouldBeLessThanOrEqualTo(0.10);
        dated.ShouldBeGreaterThan(orders / 2);
    }
}
