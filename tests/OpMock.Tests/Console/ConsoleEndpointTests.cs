using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Console;
using OpMock.Core.Server;
using OpMock.Tests.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Console;

public sealed class ConsoleEndpointTests(SharedMockServer shared) : IClassFixture<SharedMockServer>
{
    private MockHost Host => shared.Host;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Get_PageOnEitherPort_ServedWithAStrictPolicyAndNoCors(bool app)
    {
        var url = (app ? Host.Server.AppUrl : Host.Server.DirectUrl) + "/__opmock/";

        using var response = await Host.Client.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain("<script type=\"module\" src=\"console.js\"></script>");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldStartWith("default-src 'self'; script-src 'self'; style-src 'self'");
        policy.ShouldNotContain("unsafe");
        policy.ShouldContain($"connect-src 'self' http://127.0.0.1:{Host.Server.Port} http://127.0.0.1:{Host.Server.AppPort};");
        policy.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Get_EveryEmbeddedFile_ServedWithItsType()
    {
        ConsoleAssets.Names.ShouldContain("index.html");
        foreach (var name in ConsoleAssets.Names)
        {
            using var response = await Host.Client.GetAsync($"{Host.Server.DirectUrl}/__opmock/{name}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, name);
            response.Content.Headers.ContentType!.MediaType.ShouldBe(Path.GetExtension(name) switch
            {
                ".html" => "text/html",
                ".css" => "text/css",
                ".js" => "text/javascript",
                _ => "image/svg+xml",
            }, name);
        }
    }

    [Fact]
    public async Task Get_Unchanged_AnsweredNotModified()
    {
        using var first = await Host.Client.GetAsync($"{Host.Server.DirectUrl}/__opmock/console.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, $"{Host.Server.DirectUrl}/__opmock/console.js");
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());

        using var response = await Host.Client.SendAsync(again);

        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Theory]
    [InlineData("/__opmock", HttpStatusCode.PermanentRedirect)]
    [InlineData("/__opmock/nothing.js", HttpStatusCode.NotFound)]
    [InlineData("/__opmock/api/nothing", HttpStatusCode.NotFound)]
    [InlineData("/__opmock/api/totals", HttpStatusCode.NotFound)]
    [InlineData("/__opmock/api/changes", HttpStatusCode.NotFound)]
    [InlineData("/__opmock/api/world?q=", HttpStatusCode.BadRequest)]
    [InlineData("/__opmock/api/world?q=u1&kind=planet", HttpStatusCode.BadRequest)]
    [InlineData("/__opmock/api/world?q=u1&session=bad%20name", HttpStatusCode.BadRequest)]
    public async Task Get_ConsolePaths_AnsweredAsTheyShouldBe(string path, HttpStatusCode status)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using var response = await client.GetAsync(Host.Server.DirectUrl + path);

        response.StatusCode.ShouldBe(status);
        if (status == HttpStatusCode.PermanentRedirect)
        {
            response.Headers.Location!.ToString().ShouldBe("/__opmock/");
        }
        else
        {
            (await MockHost.JsonAsync(response))["message"]!.ToString().ShouldNotBeEmpty();
        }
    }

    [Theory]
    [InlineData("Origin", "http://evil.example", "origin")]
    [InlineData("Origin", "http://127.0.0.1:1", "origin")]
    [InlineData("Sec-Fetch-Site", "cross-site", "another site")]
    [InlineData("Host", "attacker.example", "attacker.example")]
    public async Task Get_FromAnotherSiteOrName_Refused(string header, string value, string says)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Host.Server.DirectUrl}/__opmock/api/events");
        if (header == "Host")
        {
            request.Headers.Host = $"{value}:{Host.Server.Port}";
        }
        else
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await Host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain(says);
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        Host.Feed.Clients.ShouldBe(0);
    }

    [Fact]
    public async Task Options_CrossOriginPreflight_RefusedWithoutCors()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"{Host.Server.DirectUrl}/__opmock/api/check");
        request.Headers.TryAddWithoutValidation("Origin", "http://127.0.0.1:3000");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");

        using var response = await Host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        response.Headers.Contains("Access-Control-Allow-Methods").ShouldBeFalse();
    }

    [Fact]
    public async Task Get_WithAdminCredentials_NeedsBasicAuth()
    {
        await using var guarded = await MockHost.StartAsync(adminUsername: "admin", adminPassword: "s3cret");

        using var anonymous = await guarded.Client.GetAsync($"{guarded.Server.DirectUrl}/__opmock/");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{guarded.Server.DirectUrl}/__opmock/");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:s3cret")));
        using var signedIn = await guarded.Client.SendAsync(request);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_Avatars_LeftToTheirOwnEndpoint()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Host.Server.DirectUrl}/__opmock/avatars/{Host.Server.Engine.State.Data.World.UserId(1)}.svg");
        request.Headers.TryAddWithoutValidation("Origin", "http://evil.example");

        using var response = await Host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, "avatars are public images any page loads, not the console");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
    }

    [Fact]
    public async Task Post_Check_ViolationsWithPathExpectedAndFound()
    {
        var body = """{"code":200,"message":"成功","data":{"userId":12345},"page":null,"foot":null}""";

        using var response = await Host.PostAsync($"{Host.Server.DirectUrl}/__opmock/api/check",
            new JsonObject { ["route"] = Routes.ChatInfo, ["status"] = 200, ["body"] = body }.ToJsonString());
        var verdict = await MockHost.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        verdict["ok"]!.GetValue<bool>().ShouldBeFalse();
        var violations = verdict["violations"]!.AsArray();
        violations.ShouldContain(v => v!["path"]!.ToString() == "data.chatId" && v["expected"]!.ToString() == "present" && v["actual"]!.ToString() == "missing");
    }

    [Fact]
    public async Task Post_Check_TheMocksOwnAnswer_Conforms()
    {
        using var answer = await Host.PostDirectAsync(Routes.ChatInfo, """{"userId":"u00012b2e588bd93843168dfb67ae12cc2ee9"}""");

        using var response = await Host.PostAsync($"{Host.Server.DirectUrl}/__opmock/api/check",
            new JsonObject { ["route"] = Routes.TransferRoute, ["reqUrl"] = Routes.ChatInfo, ["status"] = 200, ["body"] = await answer.Content.ReadAsStringAsync() }.ToJsonString());

        var verdict = await MockHost.JsonAsync(response);
        verdict["ok"]!.GetValue<bool>().ShouldBeTrue();
        verdict["label"]!.ToString().ShouldBe($"{Routes.TransferRoute} → {Routes.ChatInfo}");
    }

    [Theory]
    [InlineData("""{"route":"/nowhere","body":"{}"}""", HttpStatusCode.NotFound)]
    [InlineData("""{"route":"/op/v2/receives"}""", HttpStatusCode.BadRequest)]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    public async Task Post_Check_BadAsks_AnsweredClearly(string ask, HttpStatusCode status)
    {
        using var response = await Host.PostAsync($"{Host.Server.DirectUrl}/__opmock/api/check", ask);

        response.StatusCode.ShouldBe(status);
        (await MockHost.JsonAsync(response))["message"]!.ToString().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Get_Events_ARequestAnswered_ArrivesWithItsIdsSessionAndBodies()
    {
        await using var host = await MockHost.StartAsync();
        using var stream = await EventSource.OpenAsync($"{host.Server.DirectUrl}/__opmock/api/events");

        using var request = new HttpRequestMessage(HttpMethod.Post, host.Server.AppUrl + Routes.TransferRoute + "?token=t1")
        {
            Content = new StringContent($$"""{"reqUrl":"{{Routes.ChatInfo}}","userId":"u00012b2e588bd93843168dfb67ae12cc2ee9"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SessionName.Header, "qa-1");
        using var answered = await host.Client.SendAsync(request);
        var row = await stream.NextAsync("exchange");

        row["app"]!.GetValue<bool>().ShouldBeTrue();
        row["port"]!.GetValue<int>().ShouldBe(host.Server.AppPort);
        row["method"]!.ToString().ShouldBe("POST");
        row["path"]!.ToString().ShouldBe(Routes.TransferRoute);
        row["query"]!.ToString().ShouldBe("?token=t1");
        row["reqUrl"]!.ToString().ShouldBe(Routes.ChatInfo);
        row["status"]!.GetValue<int>().ShouldBe(200);
        row["session"]!.ToString().ShouldBe("qa-1");
        row["ids"]!.ToJsonString().ShouldBe("""[{"name":"userId","value":"u00012b2e588bd93843168dfb67ae12cc2ee9"}]""");
        row["request"]!["body"]!.ToString().ShouldContain("\"reqUrl\"");
        row["response"]!["body"]!.ToString().ShouldBe(await answered.Content.ReadAsStringAsync());
        row["latencyMs"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task Get_Events_PastTheClientCap_503UntilOneLeaves()
    {
        await using var host = await MockHost.StartAsync();
        var url = $"{host.Server.DirectUrl}/__opmock/api/events";
        var open = new List<EventSource>();
        try
        {
            for (var n = 0; n < host.Feed.MaxClients; n++)
            {
                open.Add(await EventSource.OpenAsync(url));
            }

            using var refused = await host.Client.GetAsync(url);
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await MockHost.JsonAsync(refused))["message"]!.ToString().ShouldContain($"at most {host.Feed.MaxClients} pages");
        }
        finally
        {
            open.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task DisposeAsync_ServerStops_EventStreamEnds()
    {
        var host = await MockHost.StartAsync();
        using var stream = await EventSource.OpenAsync($"{host.Server.DirectUrl}/__opmock/api/events");

        var stopping = host.DisposeAsync().AsTask();
        var end = await stream.NextAsync("end");
        await stopping;

        end["reason"]!.ToString().ShouldBe("the server is stopping");
    }

    /// <summary>Host, Origin, Sec-Fetch-Site of a request that carries the console's header; whether it is kept out of the live log.</summary>
    [Theory]
    [InlineData("127.0.0.1:8080", null, null, true)]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8080", "same-origin", true)]
    [InlineData("127.0.0.1:8080", null, "same-origin", true)]
    [InlineData("127.0.0.1:8080", "http://evil.example", "cross-site", false)]
    [InlineData("127.0.0.1:8080", "http://localhost:3000", "same-site", false)]
    [InlineData("127.0.0.1:8080", null, "cross-site", false)]
    public void IsOwnTraffic_ConsoleHeaderFromThisOriginOrAnother_HonouredOnlyFromItsOwn(string host, string? origin, string? site, bool hidden)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", host), new(ConsoleEndpoint.OwnHeader, "1") };
        headers.AddRange(origin is null ? [] : [new KeyValuePair<string, string>("Origin", origin)]);
        headers.AddRange(site is null ? [] : [new KeyValuePair<string, string>("Sec-Fetch-Site", site)]);

        ConsoleEndpoint.IsOwnTraffic("/op/v2/sendMessage", [.. headers]).ShouldBe(hidden);
    }
}
