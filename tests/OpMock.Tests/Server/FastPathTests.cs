using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

public sealed class FastPathTests
{
    // A stub on a path OpMock does not use: WireMock must answer from then on, the same answers.
    private const string UnrelatedStub = """
        {"Request": {"Path": "/stubbed", "Methods": ["GET"]}, "Response": {"StatusCode": 200, "Body": "stubbed"}}
        """;

    /// <summary>Requests of every kind the engine answers: good, bad, unknown, through both ports.</summary>
    public static TheoryData<string, string, string, string> Requests => new()
    {
        { "direct", "POST", ChatInfo, """{"userId":"u0001same"}""" },
        { "direct", "POST", ChatInfo + "?token=o0001aa", """{"userId":"u0001same"}""" },
        { "direct", "POST", "/op/v2/receives", """{"staffId":""}""" },
        { "direct", "POST", ChatInfo, "{\"userId\":\"" },
        { "direct", "POST", ChatInfo, """{"userId":42}""" },
        { "direct", "POST", ChatInfo, "" },
        { "direct", "GET", ChatInfo, "" },
        { "direct", "POST", "/op/v2/nothing", "{}" },
        { "app", "POST", "/opapp/transfer", $$"""{"reqUrl":"{{ChatInfo}}","userId":"u0001same"}""" },
        { "app", "POST", "/opapp/transfer", """{"reqUrl":"/op/v2/nothing"}""" },
        { "app", "POST", "/opapp/transfer", """{"reqUrl":"http://evil.example/op/v2/receives"}""" },
        { "app", "POST", "/op/v2/receives", "{}" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task TryAnswer_AheadOfWireMockOrThroughIt_SameStatusHeadersAndBytes(string port, string method, string path, string body)
    {
        // Given a server whose clock is frozen
        await using var host = await MockHost.StartAsync();
        var url = (port == "app" ? host.Server.AppUrl : host.Server.DirectUrl) + path;

        // When the request is answered ahead of WireMock, then again once an admin stub makes WireMock answer
        var ahead = await SendAsync(host, method, url, body);
        host.Server.AnsweredAhead.ShouldBe(1);
        await AddStubAsync(host, port == "app" ? host.Server.AppUrl : host.Server.DirectUrl, UnrelatedStub);
        var through = await SendAsync(host, method, url, body);

        // Then WireMock answered the second, and both answers are the same
        host.Server.AnsweredAhead.ShouldBe(1);
        through.Status.ShouldBe(ahead.Status);
        through.ContentType.ShouldBe(ahead.ContentType);
        through.Cors.ShouldBe(ahead.Cors);
        Encoding.UTF8.GetString(through.Body).ShouldBe(Encoding.UTF8.GetString(ahead.Body));
    }

    [Fact]
    public async Task TryAnswer_AdminStubOnADocumentedRoute_TakesPrecedenceUntilRemoved()
    {
        // Given an ad-hoc stub for a documented route, added through the admin API
        await using var host = await MockHost.StartAsync();
        var guid = await AddStubAsync(host, host.Server.DirectUrl, $$"""
            {"Priority": 1, "Request": {"Path": "{{ChatInfo}}", "Methods": ["POST"]},
             "Response": {"StatusCode": 200, "Headers": {"Content-Type": "application/json"}, "Body": "{\"code\":999}"}
            }
            """);

        // When the route is asked, then the stub answers
        var stubbed = await MockHost.JsonAsync(await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}"""));
        stubbed["code"]!.GetValue<int>().ShouldBe(999);
        host.Server.AnsweredAhead.ShouldBe(0);

        // And once the stub is deleted, the engine answers ahead of WireMock again
        using var deleted = await host.Client.DeleteAsync($"{host.Server.DirectUrl}/__admin/mappings/{guid}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var normal = await MockHost.JsonAsync(await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}"""));
        normal["code"]!.GetValue<int>().ShouldBe(200);
        host.Server.AnsweredAhead.ShouldBe(1);
    }

    [Fact]
    public async Task TryAnswer_OneOfOpMocksMappingsReplaced_WireMockAnswersWithTheReplacement()
    {
        // Given OpMock's own mapping for a route, replaced through the admin API under the same guid
        await using var host = await MockHost.StartAsync();
        var mappings = JsonNode.Parse(await host.Client.GetStringAsync(host.Server.DirectUrl + "/__admin/mappings"))!.AsArray();
        var guid = mappings.Single(m => m!["Title"]?.GetValue<string>() == $"OpMock: POST {ChatInfo}")!["Guid"]!.GetValue<string>();
        using var put = await host.Client.PutAsync($"{host.Server.DirectUrl}/__admin/mappings/{guid}", Json($$"""
            {"Request": {"Path": "{{ChatInfo}}", "Methods": ["POST"]}, "Response": {"StatusCode": 202, "Body": "replaced"}
            }
            """));
        put.IsSuccessStatusCode.ShouldBeTrue();

        // When the route is asked, then the replacement answers
        using var response = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""");
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await response.Content.ReadAsStringAsync()).ShouldBe("replaced");
        host.Server.AnsweredAhead.ShouldBe(0);
    }

    [Fact]
    public async Task TryAnswer_AdminSettingsChanged_StandsAsideForGood()
    {
        // Given WireMock's settings changed through the admin API (a global delay, say)
        await using var host = await MockHost.StartAsync();
        using var put = await host.Client.PutAsync(host.Server.DirectUrl + "/__admin/settings", Json("""{"GlobalProcessingDelay": 1}"""));
        put.IsSuccessStatusCode.ShouldBeTrue();

        // When a route is asked, then WireMock answers it, with the engine's answer
        var json = await MockHost.JsonAsync(await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}"""));
        json["code"]!.GetValue<int>().ShouldBe(200);
        host.Server.AnsweredAhead.ShouldBe(0);
    }

    [Fact]
    public async Task TryAnswer_ScenarioHeader_HandsTheRequestToWireMock()
    {
        await using var host = await MockHost.StartAsync();

        using var response = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""", scenario: "server-error");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        host.Server.AnsweredAhead.ShouldBe(0);
    }

    [Fact]
    public async Task TryAnswer_ScenarioMatchedByFields_AppliesWithoutAHeader()
    {
        // Given scenarios chosen by request fields, one of each kind
        using var temp = new TempFolder();
        temp.Write("fixtures/s.yaml", """
            scenarios:
              vip: {match: {userId: u0001vip}, message: 特殊用户}
              gone: {match: {userId: u0001gone}, fault: drop-connection}
              blank: {match: {userId: u0001blank}, fault: empty-response}
            """);
        await using var host = await MockHost.StartAsync(fixtures: Path.Combine(temp.Path, "fixtures"));

        // When each is asked, then the envelope changes, the connection drops, the body is empty
        var vip = await MockHost.JsonAsync(await host.PostDirectAsync(ChatInfo, """{"userId":"u0001vip"}"""));
        vip["message"]!.GetValue<string>().ShouldBe("特殊用户");
        await Should.ThrowAsync<HttpRequestException>(async () =>
        {
            using var _ = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001gone"}""");
        });
        using var blank = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001blank"}""");
        (await blank.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();

        // And the server keeps serving
        using var next = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""");
        next.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<(HttpStatusCode Status, string? ContentType, string? Cors, byte[] Body)> SendAsync(MockHost host, string method, string url, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await host.Client.SendAsync(request);
        var cors = response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? string.Join(",", values) : null;
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), cors, await response.Content.ReadAsByteArrayAsync());
    }

    private static async Task<string> AddStubAsync(MockHost host, string baseUrl, string mapping)
    {
        using var response = await host.Client.PostAsync(baseUrl + "/__admin/mappings", Json(mapping));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await MockHost.JsonAsync(response))["Guid"]!.GetValue<string>();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
