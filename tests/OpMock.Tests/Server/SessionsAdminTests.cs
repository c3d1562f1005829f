using System.Net;
using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.ActionsHost;

namespace OpMock.Tests.Server;

/// <summary>/__admin/opmock/*: sessions listed, a default scenario per session, reset; under the admin guard.</summary>
public sealed class SessionsAdminTests : IAsyncLifetime
{
    private ActionsHost host = null!;

    public async Task InitializeAsync() => host = await ActionsHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Put_SessionScenario_RunsTheSessionsRequestsUnderItUnlessTheyNameTheirOwn()
    {
        // When session e2e is given the server-error scenario
        using var put = await host.AdminAsync(HttpMethod.Put, "/__admin/opmock/sessions/e2e", """{"scenario": "server-error"}""");

        // Then its requests are answered by it, on both ports; a request's own scenario wins; other sessions are unaffected
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
        (shown["name"]!.GetValue<string>(), shown["scenario"]!.GetValue<string>(), shown["changes"]!.GetValue<int>()).ShouldBe(("e2e", "server-error", 0));
        (await host.SendAsync(Receives, "{}", "e2e")).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await host.SendAsync(Receives, "{}", "e2e", viaTransfer: true)).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        using var own = new HttpRequestMessage(HttpMethod.Post, host.Host.Server.DirectUrl + Receives) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        own.Headers.Add(SessionName.Header, "e2e");
        own.Headers.Add(MockEngine.ScenarioHeader, "empty-lists");
        using var ownAnswer = await host.Host.Client.SendAsync(own);
        ownAnswer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MockHost.JsonAsync(ownAnswer))["data"]!["chats"]!.AsArray().ShouldBeEmpty();
        (await host.SendAsync(Receives, "{}", "other")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // And the listing shows it; clearing it restores normal answers
        var listed = JsonNode.Parse(await (await host.AdminAsync(HttpMethod.Get, "/__admin/opmock/sessions")).Content.ReadAsStringAsync())!["sessions"]!.AsArray();
        listed.ShouldHaveSingleItem()!["scenario"]!.GetValue<string>().ShouldBe("server-error");
        (await host.AdminAsync(HttpMethod.Put, "/__admin/opmock/sessions/e2e", """{"scenario": null}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.SendAsync(Receives, "{}", "e2e")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("PUT", "/__admin/opmock/sessions/e2e", """{"scenario": "nope"}""", 400, "no scenario `nope` in the fixtures")]
    [InlineData("PUT", "/__admin/opmock/sessions/e2e", """{"scenario": 5}""", 400, "the body must be")]
    [InlineData("PUT", "/__admin/opmock/sessions/e2e", "[1]", 400, "the body must be")]
    [InlineData("PUT", "/__admin/opmock/sessions/bad%20name", """{"scenario": null}""", 400, "session: X-OpMock-Session must be")]
    [InlineData("POST", "/__admin/opmock/reset?session=a%2Fb", "", 400, "session: X-OpMock-Session must be")]
    [InlineData("GET", "/__admin/opmock/reset", null, 405, "takes POST, not GET")]
    [InlineData("DELETE", "/__admin/opmock/sessions", null, 405, "takes GET, not DELETE")]
    [InlineData("GET", "/__admin/opmock/nothing", null, 404, "is not an OpMock admin endpoint")]
    public async Task Admin_BadRequest_ClearEnvelopeListingTheEndpoints(string method, string path, string? body, int status, string message)
    {
        using var response = await host.AdminAsync(new HttpMethod(method), path, body);

        ((int)response.StatusCode).ShouldBe(status);
        var answer = await MockHost.JsonAsync(response);
        answer["message"]!.GetValue<string>().ShouldContain(message);
        (answer["data"]!["endpoints"] ?? answer["data"]!["scenarios"]).ShouldNotBeNull();
    }

    [Fact]
    public async Task Admin_FromAnotherOrigin_RefusedByTheGuard()
    {
        // Given a page on another origin calling the reset
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Host.Server.DirectUrl + "/__admin/opmock/reset");
        request.Headers.Add("Origin", "http://evil.example");

        // When it is sent
        using var response = await host.Host.Client.SendAsync(request);

        // Then the admin guard refuses it, as every /__admin path
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Preflight_ApiPath_AllowsTheSessionHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, host.Host.Server.DirectUrl + Receives);
        request.Headers.Add("Origin", "http://localhost:3000");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await host.Host.Client.SendAsync(request);

        response.Headers.GetValues("Access-Control-Allow-Headers").Single().ShouldContain(SessionName.Header);
    }

    [Fact]
    public async Task Request_BadSessionName_IsA400NamingTheHeader()
    {
        using var response = await host.SendAsync(Receives, "{}", "no spaces allowed");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await MockHost.JsonAsync(response))["data"]!["field"]!.GetValue<string>().ShouldBe(SessionName.Header);
    }
}
