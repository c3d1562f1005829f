using System.Collections.Concurrent;
using System.Text;
using OpMock.Core.Validation;
using OpMock.Core.Validation.Har;
using OpMock.Core.Validation.Live;
using OpMock.Core.Validation.Proxy;
using OpMock.Tests.Support;

namespace OpMock.Tests.Validation.Proxy;

public sealed class ValidationProxyTests
{
    [Fact]
    public async Task Proxy_DriftedServer_FlagsEveryDriftAndForwardsUnchanged()
    {
        // Given a proxy, recording to a folder, in front of a drifted server
        using var server = await DriftedServers.StartDriftedAsync();
        using var temp = new TempFolder();
        var record = Path.Combine(temp.Path, "rec");
        var exchanges = new ConcurrentQueue<ProxyExchange>();
        using var proxy = await StartAsync(server.Url!, record, exchanges);
        using var http = new HttpClient();

        // When the docs' sample requests go through the proxy
        var report = await LiveChecks.CheckAsync(await Shipped.ContractAsync(), await Shipped.ValidatorAsync(), http,
            new LiveTarget(new Uri(proxy.Url), new Uri(proxy.Url), [], TimeSpan.FromSeconds(10)));

        // Then the proxy logged every drift at its path (the slow route as the proxy's own timeout)
        var logged = exchanges.Where(e => e.Result is not null).SelectMany(e => e.Result!.Violations.Select(v => (e.Result.Label, v.Path, v.Message)));
        logged.ShouldBe(DriftedServers.Drifts.Select(d => d.Message == DriftedServers.TimeoutMessage ? d with { Message = $"no response from {server.Url}/ within {DriftedServers.Timeout}" } : d), ignoreOrder: true);

        // And the client saw the same drifts in the forwarded bodies, and the 504 for the slow route
        report.Checked.SelectMany(c => c.Violations.Where(v => v.Path != "$").Select(v => v.Path))
            .ShouldBe(DriftedServers.Drifts.Where(d => d.Path != "$").Select(d => d.Path), ignoreOrder: true);
        report.Checked.Select(c => c.Status).ShouldBe([200, 200, 500, 504]);

        // And re-checking the recording finds the same drifts of the responses that came back, and the 504 as a request without an answer
        var recorded = await HarChecks.CheckAsync(await Shipped.ValidatorAsync(), [record]);
        recorded.Checked.Length.ShouldBe(4);
        recorded.Checked.Count(c => !c.Answered).ShouldBe(1);
        recorded.Checked.Where(c => c.Answered).SelectMany(c => c.Violations.Select(v => v.Path)).Count(p => p != "$").ShouldBe(5);
    }

    [Fact]
    public async Task Proxy_Responses_CarryTheViolationCountAndTheTargetsBytes()
    {
        // Given a proxy in front of the drifted server
        using var server = await DriftedServers.StartDriftedAsync();
        using var proxy = await StartAsync(server.Url!, null, new ConcurrentQueue<ProxyExchange>());
        using var http = new HttpClient();

        // When the same request goes to the server directly and through the proxy
        var direct = await http.PostAsync(server.Url + Shipped.Receives + "?apiVersion=01", Json("{}"));
        var proxied = await http.PostAsync(proxy.Url + Shipped.Receives + "?apiVersion=01", Json("{}"));
        var other = await http.GetAsync(proxy.Url + "/health");

        // Then the proxied response is the server's, byte for byte, plus the violation count
        (await proxied.Content.ReadAsByteArrayAsync()).ShouldBe(await direct.Content.ReadAsByteArrayAsync());
        proxied.Content.Headers.ContentType!.ToString().ShouldBe(direct.Content.Headers.ContentType!.ToString());
        proxied.Headers.GetValues(ValidationProxy.ViolationsHeader).Single().ShouldBe("3");

        // And a route the docs do not know is forwarded without a verdict
        ((int)other.StatusCode).ShouldBe(404);
        other.Headers.Contains(ValidationProxy.ViolationsHeader).ShouldBeFalse();
    }

    [Fact]
    public async Task Proxy_CleanServer_AddsZeroViolations()
    {
        // Given a proxy in front of a server answering with the docs' examples
        using var server = await DriftedServers.StartCleanAsync();
        var exchanges = new ConcurrentQueue<ProxyExchange>();
        using var proxy = await StartAsync(server.Url!, null, exchanges);
        using var http = new HttpClient();

        // When the docs' sample requests go through it
        var report = await LiveChecks.CheckAsync(await Shipped.ContractAsync(), await Shipped.ValidatorAsync(strict: true), http,
            new LiveTarget(new Uri(proxy.Url), new Uri(proxy.Url), [], TimeSpan.FromSeconds(10)));

        // Then nothing is flagged, by the proxy or in what came through it
        report.Passed.ShouldBeTrue();
        exchanges.Count.ShouldBe(4);
        exchanges.ShouldAllBe(e => e.Result != null && e.Result.Violations.Length == 0);
    }

    private static async Task<ValidationProxy> StartAsync(string target, string? record, ConcurrentQueue<ProxyExchange> exchanges) =>
        ValidationProxy.Start(await Shipped.ValidatorAsync(), new ProxySettings(new Uri(target), 0, record, DriftedServers.TimeoutSpan),
            e =>
            {
                exchanges.Enqueue(e);
                return Task.CompletedTask;
            },
            TimeProvider.System);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
