using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.World;

/// <summary>One world across every route, measured over many entities: the same user, chat and OP agree wherever they appear.</summary>
public sealed class OneWorldTests(WikiWorld wiki) : IClassFixture<WikiWorld>
{
    private static readonly string[] UserAttributes = ["userId", "userName", "nickName", "phone", "icon", "address"];

    private OpMock.Core.World.OpWorld World => wiki.Host.Server.Engine.State.Data.World;

    [Fact]
    public async Task UserDetail_ThreeHundredUsers_AgreesWithChatInfoUserOnEveryAttribute()
    {
        var agreed = 0;
        for (var i = 0; i < 300; i++)
        {
            // Given a user of the world
            var userId = World.UserId(i * 331);

            // When 5.1 (user detail) and 2.36 (the user's chat) are asked for it
            var detail = await wiki.DataAsync(WikiWorld.UserDetail, new JsonObject { ["userId"] = userId });
            var user = (await wiki.DataAsync(ChatInfo, new JsonObject { ["userId"] = userId }))["user"]!.AsObject();

            // Then every attribute both show is the same
            agreed += UserAttributes.All(a => JsonNode.DeepEquals(detail[a], user[a])) ? 1 : 0;
        }

        agreed.ShouldBe(300);
    }

    [Fact]
    public async Task UserDetail_AttributesNoRecordHas_AreTheSameOnEveryRouteAndRequest()
    {
        for (var i = 0; i < 50; i++)
        {
            // Given a user, asked for directly, through the 5.9 transfer and again
            var userId = World.UserId(i * 17);
            var first = await wiki.DataAsync(WikiWorld.UserDetail, new JsonObject { ["userId"] = userId });
            var relayed = (await MockHost.JsonAsync(await wiki.Host.PostTransferAsync(
                $$"""{"reqUrl":"{{WikiWorld.UserDetail}}","userId":"{{userId}}"}""")))["data"]!;

            // Then gender, level, birthday and registerTime, seeded by the user, do not change
            foreach (var field in new[] { "gender", "level", "birthday", "registerTime" })
            {
                JsonNode.DeepEquals(relayed[field], first[field]).ShouldBeTrue($"{userId} {field}");
            }
        }
    }

    [Fact]
    public async Task Receives_EveryListedChat_AgreesWithChatInfoOnEveryChatAndUserAttribute()
    {
        var chats = 0;
        var agreed = 0;
        for (var j = 0; j < 20; j++)
        {
            // Given the chats 2.19 lists for an OP
            var list = await wiki.DataAsync(Receives, new JsonObject { ["staffId"] = World.OpId(j) });
            foreach (var item in list["chats"]!.AsArray().Select(c => c!.AsObject()))
            {
                // When 2.36 is asked for each chat's user
                var info = await wiki.DataAsync(ChatInfo, new JsonObject { ["userId"] = item["userId"]!.GetValue<string>() });

                // Then the chat's title/subtitle, address/location.address, ids, time and user agree
                chats++;
                var same = Same(item["chatId"], info["chatId"]) && Same(item["groupId"], info["groupId"])
                    && Same(item["title"], info["subtitle"]) && Same(item["address"], info["location"]!["address"])
                    && Same(item["nickName"], info["user"]!["nickName"]) && Same(item["userIcon"], info["user"]!["icon"])
                    && Same(info["operatorId"], World.OpId(j))
                    && Millis(item["createTime"]!) == info["createTime"]!.GetValue<long>();
                agreed += same ? 1 : 0;
            }
        }

        chats.ShouldBeGreaterThan(50);
        agreed.ShouldBe(chats);
    }

    [Fact]
    public async Task ChatPage_EveryItem_AgreesWithReceivesForTheSameChat()
    {
        var chats = 0;
        for (var j = 0; j < 15; j++)
        {
            // Given an OP's chats from 2.19 and from 5.2 (one page holding them all)
            var staffId = World.OpId(j);
            var receives = (await wiki.DataAsync(Receives, new JsonObject { ["staffId"] = staffId }))["chats"]!.AsArray();
            var page = (await wiki.DataAsync(WikiWorld.ChatPage, new JsonObject { ["staffId"] = staffId, ["pageSize"] = 50 }))["chats"]!.AsArray();

            // Then both list the same chats in the same order, with the same attributes
            page.Count.ShouldBe(receives.Count);
            for (var k = 0; k < page.Count; k++)
            {
                foreach (var field in new[] { "chatId", "userId", "nickName", "userIcon", "title", "address", "createTime", "message" })
                {
                    JsonNode.DeepEquals(page[k]![field], receives[k]![field]).ShouldBeTrue($"{staffId} #{k} {field}");
                }

                chats++;
            }
        }

        chats.ShouldBeGreaterThan(30);
    }

    [Fact]
    public async Task ChatMessages_Operator_IsTheChatsOpWithOneNameAndOnlineState()
    {
        var names = new Dictionary<string, string>();
        for (var i = 0; i < 120; i++)
        {
            // Given a chat of the world, found through 2.36
            var userId = World.UserId(i * 13);
            var info = await wiki.DataAsync(ChatInfo, new JsonObject { ["userId"] = userId });
            var chatId = info["chatId"]!.GetValue<string>();
            var staffId = info["operatorId"]!.GetValue<string>();

            // When 5.3 is asked for its messages
            var messages = await wiki.DataAsync(WikiWorld.ChatMessages, new JsonObject { ["chatId"] = chatId });

            // Then the chat is the one asked for, its operator is its OP, with the online state 2.19 shows for that OP
            messages["chatId"]!.GetValue<string>().ShouldBe(chatId);
            messages["operator"]!["staffId"]!.GetValue<string>().ShouldBe(staffId);
            var receives = await wiki.DataAsync(Receives, new JsonObject { ["staffId"] = staffId });
            messages["operator"]!["isOnline"]!.GetValue<bool>().ShouldBe(receives["isOnline"]!.GetValue<bool>());

            // And the OP has one name in every chat it serves
            var name = messages["operator"]!["name"]!.GetValue<string>();
            names.TryAdd(staffId, name);
            names[staffId].ShouldBe(name);
        }

        names.Count.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task Receives_StatusOfEveryListedChat_IsWrittenAsItsExampleWritesIt()
    {
        var listed = 0;
        for (var j = 0; j < 20; j++)
        {
            // Given an OP's list (2.19 writes states by name, "Service", in its example)
            var chats = (await wiki.DataAsync(Receives, new JsonObject { ["staffId"] = World.OpId(j) }))["chats"]!.AsArray();
            foreach (var chat in chats.Select(c => c!.AsObject()))
            {
                listed++;

                // Then each listed chat is "Service" there, and the same chat is "5" in 2.36, which writes codes
                chat["status"]!.GetValue<string>().ShouldBe("Service");
                var info = await wiki.DataAsync(ChatInfo, new JsonObject { ["userId"] = chat["userId"]!.GetValue<string>() });
                info["status"]!.GetValue<string>().ShouldBe("5");
            }
        }

        listed.ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task ChatInfo_ClientType_IsTheClientAppsPlatformForEveryChat()
    {
        for (var i = 0; i < 100; i++)
        {
            // When 2.36 shows a chat
            var info = await wiki.DataAsync(ChatInfo, new JsonObject { ["userId"] = World.UserId(i * 7) });

            // Then clientType is the platform of the client app the chat names (one app, one platform)
            var app = OpMock.Core.World.Catalog.Clients.All.Items.Single(c => c.ClientId == info["client"]!["clientId"]!.GetValue<long>());
            info["clientType"]!.GetValue<long>().ShouldBe(app.ClientType);
            info["client"]!["name"]!.GetValue<string>().ShouldBe(app.Name);
        }
    }

    [Theory]
    [InlineData(WikiWorld.UserDetail, "userId", "userId")]
    [InlineData(WikiWorld.ChatMessages, "chatId", "chatId")]
    [InlineData(ChatInfo, "userId", "user.userId")]
    public async Task AnyRoute_RequestedId_ComesBackWhereTheResponseHasTheField(string route, string field, string path)
    {
        for (var i = 0; i < 40; i++)
        {
            // Given ids of the world and ids of no world
            var id = i % 2 == 0 ? "u0001" + i.ToString("x32", CultureInfo.InvariantCulture) : field == "chatId"
                ? (await wiki.DataAsync(ChatInfo, new JsonObject { ["userId"] = World.UserId(i) }))["chatId"]!.GetValue<string>()
                : World.UserId(i);

            // When a route is asked for it
            JsonNode? data = await wiki.DataAsync(route, new JsonObject { [field] = id });

            // Then the response shows the id asked for
            foreach (var part in path.Split('.'))
            {
                data = data![part];
            }

            data!.GetValue<string>().ShouldBe(id);
        }
    }

    [Fact]
    public async Task ExampleUser_AskedOnAnotherRoute_KeepsItsExampleAttributes()
    {
        // Given the user 5.1's example shows
        const string userId = "u0001248512029e4eb9d971c77e35f37f3506";

        // When 2.36 is asked for that user's chat
        var user = (await wiki.DataAsync(ChatInfo, new JsonObject { ["userId"] = userId }))["user"]!;

        // Then the user has the example's name, nickname, phone, icon and address
        user["userName"]!.GetValue<string>().ShouldBe("周晓东");
        user["nickName"]!.GetValue<string>().ShouldBe("阿东");
        user["phone"]!.GetValue<string>().ShouldBe("13911372208");
        user["icon"]!.GetValue<string>().ShouldEndWith("/__opmock/images/9fcacfbb9a7799ef3053b5bf73a5e2dc.png"); // the example's image, served offline
        user["address"]![0]!["address"]!.GetValue<string>().ShouldBe("北京市朝阳区望京街10号");
    }

    [Fact]
    public async Task ExampleChat_ShownByTwoDocs_IsOneChatWithTheExamplesOp()
    {
        // Given the chat 5.2's example lists for its OP and 5.3's example shows
        const string chatId = "u0001135222409673310901";

        // When 5.3 is asked for it with another limit than the sample's, and 2.36 for its user
        var messages = await wiki.DataAsync(WikiWorld.ChatMessages, new JsonObject { ["chatId"] = chatId, ["limit"] = 5 });
        var info = await wiki.DataAsync(ChatInfo, new JsonObject { ["userId"] = "u0001b747f6f569805c1b2e16c8483e7654d0" });

        // Then both show the examples' chat: its OP, title, address and time
        messages["operator"]!["name"]!.GetValue<string>().ShouldBe("韩梅");
        info["chatId"]!.GetValue<string>().ShouldBe(chatId);
        info["operatorId"]!.GetValue<string>().ShouldBe("o0001c90a1d16c2d48a3f23b38ce5e53058a9");
        info["subtitle"]!.GetValue<string>().ShouldBe("保洁预约");
        info["location"]!["address"]!.GetValue<string>().ShouldBe("北京市海淀区学院路38号");
        info["user"]!["nickName"]!.GetValue<string>().ShouldBe("小燕");
        // (the example's 2016-04-02 10:15:41, moved to the present with every example instant: whole days later, before now)
        new PresentExamples().Matches(info["createTime"], JsonValue.Create(Millis(JsonValue.Create("2016-04-02 10:15:41")))).ShouldBeTrue(info["createTime"]!.ToJsonString());
        info["createTime"]!.GetValue<long>().ShouldBeLessThan(TestClock.Instant.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task ServeCurl_ChatIdInput_NamesAChatOfTheWorld()
    {
        // Given the curl `opmock serve` prints for 5.3
        var curl = OpMock.Core.Server.CurlExamples.For(wiki.Host.Server).First(c => c.Route == WikiWorld.ChatMessages).Curl;
        var chat = World.ChatOf(World.UserId(0));

        // Then it names the chat of the world's first user, whose OP the route shows
        curl.ShouldContain(chat.ChatId);
        var messages = await wiki.DataAsync(WikiWorld.ChatMessages, new JsonObject { ["chatId"] = chat.ChatId });
        messages["operator"]!["staffId"]!.GetValue<string>().ShouldBe(chat.OperatorId);
    }

    private static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    private static bool Same(JsonNode? a, string b) => a?.GetValue<string>() == b;

    private static long Millis(JsonNode text) => new DateTimeOffset(
        DateTime.ParseExact(text.GetValue<string>(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
}
