using System.Text.Json.Nodes;
using OpMock.Core.World;
using OpMock.Core.World.Catalog;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.World.Consistency;

/// <summary>
/// What the docs' examples show is folded into coherent entities, for every example entity of the test docs (the
/// frozen 2.19 and 2.36 and the list docs 8.1 to 8.4): one status per chat written as each route writes states,
/// coordinates in the address's district, a name that fits the nickname, every chat in service on its OP's list.
/// </summary>
public sealed class ExampleFoldingTests(ListsWorld lists) : IClassFixture<ListsWorld>
{
    private Facts Facts => lists.World.Facts;

    /// <summary>Every chat an example shows (one per user: a user's current chat).</summary>
    private IEnumerable<ChatLinks> ExampleChats => AllChatIds().Select(id => Facts.Chat(id)!).DistinctBy(c => c.UserId);

    [Fact]
    public void Fold_EveryExampleChat_ShowsOneStateWrittenAsEachRouteWritesStates()
    {
        var checkedChats = 0;
        foreach (var chat in ExampleChats)
        {
            // When 2.36 (which writes codes) and its OP's 2.19 (which writes names) show an example chat
            var info = lists.Post(ChatInfo, new JsonObject { ["userId"] = chat.UserId })["data"]!;
            var code = info["status"]!.GetValue<string>();

            // Then 2.36 writes a code, whatever example the chat came from
            code.ShouldMatch("^[0-9]+$", chat.ChatId);
            if (ListOf(info["operatorId"]!.GetValue<string>()).FirstOrDefault(c => c!["chatId"]!.GetValue<string>() == chat.ChatId) is { } listed)
            {
                // And 2.19 writes the same state by its name
                listed["status"]!.GetValue<string>().ShouldBe(ChatStatuses.Find(code)!.Name);
            }

            checkedChats++;
        }

        checkedChats.ShouldBe(ExampleChats.Count());
        checkedChats.ShouldBeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public void Fold_EveryExampleChatInService_IsOnItsOpsList()
    {
        var onLists = 0;
        foreach (var chat in ExampleChats)
        {
            var info = lists.Post(ChatInfo, new JsonObject { ["userId"] = chat.UserId })["data"]!;
            if (info["status"]!.GetValue<string>() != ChatStatuses.Service.Code)
            {
                continue;
            }

            // Then its OP's list (2.19) holds it
            ListOf(info["operatorId"]!.GetValue<string>()).Select(c => c!["chatId"]!.GetValue<string>()).ShouldContain(chat.ChatId);
            onLists++;
        }

        onLists.ShouldBeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public void Fold_EveryExampleChatWithAnAddress_HasCoordinatesInItsDistrictAndItsUserInItsCity()
    {
        var placed = 0;
        foreach (var chat in ExampleChats)
        {
            // When 2.36 shows an example chat whose address names a known district
            var location = lists.Post(ChatInfo, new JsonObject { ["userId"] = chat.UserId })["data"]!["location"]!;
            if (ChinaPlaces.Parse(location["address"]!.GetValue<string>()) is not { } place)
            {
                continue;
            }

            // Then its coordinates lie in that city (given by the example, or placed near the district when it gives none)
            var (lat, lng) = (location["lat"]!.GetValue<double>(), location["lng"]!.GetValue<double>());
            NearestCity(lat, lng).ShouldBe(place.City.Prefix, chat.ChatId);

            // And its user's own addresses are in the same city
            lists.World.User(chat.UserId).Addresses.ShouldAllBe(a => a.Address.StartsWith(place.City.Prefix, StringComparison.Ordinal));
            placed++;
        }

        placed.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public void Fold_ExampleAddressWithoutCoordinates_IsPlacedNearItsDistrict()
    {
        // Given 2.19's first example chat, at 北京市海淀区万泉河路60号 with no coordinates in any example
        var location = lists.Post(ChatInfo, new JsonObject { ["userId"] = "u00013058217037704c358367f6e1fd1da545" })["data"]!["location"]!;

        // Then 2.36 shows the address with coordinates within ~3 km of 海淀区
        var district = ChinaPlaces.Parse("北京市海淀区")!.Value.District;
        location["address"]!.GetValue<string>().ShouldBe("北京市海淀区万泉河路60号");
        Math.Abs(location["lat"]!.GetValue<double>() - district.Lat).ShouldBeLessThanOrEqualTo(ChinaPlaces.Radius + 0.0001);
        Math.Abs(location["lng"]!.GetValue<double>() - district.Lng).ShouldBeLessThanOrEqualTo(ChinaPlaces.Radius + 0.0001);
    }

    [Fact]
    public void Fold_ExampleNicknameWithoutAName_GetsANameItCouldComeFrom()
    {
        // Given 2.19's example user, shown with the nickname 阿洋 and no name
        var user = lists.Post(ChatInfo, new JsonObject { ["userId"] = "u00013058217037704c358367f6e1fd1da545" })["data"]!["user"]!;

        // Then 2.36 shows it with the nickname and a name ending in 洋 after a family name
        user["nickName"]!.GetValue<string>().ShouldBe("阿洋");
        var name = user["userName"]!.GetValue<string>();
        name.ShouldEndWith("洋");
        ChineseNames.Split(name).ShouldNotBeNull(name);
    }

    [Fact]
    public void Fold_OpWhoseExampleServesChats_HasThatManyOnItsList()
    {
        // Given 8.2's example OP, serving 3 chats in its example (and shown in no list)
        const string staffId = "o0001d2c4e6f8a0b1c3d5e7f9a1b3c5d7e9f1";
        var profile = lists.Post(ListsWorld.OpProfile, new JsonObject { ["staffId"] = staffId })["data"]!;

        // Then its 2.19 list has those 3 chats, each in service and back on the OP in 2.36
        var chats = ListOf(staffId);
        chats.Count.ShouldBe(profile["servingCount"]!.GetValue<int>());
        chats.Count.ShouldBe(3);
        foreach (var chat in chats)
        {
            var info = lists.Post(ChatInfo, new JsonObject { ["userId"] = chat!["userId"]!.GetValue<string>() })["data"]!;
            info["operatorId"]!.GetValue<string>().ShouldBe(staffId);
            info["status"]!.GetValue<string>().ShouldBe(ChatStatuses.Service.Code);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fold_PhoneShownByOneDocMaskedByAnother_IsOneNumberOnEveryRoute(bool viaTransfer)
    {
        // Given 26.3 showing a user's phone only and 26.4 another user's masked number only
        const string shownPhone = "u0001c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9", shownMasked = "u0001f0e1d2c3b4a5968778695a4b3c2d1e0f";
        await using var host = await Support.ActionsHost.StartAsync(moreDocs: Support.TestDocs.Present);
        foreach (var session in new[] { "a", "b" })
        {
            // When each doc is asked for the other doc's user, in two sessions
            async Task<JsonNode> AskAsync(string route, string userId) =>
                (await host.CallAsync(route, $$"""{"userId":"{{userId}}"}""", session, viaTransfer))["data"]!;

            // Then the masked number is the phone's, and the phone is one the masked number masks
            (await AskAsync("/op/v2/getUserBadge", shownPhone))["displayPhone"]!.GetValue<string>().ShouldBe("138****2222");
            (await AskAsync("/op/v2/getUserContactCard", shownMasked))["phone"]!.GetValue<string>().ShouldMatch("^188[0-9]{4}6792$");
            (await AskAsync("/op/v2/getUserBadge", shownMasked))["displayPhone"]!.GetValue<string>().ShouldBe("188****6792");
            (await AskAsync("/op/v2/getUserContactCard", shownPhone))["phone"]!.GetValue<string>().ShouldBe("13811112222");
        }
    }

    private static string NearestCity(double lat, double lng) => ChinaPlaces.Cities
        .SelectMany(c => c.Districts.Select(d => (c.Prefix, Distance: ((d.Lat - lat) * (d.Lat - lat)) + ((d.Lng - lng) * (d.Lng - lng)))))
        .MinBy(p => p.Distance).Prefix;

    private JsonArray ListOf(string staffId) => lists.Post(Receives, new JsonObject { ["staffId"] = staffId })["data"]!["chats"]!.AsArray();

    /// <summary>The ids of the chats the test docs' examples show (read from the docs, not listed by hand).</summary>
    private IEnumerable<string> AllChatIds()
    {
        foreach (var endpoint in lists.Engine.State.Contract.Endpoints.Select(e => e.Endpoint).Where(e => e.Doc.Example is not null))
        {
            foreach (var id in ChatIdsIn(JsonNode.Parse(endpoint.Doc.Example!.Text)))
            {
                if (Facts.Chat(id) is not null)
                {
                    yield return id;
                }
            }
        }
    }

    private static IEnumerable<string> ChatIdsIn(JsonNode? node) => node switch
    {
        JsonObject map => map.SelectMany(p => p.Key == "chatId" && p.Value is JsonValue v && v.TryGetValue<string>(out var id) ? [id] : ChatIdsIn(p.Value)),
        JsonArray list => list.SelectMany(ChatIdsIn),
        _ => [],
    };
}
