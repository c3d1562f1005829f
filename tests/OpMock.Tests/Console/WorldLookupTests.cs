using System.Text.Json.Nodes;
using OpMock.Core.Console;
using OpMock.Core.Json;
using OpMock.Core.Docs;
using OpMock.Core.Server;
using OpMock.Core.World;
using OpMock.Core.World.State;
using OpMock.Tests.Support;

namespace OpMock.Tests.Console;

public sealed class WorldLookupTests
{
    [Fact]
    public async Task Find_AUserOfTheWorld_HowEachRouteShowsItItsChatAndItsOp()
    {
        var state = await StateAsync();
        var world = state.Data.World;
        var id = world.UserId(7);

        var found = new WorldLookup(state, Overlay.Empty).Find(id, null, SessionName.Default, out var problem)!;

        problem.ShouldBeNull();
        found["kind"]!.ToString().ShouldBe("user");
        found["source"]!.ToString().ShouldBe("world");
        found["attributes"]!["userName"]!.ToString().ShouldBe(world.User(id).UserName);
        var chatInfo = Route(found, Routes.ChatInfo);
        chatInfo["asked"]!.ToJsonString().ShouldBe(new JsonObject { ["userId"] = id }.ToJsonString());
        JsonNode.DeepEquals(chatInfo["data"], state.Data.For(state.Direct(Routes.ChatInfo)!.Endpoint, new JsonObject { ["userId"] = id }, null).Data).ShouldBeTrue();
        var chat = world.ChatOf(id);
        Related(found).ShouldBe([("chat", chat.ChatId), ("op", chat.OperatorId)]);
    }

    [Fact]
    public async Task Find_AChatId_TheChatWithItsUserAndOp()
    {
        var state = await StateAsync();
        var world = state.Data.World;
        var chat = world.ChatOf(world.UserId(3));

        var found = new WorldLookup(state, Overlay.Empty).Find(chat.ChatId, null, SessionName.Default, out _)!;

        found["kind"]!.ToString().ShouldBe("chat");
        found["attributes"]!["chatId"]!.ToString().ShouldBe(chat.ChatId);
        Related(found).ShouldBe([("user", chat.UserId), ("op", chat.OperatorId)]);
    }

    [Fact]
    public async Task Find_AnOp_ItsChatsNewestFirstAndTheRoutesAboutIt()
    {
        var state = await StateAsync();
        var world = state.Data.World;
        var op = Enumerable.Range(0, 50).Select(world.OpId).First(o => world.Op(o).Users.Length > 1);

        var found = new WorldLookup(state, Overlay.Empty).Find(op, null, SessionName.Default, out _)!;

        found["kind"]!.ToString().ShouldBe("op");
        found["attributes"]!["isOnline"]!.GetValue<bool>().ShouldBe(world.Op(op).IsOnline);
        Related(found).ShouldBe(world.ChatsOf(world.Op(op)).Select(c => ("chat", c.ChatId)));
        Route(found, Routes.Receives)["asked"]!.ToJsonString().ShouldBe(new JsonObject { ["staffId"] = op }.ToJsonString());
    }

    [Fact]
    public async Task Find_TheSampleUserOfADoc_ShownAsTheExampleShowsIt()
    {
        var state = await StateAsync();
        var userId = DocSample.Params(state.Direct(Routes.ChatInfo)!.Endpoint)!["userId"]!.ToString();

        var found = new WorldLookup(state, Overlay.Empty).Find(userId, null, SessionName.Default, out _)!;

        found["source"]!.ToString().ShouldBe("example");
        Route(found, Routes.ChatInfo)["data"]!["user"]!["userId"]!.ToString().ShouldBe(userId);
    }

    [Fact]
    public async Task Find_TheSampleUserAndOpOfTheDocs_AttributesAreWhatTheRoutesAnswer()
    {
        var state = await StateAsync();
        var userId = DocSample.Params(state.Direct(Routes.ChatInfo)!.Endpoint)!["userId"]!.ToString();
        var token = state.Direct(Routes.Receives)!.Endpoint.Doc.Sample!.Query.First(q => q.Key == "token").Value;

        var user = new WorldLookup(state, Overlay.Empty).Find(userId, null, SessionName.Default, out _)!;
        var op = new WorldLookup(state, Overlay.Empty).Find(token, "op", SessionName.Default, out _)!;

        // Every attribute the panel shows under a name the route's user shows is the route's value (the example's, not the world's record)
        var shown = state.Data.For(state.Direct(Routes.ChatInfo)!.Endpoint, new JsonObject { ["userId"] = userId }, null).Data!["user"]!.AsObject();
        var compared = shown.Where(p => user["attributes"]!.AsObject().ContainsKey(p.Key) && p.Key != "userId").ToList();
        compared.ShouldNotBeEmpty();
        compared.ShouldAllBe(p => JsonNode.DeepEquals(user["attributes"]![p.Key], p.Value));
        foreach (var chat in Route(op, Routes.Receives)["data"]!["chats"]!.AsArray().OfType<JsonObject>().Where(c => c["userId"]!.ToString() == userId))
        {
            user["attributes"]!["nickName"]!.ToJsonString().ShouldBe(chat["nickName"]!.ToJsonString());
        }
    }

    [Theory]
    [InlineData("someone-else", "op", "op")]
    [InlineData("someone-else", "", "user")]
    [InlineData("o0001ffff", null, "op")]
    public async Task Find_AnIdTheWorldDidNotMake_TheKindAskedOrGuessedFromItsShape(string id, string? kind, string expected)
    {
        var found = new WorldLookup(await StateAsync(), Overlay.Empty).Find(id, kind, SessionName.Default, out _)!;

        found["kind"]!.ToString().ShouldBe(expected);
        found["source"]!.ToString().ShouldBe("other");
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("a\u0001b", null)]
    [InlineData("u1", "planet")]
    public async Task Find_NoIdOrNoKind_SaysWhatToGive(string id, string? kind)
    {
        var found = new WorldLookup(await StateAsync(), Overlay.Empty).Find(id, kind, SessionName.Default, out var problem);

        found.ShouldBeNull();
        problem.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Find_TooLongAQuery_SaysWhatToGive()
    {
        (new WorldLookup(await StateAsync(), Overlay.Empty).Find(new string('u', WorldLookup.MaxQuery + 1), null, "s", out var problem)).ShouldBeNull();
        problem!.ShouldContain($"{WorldLookup.MaxQuery} characters");
    }

    [Fact]
    public async Task Find_ASessionChangedTheEntity_ShowsWhatItChangedAndTheRoutesShowTheChange()
    {
        var state = await StateAsync();
        var world = state.Data.World;
        var op = world.OpId(1);
        var online = world.Op(op).IsOnline;
        var overlay = new Overlay(new SessionSnapshot(1, [new Change(Records.Entity(EntityKind.Op), op, "IsOnline", online ? "false" : "true")]));

        var found = new WorldLookup(state, overlay).Find(op, null, "qa-1", out _)!;
        var untouched = new WorldLookup(state, Overlay.Empty).Find(op, null, "qa-1", out _)!;

        OpJson.ToCompactText(found["changes"]).ShouldBe(new JsonObject { ["available"] = true, ["changed"] = new JsonObject { ["IsOnline"] = !online } }.ToJsonString());
        found["attributes"]!["isOnline"]!.GetValue<bool>().ShouldBe(!online);
        OpJson.ToCompactText(untouched["changes"]).ShouldBe("""{"available":true,"changed":null}""");
    }

    private static Task<MockState> StateAsync() => MockState.LoadAsync(TestDocs.Base, TestDocs.BaseOverrides, TestFixtures.Base, seed: null);

    [Fact]
    public async Task Find_ATicketTheDocsDescribe_ItsRelationsAndRoutes()
    {
        using var temp = new TempFolder();
        var state = await MockState.LoadAsync(TestDocs.BaseWithKinds(temp), Path.Combine(temp.Path, "overrides.yaml"), fixtures: null, seed: null);
        var world = state.Data.World;
        var ticket = world.Kinds.Named("ticket")!;
        var one = Enumerable.Range(0, 50).Select(world.OpId).SelectMany(op => world.ThingsOf(ticket, op)).First();

        var found = new WorldLookup(state, Overlay.Empty).Find(one.Id, null, SessionName.Default, out var problem)!;

        problem.ShouldBeNull();
        found["kind"]!.ToString().ShouldBe("ticket");
        found["source"]!.ToString().ShouldBe("world");
        Related(found).ShouldContain(("op", one.OwnerId));
        Route(found, "/op/v2/getTicketDetail")["data"]!["handlerId"]!.ToString().ShouldBe(one.OwnerId);
        var byName = new WorldLookup(state, Overlay.Empty).Find(one.Id, "ticket", SessionName.Default, out _)!;
        byName["kind"]!.ToString().ShouldBe("ticket");
        var opView = new WorldLookup(state, Overlay.Empty).Find(one.OwnerId, null, SessionName.Default, out _)!;
        Related(opView).ShouldContain(("ticket", one.Id));
    }

    private static JsonObject Route(JsonObject found, string route) =>
        found["routes"]!.AsArray().Single(r => r!["route"]!.ToString() == route)!.AsObject();

    private static IEnumerable<(string Kind, string Id)> Related(JsonObject found) =>
        found["related"]!.AsArray().Select(r => (r!["kind"]!.ToString(), r["id"]!.ToString()));
}
