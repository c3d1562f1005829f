using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// Times line up, over thousands of seeded users: a user registers before their chat and their orders, an order is
/// created, paid and finished in that order, a chat is created before it is closed (and not closed while open), a
/// duration is the difference, a last login is recent, and nothing happens after now.
/// </summary>
[Collection(OrdersCollection.Name)]
public sealed class TimeRulesTests(ListsWorld lists)
{
    private DateTimeOffset Now => lists.World.Options.Anchor;

    [Fact]
    public void Timeline_OrdersOfAThousandUsers_FollowTheirLifeCycleAfterTheUserRegistered()
    {
        var orders = 0;
        var finished = 0;
        for (var i = 0; i < 1000; i++)
        {
            // Given a user's registration (8.3) and orders (8.1), two docs
            var userId = lists.OrderUser(i);
            var registered = Time(Profile(userId)["registerTime"]);
            var list = lists.OrdersOf(userId, 50)["data"]!["orders"]!.AsArray();
            foreach (var order in list.Select(o => o!.AsObject()))
            {
                // Then each order was created after the user registered, paid after, finished after, none after now
                var (created, paid, done) = (Time(order["createTime"]), Time(order["payTime"]), Time(order["finishTime"]));
                created.ShouldBeGreaterThanOrEqualTo(registered, userId);
                paid.ShouldBeGreaterThanOrEqualTo(created);
                done.ShouldBeGreaterThanOrEqualTo(paid);
                done.ShouldBeLessThanOrEqualTo(Now);

                // And its duration is finish − create in the doc's unit (分钟)
                order["duration"]!.GetValue<long>().ShouldBe((long)Math.Floor((done - created).TotalMinutes));
                orders++;
                finished += done > created ? 1 : 0;
            }
        }

        orders.ShouldBeGreaterThan(5000);
        finished.ShouldBeGreaterThan(orders * 9 / 10);
    }

    [Fact]
    public void Timeline_ThreeThousandUsers_RegisteredBeforeTheirChatWhichClosesAfterItStarts()
    {
        var open = 0;
        var closed = 0;
        for (var i = 0; i < 3000; i++)
        {
            // When a user's profile (8.3) is asked for, with its current chat
            var userId = lists.World.UserId(i * 41);
            var profile = Profile(userId);
            var chat = profile["chat"]!.AsObject();
            var registered = Time(profile["registerTime"]);
            var created = Time(chat["createTime"]);

            // Then the user registered before the chat and last logged in within the last two days, after registering
            registered.ShouldBeLessThan(created, userId);
            Time(profile["lastLoginTime"]).ShouldBeInRange(registered > Now.AddDays(-2) ? registered : Now.AddDays(-2), Now);

            // And a chat still open has no close time or duration; a finished one closed after it was created, its duration the difference
            if (chat["status"]!.GetValue<string>() is "1" or "3" or "5")
            {
                chat["closeTime"].ShouldBeNull();
                chat["duration"].ShouldBeNull();
                open++;
            }
            else
            {
                var closes = Time(chat["closeTime"]);
                closes.ShouldBeGreaterThanOrEqualTo(created);
                closes.ShouldBeLessThanOrEqualTo(Now);
                chat["duration"]!.GetValue<long>().ShouldBe((long)(closes - created).TotalSeconds);
                closed++;
            }
        }

        open.ShouldBeGreaterThan(50);
        closed.ShouldBeGreaterThan(2000);
    }

    [Fact]
    public void Timeline_SameUserAskedAgainAndThroughAnotherPage_ShowsTheSameTimes()
    {
        for (var i = 0; i < 200; i++)
        {
            var userId = lists.OrderUser(i);

            // When the same user and orders are asked twice, the orders once whole and once a page at a time
            Profile(userId).ToJsonString().ShouldBe(Profile(userId).ToJsonString());
            var whole = lists.OrdersOf(userId, 50)["data"]!["orders"]!.AsArray();
            var second = lists.Get(ListsWorld.Orders, new Dictionary<string, string> { ["userId"] = userId, ["pageNo"] = "2", ["pageSize"] = "2" })["data"]!["orders"]!.AsArray();

            // Then every time is the same: an order's times are its own, not its page's
            second.Select(o => o!.ToJsonString()).ShouldBe(whole.Skip(2).Take(2).Select(o => o!.ToJsonString()));
        }
    }

    [Fact]
    public void EventTimes_MessagesOfAChat_AreBetweenItsCreationAndNow()
    {
        var messages = 0;
        for (var i = 0; i < 500; i++)
        {
            var chat = lists.World.ChatOf(lists.World.UserId(i * 43));
            var page = lists.Post(ListsWorld.Messages, new JsonObject { ["chatId"] = chat.ChatId, ["pageSize"] = 1000 })["data"]!["messages"]!.AsArray();
            foreach (var message in page)
            {
                Time(message!["sendTime"]).ShouldBeInRange(Whole(chat.CreateTime), Now);
                messages++;
            }
        }

        messages.ShouldBeGreaterThan(500);
    }

    private JsonObject Profile(string userId) => lists.Post(ListsWorld.UserProfile, new JsonObject { ["userId"] = userId })["data"]!.AsObject();

    private static DateTimeOffset Time(JsonNode? node) =>
        new(DateTime.ParseExact(node!.GetValue<string>(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), WorldOptions.ChinaOffset);

    private static DateTimeOffset Whole(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
