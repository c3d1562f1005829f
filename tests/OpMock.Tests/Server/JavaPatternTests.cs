using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>
/// The Java WireMock 3.13 client's calls, replayed as the HTTP it sends, against OpMock's direct port: what
/// WireMock.Net answers is answered as WireMock.Net does; what only Java's server has (`verify`'s count, the
/// unmatched requests, `resetAll`, `findAll` by a Java pattern) in the Java client's shape; what OpMock cannot
/// honour (a Java-format stub posted as WireMock.Net's, a `{"mappings": [...]}` import) is refused, naming the keys.
/// </summary>
public sealed class JavaPatternTests : IAsyncLifetime
{
    private const string Stubbed = "00000000-0000-0000-0000-0000000000aa";

    private MockHost host = null!;

    public static TheoryData<string, string, string, string, int, string> Calls() => new()
    {
        { "verify(postRequestedFor(urlPathEqualTo))", "POST", "/__admin/requests/count", $$$"""{"method":"POST","urlPath":"{{{ChatInfo}}}"}""", 200, "\"count\": 2" },
        { "verify(urlEqualTo with query)", "POST", "/__admin/requests/count", $$$"""{"method":"POST","url":"{{{Receives}}}?x=1"}""", 200, "\"count\": 1" },
        { "verify(withRequestBody(equalToJson))", "POST", "/__admin/requests/count",
            $$$"""{"method":"POST","urlPath":"{{{ChatInfo}}}","bodyPatterns":[{"equalToJson":"{\"userId\":\"u1\"}"}]}""", 200, "\"count\": 1" },
        { "verify(anyRequestedFor(urlPathMatching).withHeader(equalTo))", "POST", "/__admin/requests/count",
            """{"method":"ANY","urlPathPattern":"/op/v2/.*","headers":{"X-Team":{"equalTo":"blue"}}}""", 200, "\"count\": 1" },
        { "verify(withRequestBody(containing)) and query param matching", "POST", "/__admin/requests/count",
            $$$"""{"method":"POST","urlPath":"{{{Receives}}}","queryParameters":{"x":{"matches":"[0-9]"}},"bodyPatterns":[{"contains":"o1"}]}""", 200, "\"count\": 1" },
        { "findAll(postRequestedFor(urlPathEqualTo))", "POST", "/__admin/requests/find", $$$"""{"method":"POST","urlPath":"{{{Receives}}}"}""", 200, "\"url\": \"/op/v2/receives?x=1\"" },
        { "findUnmatchedRequests()", "GET", "/__admin/requests/unmatched", "", 200, "\"url\": \"/op/v2/receives?x=1\"" },
        { "verify(withRequestBody(equalToXml)): no WireMock.Net matcher", "POST", "/__admin/requests/count",
            $$$"""{"method":"POST","urlPath":"{{{ChatInfo}}}","bodyPatterns":[{"equalToXml":"<a/>"}]}""", 400, "equalToXml" },
        { "stubFor in the Java format, posted as WireMock.Net's", "POST", "/__admin/mappings",
            $$$"""{"scenarioName":"s","requiredScenarioState":"Started","request":{"method":"POST","url":"{{{ChatInfo}}}"},"response":{"status":200,"body":"x"}}""",
            400, "`request.method`" },
        { "importStubs: a {\"mappings\": [...]} body", "POST", "/__admin/mappings/wiremock.org",
            $$$"""{"mappings":[{"request":{"method":"GET","url":"/x"},"response":{"status":200}}]}""", 400, "`mappings`" },
        { "removeStub(id)", "DELETE", $"/__admin/mappings/{Stubbed}", "", 200, "Mapping removed" },
        { "getAllScenarios()", "GET", "/__admin/scenarios", "", 200, "[" },
        { "resetAllScenarios()", "POST", "/__admin/scenarios/reset", "", 200, "" },
    };

    public async Task InitializeAsync()
    {
        host = await MockHost.StartAsync();
        await host.AddStubAsync($$$"""{"Guid": "{{{Stubbed}}}", "Request": {"Path": "{{{ChatInfo}}}", "Methods": ["POST"]}, "Response": {"Body": "{\"code\":0}"}}""");
        using (await host.PostDirectAsync(ChatInfo, """{"userId":"u1"}"""))
        {
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, host.Server.DirectUrl + ChatInfo) { Content = new StringContent("""{"userId":"u2"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Team", "blue");
        using (await host.Client.SendAsync(request))
        {
        }

        using (await host.PostDirectAsync(Receives, """{"staffId":"o1"}""", query: "?x=1"))
        {
        }
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task JavaClient_Call_AnsweredAsItExpects(string call, string method, string path, string body, int status, string says)
    {
        // Given two requests answered by a stub and one by OpMock (set up above)
        // When the Java client's call is replayed
        using var request = new HttpRequestMessage(new HttpMethod(method), host.Server.DirectUrl + path);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        // Then it gets the status and the answer the client reads
        ((int)response.StatusCode).ShouldBe(status, $"{call}: {text}");
        text.ShouldContain(says, Case.Sensitive, call);
    }

    [Fact]
    public async Task ResetAll_StubsScenariosAndLog_AllGone()
    {
        // When the Java client resets everything
        using var reset = await host.Client.PostAsync(host.Server.DirectUrl + "/__admin/reset", null);

        // Then the stubs and the log are empty, and the route is OpMock's again
        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ArrayAsync("/__admin/mappings")).ShouldBeEmpty();
        (await ArrayAsync("/__admin/requests")).ShouldBeEmpty();
        using var answer = await host.PostDirectAsync(ChatInfo, """{"userId":"u1"}""");
        (await answer.Content.ReadAsStringAsync()).ShouldNotBe("{\"code\":0}");
    }

    private async Task<JsonArray> ArrayAsync(string path) =>
        JsonNode.Parse(await host.Client.GetStringAsync(host.Server.DirectUrl + path))!.AsArray();
}
