using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

public sealed class MockServerRoutesTests(SharedMockServer shared) : IClassFixture<SharedMockServer>
{
    private const string DocsUser = "u00012b2e588bd93843168dfb67ae12cc2ee9";
    private const string DocsToken = "o0001403351be22c648efa24c20e842fd7351";

    private MockHost Host => shared.Host;

    [Fact]
    public async Task ChatInfo_DocsSampleUser_ReturnsTheDocumentedDataOnBothRoutes()
    {
        // Given the 2.36 doc's example data
        var documented = ExampleData("get-op-api/2.36.txt");

        // When its sample request is sent to the direct route and through the transfer
        var direct = await MockHost.JsonAsync(await Host.PostDirectAsync(ChatInfo, $$"""{"userId":"{{DocsUser}}"}"""));
        var transfer = await MockHost.JsonAsync(await Host.PostTransferAsync($$"""{"reqUrl":"{{ChatInfo}}","userId":"{{DocsUser}}"}"""));

        // Then both return the documented data (in the present: its instants moved by whole days, its images served)
        var present = new PresentExamples();
        present.Matches(direct["data"], documented).ShouldBeTrue(direct["data"]!.ToJsonString());
        present.Matches(transfer["data"], documented).ShouldBeTrue();
        direct["code"]!.GetValue<int>().ShouldBe(200);
        direct["message"]!.GetValue<string>().ShouldBe("成功");
    }

    [Fact]
    public async Task Receives_DocsToken_ReturnsTheDocumentedListOnBothRoutes()
    {
        // Given the 2.19 doc's example data and its test token
        var documented = ExampleData("get-op-api/2.19.txt");

        // When 2.19 is asked with an empty staffId and that token, directly and through the transfer
        var direct = await MockHost.JsonAsync(await Host.PostDirectAsync(Receives, """{"staffId":""}""", query: "?token=" + DocsToken));
        var transfer = await MockHost.JsonAsync(await Host.PostTransferAsync($$"""{"reqUrl":"{{Receives}}"}""", query: "?token=" + DocsToken));

        // Then the token's OP is the current one and both answer the documented list (in the present, offline)
        var present = new PresentExamples();
        present.Matches(direct["data"], documented).ShouldBeTrue(direct["data"]!.ToJsonString());
        present.Matches(transfer["data"], documented).ShouldBeTrue();
    }

    [Fact]
    public async Task Transfer_ManyUsers_AnswersTheDirectRoutesBytes()
    {
        var world = Host.Server.Engine.State.Data.World;
        for (var i = 0; i < 60; i++)
        {
            // Given a user of the world, and some ids of no world
            var userId = i % 3 == 0 ? "u0001" + i.ToString("x32", CultureInfo.InvariantCulture) : world.UserId(i * 997);

            // When the chat is asked directly and through the transfer
            var direct = await (await Host.PostDirectAsync(ChatInfo, $$"""{"userId":"{{userId}}"}""")).Content.ReadAsByteArrayAsync();
            var transfer = await (await Host.PostTransferAsync($$"""{"reqUrl":"{{ChatInfo}}","userId":"{{userId}}"}""")).Content.ReadAsByteArrayAsync();

            // Then the bytes are the same (the clock is frozen, so foot.operationTime is too), images linked on each port
            MockHost.SameImageHost(transfer).ShouldBe(MockHost.SameImageHost(direct), userId);
        }

        for (var j = 0; j < 20; j++)
        {
            var staffId = world.OpId(j);
            var direct = await (await Host.PostDirectAsync(Receives, $$"""{"staffId":"{{staffId}}"}""")).Content.ReadAsByteArrayAsync();
            var transfer = await (await Host.PostTransferAsync($$"""{"reqUrl":"{{Receives}}","staffId":"{{staffId}}"}""")).Content.ReadAsByteArrayAsync();
            MockHost.SameImageHost(transfer).ShouldBe(MockHost.SameImageHost(direct), staffId);
        }
    }

    [Fact]
    public async Task Receives_EveryListedChat_IsTheChatGetChatInfoReturns()
    {
        var world = Host.Server.Engine.State.Data.World;
        var checkedChats = 0;
        foreach (var staffId in Enumerable.Range(0, 15).Select(world.OpId).Append(DocsToken))
        {
            // Given the chats 2.19 lists for an OP
            var list = await MockHost.JsonAsync(await Host.PostDirectAsync(Receives, $$"""{"staffId":"{{staffId}}"}"""));
            foreach (var chat in list["data"]!["chats"]!.AsArray().Select(c => c!.AsObject()))
            {
                // When 2.36 is asked for each chat's user
                var info = (await MockHost.JsonAsync(await Host.PostDirectAsync(ChatInfo, $$"""{"userId":"{{chat["userId"]}}"}""")))["data"]!;

                // Then it is the same chat: ids, OP, nickname and the same instant in each route's format
                info["chatId"]!.GetValue<string>().ShouldBe(chat["chatId"]!.GetValue<string>());
                info["groupId"]!.GetValue<string>().ShouldBe(chat["groupId"]!.GetValue<string>());
                info["operatorId"]!.GetValue<string>().ShouldBe(staffId);
                (info["user"]!["nickName"]?.GetValue<string>()).ShouldBe(chat["nickName"]?.GetValue<string>());
                var local = DateTime.ParseExact(chat["createTime"]!.GetValue<string>(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                info["createTime"]!.GetValue<long>().ShouldBe(new DateTimeOffset(local, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds());
                checkedChats++;
            }
        }

        checkedChats.ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task Responses_Carry_JsonContentTypeUtf8AndCors()
    {
        // When any route answers
        var response = await Host.PostDirectAsync(ChatInfo, """{"userId":"u0001abc"}""");

        // Then it is UTF-8 JSON with Chinese as text, and browsers may read it
        response.Content.Headers.ContentType!.ToString().Replace(" ", "").ShouldBe("application/json;charset=UTF-8", StringCompareShould.IgnoreCase);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("*");
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"成功\"");
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"operationTime\":\"2026-01-02 11:04:05\"");
    }

    [Fact]
    public async Task Preflight_AnyRoute_IsAnsweredForBrowsers()
    {
        // Given a browser's preflight
        using var request = new HttpRequestMessage(HttpMethod.Options, Host.Server.AppUrl + "/opapp/transfer");
        request.Headers.Add("Origin", "http://localhost:5173");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-opmock-scenario");

        // When it is sent
        using var response = await Host.Client.SendAsync(request);

        // Then it is allowed
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("*");
        response.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldContain("POST");
        response.Headers.GetValues("Access-Control-Allow-Headers").Single().ShouldContain("x-opmock-scenario");
    }

    [Fact]
    public async Task AdminSwagger_Always_AnswersAClearJsonError()
    {
        // When the admin swagger endpoint, which WireMock cannot build beside NJsonSchema 11, is asked for
        using var response = await Host.Client.GetAsync(Host.Server.DirectUrl + "/__admin/mappings/swagger");

        // Then a JSON error says why instead of a MissingMethodException
        response.StatusCode.ShouldBe(HttpStatusCode.NotImplemented);
        var json = await MockHost.JsonAsync(response);
        json["message"]!.GetValue<string>().ShouldContain("not available in OpMock");
    }

    [Fact]
    public async Task AdminMappings_FromLoopback_ListsOnlyTheUsersStubs()
    {
        // When a loopback client asks WireMock's admin API for the mappings
        using var response = await Host.Client.GetAsync(Host.Server.DirectUrl + "/__admin/mappings");

        // Then it answers, and OpMock's routes are none of them: WireMock holds only the user's stubs
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain(ChatInfo);
        text.ShouldNotContain("OpMock");
    }

    private static JsonNode ExampleData(string doc)
    {
        var text = File.ReadAllText(Path.Combine(TestDocs.Base, doc));
        var start = text.IndexOf("```", StringComparison.Ordinal);
        var json = text[(text.IndexOf('{', start))..text.IndexOf("```", start + 3, StringComparison.Ordinal)];
        return OpJson.TryParse(json, out _, out _)!["data"]!;
    }
}
