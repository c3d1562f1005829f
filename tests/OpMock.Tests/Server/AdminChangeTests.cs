using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>
/// Admin changes take effect before their answer is sent, under load and for requests already under way;
/// reloads swap OpMock's mappings without a moment in which WireMock has none, and keep admin stubs.
/// </summary>
public sealed class AdminChangeTests
{
    private const string Stub999 = $$$"""
        {"Priority": 1, "Request": {"Path": "{{{ChatInfo}}}", "Methods": ["POST"]},
         "Response": {"StatusCode": 200, "Headers": {"Content-Type": "application/json"}, "Body": "{\"code\":999}"}}
        """;

    [Fact]
    public async Task StubThenRequest_UnderLoad_NoStaleAnswers()
    {
        // Given a server under load from four clients
        await using var host = await MockHost.StartAsync();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(i => LoadAsync(host, $"u0001load{i}", stop.Token)).ToArray();

        // When a stub is added, then removed, 100 times, each followed at once by a request
        var stale = 0;
        for (var i = 0; i < 100; i++)
        {
            var guid = await host.AddStubAsync(Stub999, host.Server.DirectUrl);
            stale += await CodeAsync(host.PostDirectAsync(ChatInfo, """{"userId":"u0001x"}""")) == 999 ? 0 : 1;
            using var deleted = await host.Client.DeleteAsync($"{host.Server.DirectUrl}/__admin/mappings/{guid}");
            stale += await CodeAsync(host.PostDirectAsync(ChatInfo, """{"userId":"u0001x"}""")) == 200 ? 0 : 1;
        }

        await stop.CancelAsync();
        var failures = (await Task.WhenAll(load)).Sum();

        // Then every request after an admin answer saw the change, and the load was answered throughout
        stale.ShouldBe(0);
        failures.ShouldBe(0);
    }

    [Fact]
    public async Task StubThenRequest_HeadersSentBeforeTheStub_GetsTheStub()
    {
        // Given a request whose headers (and part of its body) reached the server before a stub was added
        await using var host = await MockHost.StartAsync();
        var direct = new Uri(host.Server.DirectUrl);
        var body = """{"userId":"u0001early"}"""u8.ToArray();
        var stubbed = new TaskCompletionSource();
        var headSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = RawHttp.SendAsync(direct, Parts(), stall: TimeSpan.FromSeconds(20));

        async IAsyncEnumerable<byte[]?> Parts()
        {
            yield return RawHttp.Head($"POST {ChatInfo} HTTP/1.1", $"Host: {direct.Authority}", "Content-Type: application/json", $"Content-Length: {body.Length}");
            yield return body[..5];
            headSent.SetResult();
            await stubbed.Task.WaitAsync(TimeSpan.FromSeconds(20));
            yield return body[5..];
        }

        // When the stub is added (its admin answer received), then the rest of the body arrives
        await headSent.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await host.AddStubAsync(Stub999, host.Server.DirectUrl);
        stubbed.SetResult();

        // Then the stub answers it
        var received = await answer;
        received.Status.ShouldBe(200);
        JsonNode.Parse(received.Body)!["code"]!.GetValue<int>().ShouldBe(999);
    }

    [Fact]
    public async Task Stub_WithAProbability_AnswersThatShareOnBothPorts()
    {
        // Given a stub that answers half of the requests it matches
        await using var host = await MockHost.StartAsync();
        await host.AddStubAsync(Stub999.Replace("\"Priority\": 1,", "\"Priority\": 1, \"Probability\": 0.5,", StringComparison.Ordinal), host.Server.DirectUrl);

        // When 400 requests reach its route directly and 400 through the transfer
        var direct = 0;
        var transferred = 0;
        for (var i = 0; i < 400; i++)
        {
            direct += await CodeAsync(host.PostDirectAsync(ChatInfo, $$"""{"userId":"u{{i}}p"}""")) == 999 ? 1 : 0;
            transferred += await CodeAsync(host.PostTransferAsync($$"""{"reqUrl":"{{ChatInfo}}","userId":"u{{i}}p"}""")) == 999 ? 1 : 0;
        }

        // Then about half got the stub on each port, not a quarter (a second roll) or an eighth (a third, on the hop):
        // 140..260 is six standard deviations either side of 200, and excludes 100
        direct.ShouldBeInRange(140, 260);
        transferred.ShouldBeInRange(140, 260);
    }

    [Fact]
    public async Task Transfer_StubOnTheDirectPort_AnswersTheTransferToo()
    {
        // Given a stub on the direct port for a documented route
        await using var host = await MockHost.StartAsync();
        var guid = await host.AddStubAsync(Stub999, host.Server.DirectUrl);

        // When the transfer relays to that route, then the stub answers it
        (await CodeAsync(host.PostTransferAsync($$"""{"reqUrl":"{{ChatInfo}}","userId":"u0001t"}"""))).ShouldBe(999);

        // And once the stub is gone, the documented answer is back, through both ports alike
        using var deleted = await host.Client.DeleteAsync($"{host.Server.DirectUrl}/__admin/mappings/{guid}");
        (await CodeAsync(host.PostTransferAsync($$"""{"reqUrl":"{{ChatInfo}}","userId":"u0001t"}"""))).ShouldBe(200);
    }

    [Fact]
    public async Task Reload_HundredTimesUnderLoad_NoWireMock404sAndStubsKept()
    {
        // Given a server with an admin stub (so WireMock matches every request), under load
        using var temp = new TempFolder();
        temp.Write("fixtures/s.yaml", "scenarios:\n  teapot0: {status: 418}\n");
        await using var host = await MockHost.StartAsync(fixtures: Path.Combine(temp.Path, "fixtures"));
        await host.AddStubAsync("""{"Request": {"Path": "/stubbed", "Methods": ["GET"]}, "Response": {"StatusCode": 200, "Body": "stubbed"}}""", host.Server.DirectUrl);
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(i => LoadAsync(host, $"u0001reload{i}", stop.Token)).ToArray();

        // When the fixtures change 100 times, each change renaming a scenario (so OpMock's mappings are rebuilt)
        for (var i = 1; i <= 100; i++)
        {
            temp.Write("fixtures/s.yaml", $"scenarios:\n  teapot{i}: {{status: 418}}\n");
            await host.Server.ReloadAsync();
        }

        await stop.CancelAsync();
        var failures = (await Task.WhenAll(load)).Sum();

        // Then no request met a moment without mappings, the last scenario answers, and the stub is still there
        failures.ShouldBe(0);
        using var teapot = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""", scenario: "teapot100");
        ((int)teapot.StatusCode).ShouldBe(418);
        (await host.Client.GetStringAsync(host.Server.DirectUrl + "/stubbed")).ShouldBe("stubbed");
    }

    /// <summary>Sends valid requests until stopped; the count of answers that were not the documented 200.</summary>
    private static async Task<int> LoadAsync(MockHost host, string userId, CancellationToken stop)
    {
        var failures = 0;
        for (var i = 0; i < 100_000 && !stop.IsCancellationRequested; i++)
        {
            using var response = await host.PostDirectAsync(ChatInfo, $$"""{"userId":"{{userId}}"}""");
            var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
            failures += response.StatusCode == HttpStatusCode.OK && text.StartsWith("{\"code\":", StringComparison.Ordinal) ? 0 : 1;
        }

        return failures;
    }

    private static async Task<int> CodeAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return (await MockHost.JsonAsync(response))["code"]!.GetValue<int>();
    }

}
