using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>`/__admin/requests` is OpMock's own log, in WireMock.Net's shape, and lists every request however it was answered.</summary>
public sealed class RequestLogEndpointTests
{
    [Fact]
    public async Task Get_RequestsAnsweredEveryWay_ListsEachOnceOnItsPort()
    {
        // Given a server with a stub on the direct port for one route
        await using var host = await MockHost.StartAsync();
        var stub = await host.AddStubAsync($$$"""{"Request": {"Path": "{{{Receives}}}", "Methods": ["POST"]}, "Response": {"Body": "{\"code\":7}"}}""");

        // When the app calls /op/v2/getChatInfoByUserId five times, and other requests are answered by a stub,
        // a fault, a refusal and the transfer relayed to the stub
        for (var i = 0; i < 5; i++)
        {
            using var _ = await host.PostDirectAsync(ChatInfo, $$"""{"userId":"u0001log{{i}}"}""");
        }

        using (await host.PostDirectAsync(Receives, """{"staffId":"o1"}"""))
        {
        }

        await Should.ThrowAsync<HttpRequestException>(async () =>
        {
            using var _ = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001drop"}""", scenario: "drop-connection");
        });
        var refused = await RawHttp.SendAsync(new Uri(host.Server.DirectUrl), [RawHttp.Head($"POST {ChatInfo} HTTP/1.1", "Host: a..b", "Content-Length: 0")]);
        refused.Status.ShouldBe(400);
        using (await host.PostTransferAsync($$"""{"reqUrl":"{{Receives}}","staffId":"o1"}"""))
        {
        }

        // Then the direct log lists each of them once, with who answered
        var direct = await LogAsync(host, host.Server.DirectUrl);
        direct.Count(e => Path(e) == ChatInfo && Status(e) == 200).ShouldBe(5);
        direct.Single(e => Path(e) == Receives)!["MappingGuid"]!.GetValue<string>().ShouldBe(stub);
        direct.Single(e => Status(e) == 0)["Request"]!["Headers"]![MockEngine.ScenarioHeader]![0]!.GetValue<string>().ShouldBe("drop-connection");
        direct.Single(e => Status(e) == 400)["Response"]!["Body"]!.GetValue<string>().ShouldContain("Host");
        direct.Count.ShouldBe(8);

        // And the transfer is on the app port's log once, answered by the direct port's stub, the hop not logged
        var app = await LogAsync(host, host.Server.AppUrl);
        app.Single()["MappingGuid"]!.GetValue<string>().ShouldBe(stub);
        app.Single()["Response"]!["Body"]!.GetValue<string>().ShouldBe("{\"code\":7}");
    }

    [Fact]
    public async Task Get_OneEntry_InWireMocksShape()
    {
        // Given a request answered by the engine
        await using var host = await MockHost.StartAsync();
        using var _ = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001logged"}""", query: "?token=t1");

        // When the log is read, then the entry has WireMock's fields, and its own URL answers it alone
        var entry = (await LogAsync(host, host.Server.DirectUrl)).Single();
        entry["Request"]!["Method"]!.GetValue<string>().ShouldBe("POST");
        entry["Request"]!["Body"]!.GetValue<string>().ShouldContain("u0001logged");
        entry["Request"]!["Query"]!["token"]![0]!.GetValue<string>().ShouldBe("t1");
        entry["Request"]!["DateTime"]!.GetValue<DateTime>().ShouldBe(TestClock.Instant.UtcDateTime);
        entry["Response"]!["StatusCode"]!.GetValue<int>().ShouldBe(200);
        entry["Response"]!["Body"]!.GetValue<string>().ShouldContain("成功");
        entry["MappingTitle"]!.GetValue<string>().ShouldBe($"OpMock: POST {ChatInfo}");
        var guid = entry["Guid"]!.GetValue<string>();
        var one = JsonNode.Parse(await host.Client.GetStringAsync($"{host.Server.DirectUrl}/__admin/requests/{guid}"))!;
        one["Guid"]!.GetValue<string>().ShouldBe(guid);
    }

    [Theory]
    [InlineData("DELETE", "/__admin/requests/{guid}", 1)]
    [InlineData("DELETE", "/__admin/requests", 0)]
    [InlineData("POST", "/__admin/requests/reset", 0)]
    public async Task Delete_OneOrAll_RemovesThemFromTheLog(string method, string path, int left)
    {
        // Given two logged requests
        await using var host = await MockHost.StartAsync();
        using (await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}"""))
        using (await host.PostDirectAsync(ChatInfo, """{"userId":"u0001b"}"""))
        {
        }

        var guid = (await LogAsync(host, host.Server.DirectUrl))[0]["Guid"]!.GetValue<string>();

        // When one is deleted by its guid, or all are
        using var request = new HttpRequestMessage(new HttpMethod(method), host.Server.DirectUrl + path.Replace("{guid}", guid, StringComparison.Ordinal));
        using var response = await host.Client.SendAsync(request);

        // Then the rest is left
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await LogAsync(host, host.Server.DirectUrl)).Count.ShouldBe(left);
        using var gone = await host.Client.GetAsync($"{host.Server.DirectUrl}/__admin/requests/{guid}");
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, int> Finds => new()
    {
        { $$"""{"Path": "{{Receives}}"}""", 3 },
        { """{"Path": "/op/v2/*"}""", 5 },
        { $$$"""{"Path": {"Matchers": [{"Name": "ExactMatcher", "Pattern": "{{{ChatInfo}}}"}]}}""", 2 },
        { """{"Path": {"Matchers": [{"Name": "RegexMatcher", "Pattern": "^/op/v2/rec.*$"}]}}""", 3 },
        { """{"Path": {"Matchers": [{"Name": "WildcardMatcher", "Pattern": "/OP/V2/*", "IgnoreCase": true}]}}""", 5 },
        { """{"Path": "/op/v2/*", "Methods": ["GET"]}""", 0 },
        { """{"Params": [{"Name": "token", "Matchers": [{"Name": "ExactMatcher", "Pattern": "t9"}]}]}""", 1 },
        { """{"Headers": [{"Name": "X-OpMock-Scenario", "Matchers": [{"Name": "WildcardMatcher", "Pattern": "not-*"}]}]}""", 1 },
        { """{"Body": {"Matcher": {"Name": "WildcardMatcher", "Pattern": "*u0001two*"}}}""", 1 },
    };

    [Theory]
    [MemberData(nameof(Finds))]
    public async Task Find_RequestModel_FindsWhatWireMockWould(string model, int count)
    {
        // Given three calls of one route and two of another
        await using var host = await MockHost.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            using var _ = await host.PostDirectAsync(Receives, """{"staffId":"o1"}""", query: i == 0 ? "?token=t9" : "");
        }

        using (await host.PostDirectAsync(ChatInfo, """{"userId":"u0001one"}""", scenario: "not-logged-in"))
        using (await host.PostDirectAsync(ChatInfo, """{"userId":"u0001two"}"""))
        {
        }

        // When the log is searched with WireMock's request model
        using var response = await host.Client.PostAsync(host.Server.DirectUrl + "/__admin/requests/find", new StringContent(model, Encoding.UTF8, "application/json"));

        // Then it finds as many as WireMock would
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Count.ShouldBe(count);
    }

    [Theory]
    [InlineData("""{"Path": {"Matchers": [{"Name": "LinqMatcher", "Pattern": "x"}]}}""", "LinqMatcher")]
    [InlineData("""{"Path": {"Matchers": [{"Name": "RegexMatcher", "Pattern": "(("}]}}""", "regular expression")]
    [InlineData("""{"Cookies": "sid"}""", "Cookies")]
    [InlineData("""{"Path": """, "not valid JSON")]
    public async Task Find_ModelOpMockCannotRead_Answers400NamingIt(string model, string named)
    {
        await using var host = await MockHost.StartAsync();

        using var response = await host.Client.PostAsync(host.Server.DirectUrl + "/__admin/requests/find", new StringContent(model, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await MockHost.JsonAsync(response))["message"]!.GetValue<string>().ShouldContain(named);
    }

    [Fact]
    public async Task Get_SettingsAskForASmallerLog_KeepsThatManyAndWireMocksStaysOff()
    {
        // Given the log bound lowered to 3 through WireMock's settings
        await using var host = await MockHost.StartAsync();
        using var put = await host.Client.PutAsync(host.Server.DirectUrl + "/__admin/settings", new StringContent("""{"MaxRequestLogCount": 3}""", Encoding.UTF8, "application/json"));
        put.StatusCode.ShouldBe(HttpStatusCode.OK);

        // When ten requests follow
        for (var i = 0; i < 10; i++)
        {
            using var _ = await host.PostDirectAsync(ChatInfo, $$"""{"userId":"u0001n{{i}}"}""");
        }

        // Then the log keeps the last three, and WireMock keeps none of its own
        var log = await LogAsync(host, host.Server.DirectUrl);
        log.Count.ShouldBe(3);
        log[^1]["Request"]!["Body"]!.GetValue<string>().ShouldContain("u0001n9");
        JsonNode.Parse(await host.Client.GetStringAsync(host.Server.DirectUrl + "/__admin/settings"))!["MaxRequestLogCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Get_AdminAlone_ListsTheEndpointsAndTheConsole()
    {
        await using var host = await MockHost.StartAsync();

        var index = JsonNode.Parse(await host.Client.GetStringAsync(host.Server.DirectUrl + "/__admin"))!;

        index["console"]!.GetValue<string>().ShouldBe("/__opmock/");
        index["endpoints"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ShouldContain("/__admin/requests");
    }

    /// <summary>WireMock.Net's admin client (IWireMockAdminApi) calls, as the HTTP it sends: its models serialised whole, unset keys null.</summary>
    public static TheoryData<string, string, string, string, int> DotNetClientCalls() => new()
    {
        { "FindRequestsAsync", "POST", "/__admin/requests/find", Whole(new WireMock.Admin.Mappings.RequestModel { Path = "/op/v2/getChatInfoByUserId", Methods = ["POST"] }), 200 },
        { "GetRequestsAsync", "GET", "/__admin/requests", "", 200 },
        { "FindRequestsByMappingGuidAsync", "GET", "/__admin/requests/find?mappingGuid=00000000-0000-0000-0000-000000000001", "", 200 },
        { "GetMappingsAsync", "GET", "/__admin/mappings", "", 200 },
        { "PostMappingAsync", "POST", "/__admin/mappings",
            Whole(new WireMock.Admin.Mappings.MappingModel { Request = new() { Path = "/op/v2/dotnet", Methods = ["GET"] }, Response = new() { StatusCode = 200, Body = "ok" } }), 201 },
        { "GetScenariosAsync", "GET", "/__admin/scenarios", "", 200 },
        { "ResetScenariosAsync", "POST", "/__admin/scenarios/reset", "", 200 },
        { "DeleteRequestsAsync", "DELETE", "/__admin/requests", "", 200 },
        { "ResetRequestsAsync", "POST", "/__admin/requests/reset", "", 200 },
        { "DeleteMappingsAsync", "DELETE", "/__admin/mappings", "", 200 },
    };

    [Theory]
    [MemberData(nameof(DotNetClientCalls))]
    public async Task DotNetClient_Call_AnsweredAsWireMockNet(string call, string method, string path, string body, int status)
    {
        // Given a server that answered a request
        await using var host = await MockHost.StartAsync();
        using (await host.PostDirectAsync(ChatInfo, """{"userId":"u0001net"}"""))
        {
        }

        // When WireMock.Net's admin client makes the call
        using var request = new HttpRequestMessage(new HttpMethod(method), host.Server.DirectUrl + path);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await host.Client.SendAsync(request);

        // Then it gets WireMock.Net's status (and a find by the whole model finds the request)
        ((int)response.StatusCode).ShouldBe(status, $"{call}: {await response.Content.ReadAsStringAsync()}");
        if (call == "FindRequestsAsync")
        {
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Count.ShouldBe(1);
        }
    }

    // RestEase serialises with Newtonsoft's defaults: every property, null or not.
    private static string Whole(object model) => Newtonsoft.Json.JsonConvert.SerializeObject(model);

    private static async Task<List<JsonNode>> LogAsync(MockHost host, string url) =>
        [.. JsonNode.Parse(await host.Client.GetStringAsync(url + "/__admin/requests"))!.AsArray().Select(e => e!)];

    private static string Path(JsonNode entry) => entry["Request"]!["Path"]!.GetValue<string>();

    private static int Status(JsonNode entry) => entry["Response"]!["StatusCode"]!.GetValue<int>();

}
