using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>
/// One answer path: the same request gets the same bytes and the same transport behaviour whatever the admin API
/// did before (issue 17): each scenario by header and by match, each fault, a delay, an error envelope, a plain
/// answer, on both ports, before and after each admin change.
/// </summary>
public sealed class PipelineTests
{
    private const string Scenarios = """
        scenarios:
          quick: {delay: 3}
          by-match-error: {match: {userId: u0001matcherr}, code: 500, message: 服务器内部错误, status: 500, data: null}
          by-match-empty: {match: {userId: u0001matchempty}, fault: empty-response}
          by-match-chunk: {match: {userId: u0001matchchunk}, fault: malformed-chunk}
          by-match-drop: {match: {userId: u0001matchdrop}, fault: drop-connection}
          by-token: {match: {token: t-offline}, offline: true, message: 已下线}
        """;

    /// <summary>The `quick` scenario's delay.</summary>
    private static readonly TimeSpan QuickDelay = TimeSpan.FromMilliseconds(3);

    /// <summary>Requests of every kind the engine answers: (body's userId or whole body, scenario header, query).</summary>
    private static readonly ImmutableDictionary<string, (string Body, string? Scenario, string Query)> Cases = new Dictionary<string, (string, string?, string)>
    {
        ["plain answer"] = ("""{"userId":"u0001plain"}""", null, ""),
        ["plain answer with a token"] = ("""{"userId":"u0001plain"}""", null, "?token=o0001aa"),
        ["error envelope"] = ("""{"userId":42}""", null, ""),
        ["unknown scenario"] = ("""{"userId":"u0001plain"}""", "no-such", ""),
        ["header: server-error"] = ("""{"userId":"u0001h"}""", "server-error", ""),
        ["header: not-logged-in"] = ("""{"userId":"u0001h"}""", "not-logged-in", ""),
        ["header: empty-lists"] = ("""{"userId":"u0001h"}""", "empty-lists", ""),
        ["header: offline"] = ("""{"userId":"u0001h"}""", "offline", ""),
        ["header: delay"] = ("""{"userId":"u0001h"}""", "quick", ""),
        ["header: empty-response"] = ("""{"userId":"u0001h"}""", "empty-response", ""),
        ["header: malformed-chunk"] = ("""{"userId":"u0001h"}""", "malformed-chunk", ""),
        ["header: drop-connection"] = ("""{"userId":"u0001h"}""", "drop-connection", ""),
        ["match: error"] = ("""{"userId":"u0001matcherr"}""", null, ""),
        ["match: empty-response"] = ("""{"userId":"u0001matchempty"}""", null, ""),
        ["match: malformed-chunk"] = ("""{"userId":"u0001matchchunk"}""", null, ""),
        ["match: drop-connection"] = ("""{"userId":"u0001matchdrop"}""", null, ""),
        ["match: query token"] = ("""{"userId":"u0001plain"}""", null, "?token=t-offline"),
    }.ToImmutableDictionary();

    /// <summary>What the admin API (or a reload) did before the requests are sent again.</summary>
    private static readonly ImmutableDictionary<string, Func<MockHost, Task>> AdminStates = new Dictionary<string, Func<MockHost, Task>>
    {
        ["an unrelated stub"] = async host =>
        {
            await host.AddStubAsync("""{"Request": {"Path": "/elsewhere", "Methods": ["GET"]}, "Response": {"Body": "elsewhere"}}""", host.Server.DirectUrl);
            await host.AddStubAsync("""{"Request": {"Path": "/elsewhere", "Methods": ["GET"]}, "Response": {"Body": "elsewhere"}}""", host.Server.AppUrl);
        },
        ["a stub on the route, removed again"] = async host =>
        {
            foreach (var url in new[] { host.Server.DirectUrl, host.Server.AppUrl })
            {
                var guid = await host.AddStubAsync($$$"""{"Priority": 1, "Request": {"Path": "{{{ChatInfo}}}", "Methods": ["POST"]}, "Response": {"Body": "stubbed"}}""", url);
                using var deleted = await host.Client.DeleteAsync($"{url}/__admin/mappings/{guid}");
                deleted.StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        },
        ["settings that keep OpMock's bounds"] = async host =>
        {
            foreach (var url in new[] { host.Server.DirectUrl, host.Server.AppUrl })
            {
                using var put = await host.Client.PutAsync(url + "/__admin/settings", Json("""{"AllowPartialMapping": true, "GlobalProcessingDelay": 1}"""));
                put.StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        },
        ["a reload (--watch)"] = host => host.Server.ReloadAsync(),
        ["all of them"] = async host =>
        {
            foreach (var state in new[] { "an unrelated stub", "a stub on the route, removed again", "settings that keep OpMock's bounds", "a reload (--watch)" })
            {
                await AdminStates![state](host);
            }
        },
    }.ToImmutableDictionary();

    public static TheoryData<string> States => [.. AdminStates.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(States))]
    public async Task Send_AfterAnAdminChange_SameStatusHeadersBytesAndTransportBehaviour(string state)
    {
        // Given a server with scenarios by header and by match
        using var temp = new TempFolder();
        File.Copy(Path.Combine(TestFixtures.Base, "scenarios.yaml"), Path.Combine(temp.Write("fixtures/world.yaml", File.ReadAllText(Path.Combine(TestFixtures.Base, "world.yaml")))[..^"world.yaml".Length], "scenarios.yaml"));
        temp.Write("fixtures/zz-pipeline.yaml", Scenarios);
        var clock = new TimerWatchingClock(TestClock.Instant);
        await using var host = await MockHost.StartAsync(new MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, Path.Combine(temp.Path, "fixtures"), Port: 0, AppPort: 0), clock);

        // When every case is sent on both ports, then again after the admin change
        var before = await SendAllAsync(host, clock);
        await AdminStates[state](host);
        var after = await SendAllAsync(host, clock);

        // Then each answer is the same, byte for byte, transport errors included
        foreach (var (name, answer) in before)
        {
            after[name].ShouldBe(answer, name);
        }

        // And the faults did what they say (the table compares like with like, not nothing with nothing)
        before["direct header: drop-connection"].ShouldBe("");
        before["app match: drop-connection"].ShouldBe("");
        before["direct match: malformed-chunk"].ShouldStartWith("HTTP/1.1 200");
        before["direct match: malformed-chunk"].ShouldNotContain("Content-Length", Case.Insensitive);
        before["app header: empty-response"].ShouldContain("Content-Length: 0");
        before["direct match: error"].ShouldStartWith("HTTP/1.1 500");
        before["app match: query token"].ShouldContain("已下线");
    }

    [Fact]
    public async Task Send_DelayScenario_WaitsOnTheServersClock()
    {
        // Given a server on a fake clock, with a scenario that waits a minute
        using var temp = new TempFolder();
        temp.Write("fixtures/s.yaml", "scenarios:\n  minute: {delay: 60000}\n");
        var clock = new TimerWatchingClock(TestClock.Instant);
        await using var server = await MockServer.StartAsync(new MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, Path.Combine(temp.Path, "fixtures"), Port: 0, AppPort: 0), clock);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // When the request is sent, the server waits on its own clock (awaited, bounded): a second short of the
        // minute, nothing is answered
        using var request = new HttpRequestMessage(HttpMethod.Post, server.DirectUrl + ChatInfo) { Content = Json("""{"userId":"u0001slow"}""") };
        request.Headers.Add(MockEngine.ScenarioHeader, "minute");
        var sending = client.SendAsync(request);
        await clock.TimerStartedAsync(TimeSpan.FromMinutes(1)).WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(59));
        sending.IsCompleted.ShouldBeFalse();

        // Then it is answered once the server's clock passed the minute
        clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(30));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Send_StubOnADocumentedRoute_TakesPrecedenceOnBothPortsUntilRemoved()
    {
        // Given an ad-hoc stub for a documented route on the direct port
        await using var host = await MockHost.StartAsync();
        var guid = await host.AddStubAsync($$$"""
            {"Priority": 1, "Request": {"Path": "{{{ChatInfo}}}", "Methods": ["POST"]},
             "Response": {"StatusCode": 200, "Headers": {"Content-Type": "application/json"}, "Body": "{\"code\":999}"}}
            """, host.Server.DirectUrl);

        // When the route is asked directly and through the transfer, then the stub answers both
        (await CodeAsync(host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}"""))).ShouldBe(999);
        (await CodeAsync(host.PostTransferAsync($$"""{"reqUrl":"{{ChatInfo}}","userId":"u0001a"}"""))).ShouldBe(999);

        // And once it is deleted, the engine answers both again
        using var deleted = await host.Client.DeleteAsync($"{host.Server.DirectUrl}/__admin/mappings/{guid}");
        (await CodeAsync(host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}"""))).ShouldBe(200);
        (await CodeAsync(host.PostTransferAsync($$"""{"reqUrl":"{{ChatInfo}}","userId":"u0001a"}"""))).ShouldBe(200);
    }

    [Fact]
    public async Task Send_StubWithAWireMockScenario_MovesThroughItsStates()
    {
        // Given two stubs of one WireMock scenario: the first answer moves it to the second state
        await using var host = await MockHost.StartAsync();
        await host.AddStubAsync("""
            {"Scenario": "login", "SetStateTo": "in", "Request": {"Path": "/login", "Methods": ["GET"]}, "Response": {"Body": "first"}}
            """, host.Server.DirectUrl);
        await host.AddStubAsync("""
            {"Scenario": "login", "WhenStateIs": "in", "Request": {"Path": "/login", "Methods": ["GET"]}, "Response": {"Body": "second"}}
            """, host.Server.DirectUrl);

        // When it is asked twice, then each state answers in turn
        (await host.Client.GetStringAsync(host.Server.DirectUrl + "/login")).ShouldBe("first");
        (await host.Client.GetStringAsync(host.Server.DirectUrl + "/login")).ShouldBe("second");
    }

    [Fact]
    public async Task Send_StubMatchingOnQueryParams_WireMockDecidesAndOpMockAnswersTheRest()
    {
        // Given a stub that matches a query parameter (a matcher only WireMock itself can run)
        await using var host = await MockHost.StartAsync();
        await host.AddStubAsync($$$"""
            {"Request": {"Path": "{{{ChatInfo}}}", "Methods": ["POST"], "Params": [{"Name": "token", "Matchers": [{"Name": "ExactMatcher", "Pattern": "stubbed"}]}]},
             "Response": {"Headers": {"Content-Type": "application/json"}, "Body": "{\"code\":998}"}}
            """, host.Server.DirectUrl);

        // When the route is asked with that parameter and with another, then the stub answers the first only
        (await CodeAsync(host.PostDirectAsync(ChatInfo, """{"userId":"u0001q"}""", query: "?token=stubbed"))).ShouldBe(998);
        (await CodeAsync(host.PostDirectAsync(ChatInfo, """{"userId":"u0001q"}""", query: "?token=other"))).ShouldBe(200);
    }

    [Fact]
    public async Task Send_SessionWithADefaultScenario_AnswersWithItUnlessTheHeaderNamesAnother()
    {
        // Given a session whose default scenario is not-logged-in (the sessions admin API, through the pipeline's registry)
        await using var host = await MockHost.StartAsync();
        using var put = await host.Client.PutAsync(host.Server.DirectUrl + "/__admin/opmock/sessions/slowpoke", Json("""{"scenario": "not-logged-in"}"""));
        put.StatusCode.ShouldBe(HttpStatusCode.OK);

        async Task<int> CodeForAsync(string session, string? scenario)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, host.Server.DirectUrl + ChatInfo) { Content = Json("""{"userId":"u0001d"}""") };
            request.Headers.TryAddWithoutValidation(SessionName.Header, session);
            if (scenario is not null)
            {
                request.Headers.Add(MockEngine.ScenarioHeader, scenario);
            }

            using var response = await host.Client.SendAsync(request);
            return (await MockHost.JsonAsync(response))["code"]!.GetValue<int>();
        }

        // Then that session gets its default, another does not, the header wins, and a bad session name is a 400
        (await CodeForAsync("slowpoke", null)).ShouldBe(401);
        (await CodeForAsync("other", null)).ShouldBe(200);
        (await CodeForAsync("slowpoke", "server-error")).ShouldBe(500);
        (await CodeForAsync("not a session!", null)).ShouldBe(400);
    }

    /// <summary>Each case on both ports: the raw answer (Date aside), or "" when the connection closed without one.</summary>
    /// <summary>Each case on both ports, one at a time; the delay case's wait passed on the server's clock once it started.</summary>
    private static async Task<Dictionary<string, string>> SendAllAsync(MockHost host, TimerWatchingClock clock)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, (body, scenario, query)) in Cases.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            foreach (var port in new[] { "direct", "app" })
            {
                var server = new Uri(port == "app" ? host.Server.AppUrl : host.Server.DirectUrl);
                var path = (port == "app" ? TransferRoute : ChatInfo) + query;
                var bytes = Encoding.UTF8.GetBytes(port == "app" ? body.Insert(1, $"\"reqUrl\":\"{ChatInfo}\",") : body);
                string[] headers = [$"Host: {server.Authority}", "Content-Type: application/json", $"Content-Length: {bytes.Length}"];
                var mark = clock.TimersStarted;
                var sending = RawHttp.SendAsync(server, [RawHttp.Head($"POST {path} HTTP/1.1", [.. headers, .. scenario is null ? Array.Empty<string>() : [$"{MockEngine.ScenarioHeader}: {scenario}"]]), bytes]);
                if (scenario == "quick")
                {
                    await Task.WhenAny(clock.TimerStartedAsync(QuickDelay, mark), sending).WaitAsync(TimeSpan.FromSeconds(30));
                    clock.Advance(QuickDelay);
                }

                var answer = await sending;
                var head = string.Join("\r\n", answer.Head.Split("\r\n").Where(l => !l.StartsWith("Date:", StringComparison.OrdinalIgnoreCase)));
                answers[$"{port} {name}"] = answer.Status == 0 && answer.Head.Length == 0 ? "" : head + "\r\n\r\n" + answer.Body;
            }
        }

        return answers;
    }

    private static async Task<int> CodeAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return (await MockHost.JsonAsync(response))["code"]!.GetValue<int>();
    }


    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Stages_EitherPort_GateOwnEndpointsAdminStubsEngineInThatOrder(bool app)
    {
        // Given a port's pipeline
        var engine = await StageEngine.GetAsync();
        using var transfers = new TransferStubs(() => engine, () => null, () => new Uri("http://127.0.0.1:1"), TimeProvider.System);
        var parts = await StageParts.CreateAsync(transfers);
        var pipeline = new Pipeline(parts, app);

        // Then its stages are the one list, each with one job, the engine last
        pipeline.Stages.Select(s => s.GetType()).ShouldBe([typeof(Gate), typeof(OwnEndpoints), typeof(AdminStage), typeof(StubStage), typeof(EngineStage)]);
        pipeline.Stages[0].ShouldBeSameAs(parts.Gate);
        pipeline.Stages[1].ShouldBeSameAs(parts.Endpoints);
    }
}
