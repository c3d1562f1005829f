using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Console;
using OpMock.Core.Server;
using OpMock.Core.Validation.Proxy;
using OpMock.Tests.Support;
using OpMock.Tests.Validation;

namespace OpMock.Tests.Console;

public sealed class ProxyConsoleTests
{
    [Fact]
    public async Task Record_ADriftedAnswerPasses_ShownWithItsViolationsAndTheRouteCounts()
    {
        using var server = await DriftedServers.StartDriftedAsync();
        await using var proxy = await StartAsync(server.Url!);
        using var http = new HttpClient();
        using var stream = await EventSource.OpenAsync($"{proxy.ConsoleUrl}/__opmock/api/events");

        using var forwarded = await http.PostAsync($"{proxy.Url}{Shipped.Receives}?token=secret", new StringContent("{}", Encoding.UTF8, "application/json"));
        var row = await stream.NextAsync("exchange");

        row["kind"]!.ToString().ShouldBe("proxy");
        row["path"]!.ToString().ShouldBe(Shipped.Receives);
        row.ToJsonString().ShouldNotContain("secret", Case.Sensitive, "queries stay out of the proxy's logs");
        row["status"]!.GetValue<int>().ShouldBe(200);
        row["checked"]!.GetValue<bool>().ShouldBeTrue();
        var violations = row["verdict"]!["violations"]!.AsArray().Select(v => (v!["path"]!.ToString(), v["expected"]!.ToString(), v["actual"]!.ToString())).ToList();
        violations.ShouldContain(("data.isOnline", "boolean or null", "\"yes\""));
        violations.Count.ShouldBe(DriftedServers.Drifts.Count(d => d.Label == Shipped.Receives));
        row["response"]!["body"]!.ToString().ShouldBe(await forwarded.Content.ReadAsStringAsync());
        row["totals"]!.ToJsonString().ShouldBe(new JsonObject
        {
            ["label"] = Shipped.Receives, ["exchanges"] = 1, ["checked"] = 1, ["failed"] = 1, ["errors"] = violations.Count, ["warnings"] = 0,
        }.ToJsonString());

        using var totals = await http.GetAsync($"{proxy.ConsoleUrl}/__opmock/api/totals");
        (await MockHost.JsonAsync(totals))["routes"]!.AsArray().Single()!["label"]!.ToString().ShouldBe(Shipped.Receives);
    }

    [Fact]
    public async Task Record_AnUndocumentedPath_CountedUnchecked()
    {
        using var server = await DriftedServers.StartDriftedAsync();
        await using var proxy = await StartAsync(server.Url!);
        using var http = new HttpClient();
        using var stream = await EventSource.OpenAsync($"{proxy.ConsoleUrl}/__opmock/api/events");

        using var forwarded = await http.GetAsync($"{proxy.Url}/health");
        var row = await stream.NextAsync("exchange");

        row["checked"]!.GetValue<bool>().ShouldBeFalse();
        row["verdict"].ShouldBeNull();
        row["totals"]!["label"]!.ToString().ShouldBe("/health");
    }

    [Fact]
    public async Task Get_TheProxysConsole_ThePageAndWhatItIs()
    {
        using var server = await DriftedServers.StartDriftedAsync();
        await using var proxy = await StartAsync(server.Url!);
        using var http = new HttpClient();

        using var page = await http.GetAsync($"{proxy.ConsoleUrl}/__opmock/");
        using var info = await http.GetAsync($"{proxy.ConsoleUrl}/__opmock/api/info");
        using var world = await http.GetAsync($"{proxy.ConsoleUrl}/__opmock/api/world?q=u1");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("connect-src 'self';");
        var about = await MockHost.JsonAsync(info);
        about["host"]!.ToString().ShouldBe("proxy");
        about["target"]!.ToString().ShouldBe(server.Url + "/");
        about["world"]!.GetValue<bool>().ShouldBeFalse();
        world.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        server.LogEntries.ShouldBeEmpty("the console is the proxy's own: nothing of it is forwarded");
    }

    [Fact]
    public async Task Get_ConsolePathOnTheProxysOwnPort_ForwardedToTheTargetNeverServed()
    {
        // Given a proxy, whose console has a port of its own
        using var server = await DriftedServers.StartDriftedAsync();
        await using var proxy = await StartAsync(server.Url!);
        using var http = new HttpClient();

        // When the console's API is asked for on the port the proxy forwards
        using var info = await http.GetAsync($"{proxy.Url}/__opmock/api/info");

        // Then the target answers it (the console is not there), and the console is on another port
        server.LogEntries.ShouldNotBeEmpty("the proxy's port forwards every path, the console's included");
        (await info.Content.ReadAsStringAsync()).ShouldNotContain("\"host\":\"proxy\"");
        new Uri(proxy.ConsoleUrl!).Port.ShouldNotBe(new Uri(proxy.Url).Port);
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Host", "attacker.example")]
    public async Task Get_FromAnotherSite_Refused(string header, string value)
    {
        using var server = await DriftedServers.StartDriftedAsync();
        await using var proxy = await StartAsync(server.Url!);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{proxy.ConsoleUrl}/__opmock/api/events");
        if (header == "Host")
        {
            request.Headers.Host = value;
        }
        else
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    private static async Task<ValidationProxy> StartAsync(string target)
    {
        var contract = await Shipped.ContractAsync();
        var validator = await Shipped.ValidatorAsync();
        var guard = new AdminGuard(new MockServerOptions(TestDocs.Base, null, null), ListenAddress.Resolve("127.0.0.1"), () => []);
        var console = new ProxyConsole(contract, validator, new Uri(target), guard.Check, TimeProvider.System);
        return ValidationProxy.Start(validator, new ProxySettings(new Uri(target), 0, null, TimeSpan.FromSeconds(30)), _ => Task.CompletedTask, TimeProvider.System, console);
    }
}
