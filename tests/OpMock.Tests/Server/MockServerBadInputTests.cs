using System.Net;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

public sealed class MockServerBadInputTests(SharedMockServer shared) : IClassFixture<SharedMockServer>
{
    private MockHost Host => shared.Host;

    [Theory]
    [InlineData("direct", "/op/v2/getChatInfoByUserId", "{}", "userId")]
    [InlineData("direct", "/op/v2/getChatInfoByUserId", """{"userId":""}""", "userId")]
    [InlineData("direct", "/op/v2/getChatInfoByUserId", """{"userId":42}""", "userId")]
    [InlineData("direct", "/op/v2/getChatInfoByUserId", """{"userId":"u1",""", "not valid JSON")]
    [InlineData("direct", "/op/v2/getChatInfoByUserId", "[1,2]", "JSON object")]
    [InlineData("direct", "/op/v2/receives", """{"staffId":7}""", "staffId")]
    [InlineData("app", "/opapp/transfer", """{"reqUrl":"/op/v2/getChatInfoByUserId"}""", "userId")]
    [InlineData("app", "/opapp/transfer", """{"userId":"u1"}""", "reqUrl")]
    [InlineData("app", "/opapp/transfer", "not json", "not valid JSON")]
    public async Task Post_InvalidRequest_Answers400NamingTheField(string port, string route, string body, string named)
    {
        // When a request breaks its request schema
        var url = (port == "app" ? Host.Server.AppUrl : Host.Server.DirectUrl) + route;
        using var response = await Host.PostAsync(url, body);

        // Then the error envelope names what is wrong, and the default status is 400
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var json = await MockHost.JsonAsync(response);
        json["code"]!.GetValue<int>().ShouldBe(400);
        json["message"]!.GetValue<string>().ShouldContain(named);
        json["message"]!.GetValue<string>().ShouldStartWith("参数错误");
    }

    [Fact]
    public async Task Post_FormContentType_IsRefusedAsNotJson()
    {
        using var response = await Host.PostAsync(Host.Server.DirectUrl + "/op/v2/getChatInfoByUserId", "userId=u1", contentType: "application/x-www-form-urlencoded");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await MockHost.JsonAsync(response))["message"]!.GetValue<string>().ShouldContain("Content-Type must be application/json");
    }

    [Theory]
    [InlineData("http://120.55.94.183:8080/op/v2/getChatInfoByUserId", "absolute URL")]
    [InlineData("//evil.example/op/v2/getChatInfoByUserId", "host")]
    [InlineData("/op/v2/../v2/getChatInfoByUserId", "..")]
    [InlineData("op/v2/getChatInfoByUserId", "starting with /")]
    [InlineData("/op/v2/getChatInfoByUserId%2F", "encoded")]
    [InlineData("/op/v2/notDocumented", "not a documented route")]
    [InlineData("/opapp/transfer", "not a documented route")]
    public async Task Transfer_HostileOrUnknownReqUrl_IsRefusedListingTheRoutes(string reqUrl, string why)
    {
        // When the transfer is asked to relay somewhere it must not go
        using var response = await Host.PostTransferAsync($$"""{"reqUrl":"{{reqUrl}}","userId":"u1"}""");

        // Then it refuses, says why and lists the routes it knows; no outbound request is ever made
        var json = await MockHost.JsonAsync(response);
        ((int)response.StatusCode).ShouldBeInRange(400, 404);
        json["message"]!.GetValue<string>().ShouldContain(why);
        json["data"]!["knownRoutes"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["/op/v2/getChatInfoByUserId", "/op/v2/receives"]);
    }

    [Theory]
    [InlineData("GET", "/op/v2/receives", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", "/op/v2/getChatInfoByUserId", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/op/v2/nothing", HttpStatusCode.NotFound)]
    [InlineData("GET", "/", HttpStatusCode.NotFound)]
    public async Task Request_WrongMethodOrUnknownPath_AnswersJsonError(string method, string path, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Host.Server.DirectUrl + path);
        using var response = await Host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(status);
        var json = await MockHost.JsonAsync(response);
        json["data"]!["knownRoutes"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Server_AfterBadInputs_KeepsServing()
    {
        // Given a burst of broken requests
        foreach (var body in new[] { "", "{", "null", "\"x\"", "{\"userId\":null}" })
        {
            using var _ = await Host.PostDirectAsync("/op/v2/getChatInfoByUserId", body);
        }

        // When a good one follows, then it is answered
        using var response = await Host.PostDirectAsync("/op/v2/getChatInfoByUserId", """{"userId":"u0001x"}""");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
