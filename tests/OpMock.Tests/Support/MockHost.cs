using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Server;

namespace OpMock.Tests.Support;

/// <summary>A mock server on ephemeral loopback ports with a client, stopped when the test ends.</summary>
internal sealed class MockHost : IAsyncDisposable
{
    private MockHost(MockServer server, HttpClient client)
    {
        Server = server;
        Client = client;
    }

    public MockServer Server { get; }

    /// <summary>The console's live log: every answered request, for the pages watching.</summary>
    public OpMock.Core.Console.LiveFeed Feed { get; private init; } = null!;

    public HttpClient Client { get; }

    public static Task<MockHost> StartAsync(int? seed = null, string? docs = null, string? fixtures = null, string? overrides = null,
        string? adminUsername = null, string? adminPassword = null) =>
        StartAsync(new MockServerOptions(docs ?? TestDocs.Base, overrides ?? TestDocs.BaseOverrides, fixtures ?? TestFixtures.Base, Port: 0, AppPort: 0,
            Seed: seed, AdminUsername: adminUsername, AdminPassword: adminPassword));

    /// <summary>A mock of one test docs folder alone (no overrides), with the test fixtures.</summary>
    public static Task<MockHost> StartAloneAsync(string docs) =>
        StartAsync(new MockServerOptions(docs, null, TestFixtures.Base, Port: 0, AppPort: 0));

    /// <param name="time">
    /// The server's clock: a <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> frozen at
    /// <see cref="TestClock.Instant"/> unless given; its timers (scenario delays, body deadlines) fire only when a test
    /// moves it (a <see cref="TimerWatchingClock"/> says when they started).
    /// </param>
    public static async Task<MockHost> StartAsync(MockServerOptions options, TimeProvider? time = null)
    {
        // As `opmock serve` runs it: with its console, whose live feed tests watch.
        OpMock.Core.Console.ConsolePart? console = null;
        var server = await MockServer.StartAsync(options with { Parts = [.. options.Parts, seams => console = OpMock.Core.Console.ConsolePart.Attach(seams)] }, time ?? TestClock.Frozen());
        return new MockHost(server, new HttpClient { Timeout = TimeSpan.FromSeconds(10) }) { Feed = console!.Feed };
    }

    public Task<HttpResponseMessage> PostDirectAsync(string route, string body, string? scenario = null, string query = "") =>
        PostAsync(Server.DirectUrl + route + query, body, scenario);

    public Task<HttpResponseMessage> PostTransferAsync(string body, string? scenario = null, string query = "") =>
        PostAsync(Server.AppUrl + "/opapp/transfer" + query, body, scenario);

    public async Task<HttpResponseMessage> PostAsync(string url, string body, string? scenario = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (scenario is not null)
        {
            request.Headers.Add(MockEngine.ScenarioHeader, scenario);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Adds a WireMock stub through the admin API of the port at baseUrl (the direct port when null); its Guid.</summary>
    public async Task<string> AddStubAsync(string mapping, string? baseUrl = null)
    {
        using var response = await Client.PostAsync((baseUrl ?? Server.DirectUrl) + "/__admin/mappings", new StringContent(mapping, Encoding.UTF8, "application/json"));
        Shouldly.ShouldBeTestExtensions.ShouldBe(response.StatusCode, System.Net.HttpStatusCode.Created);
        return (await JsonAsync(response))["Guid"]!.GetValue<string>();
    }

    /// <summary>
    /// The body with the host of its image URLs written HOST: images are linked on the host (and so the port) each
    /// request reached, so the direct and the transfer port, or two servers, differ there and only there.
    /// </summary>
    public static string SameImageHost(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, @"http://[^/""]+/__opmock/avatars/", "http://HOST/__opmock/avatars/");

    public static string SameImageHost(byte[] body) => SameImageHost(Encoding.UTF8.GetString(body));

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
