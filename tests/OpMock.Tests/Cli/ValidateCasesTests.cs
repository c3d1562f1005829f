using System.Text.Json.Nodes;
using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

/// <summary>`opmock validate --base-url … --cases N`: generated cases against a running server.</summary>
public sealed class ValidateCasesTests
{
    [Fact]
    public async Task Cases_AgainstTheMock_EveryCasePassesOnEveryRouteDirectlyAndThroughTransfer()
    {
        // Given the mock serving the shipped docs and the test wiki (other authors, hints, paging, a second relay)
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithWiki(temp);
        await using var host = await MockHost.StartAsync(docs: docs, overrides: Path.Combine(temp.Path, "overrides.yaml"));
        var routes = (await OpMock.Core.Schemas.ApiContract.LoadAsync(docs, null)).Endpoints
            .Where(e => !e.Endpoint.IsTransfer).Select(e => e.Endpoint.Route).Distinct().ToList();

        // When 40 cases per route run against it, directly and through the relay
        var result = await Support.Cli.RunAsync("validate", "--docs", docs, "--base-url", host.Server.DirectUrl, "--app-url", host.Server.AppUrl,
            "--cases", "40", "--format", "json");

        // Then everything passes: every route, both ways, valid and invalid cases alike
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        var responses = JsonNode.Parse(result.Out)!["responses"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var byLabel = responses.GroupBy(r => r["route"]!.GetValue<string>() + " → " + r["reqUrl"]?.GetValue<string>()).ToDictionary(g => g.Key, g => g.ToList());
        byLabel.Keys.ShouldBe([.. routes.Select(r => r + " → "), .. routes.Select(r => Routes.TransferRoute + " → " + r)], ignoreOrder: true);
        routes.Count.ShouldBeGreaterThan(4);
        foreach (var (label, cases) in byLabel)
        {
            cases.Count.ShouldBe(label.StartsWith(Routes.TransferRoute, StringComparison.Ordinal) ? 42 : 40, label);
            cases.Select(c => c["case"]!["kind"]!.GetValue<string>()).Distinct().ShouldContain("valid", label);
            cases.Select(c => c["case"]!["kind"]!.GetValue<string>()).Distinct().ShouldContain("invalid", label);
        }

        responses.Where(r => r["errors"]!.GetValue<int>() > 0).Select(r => r.ToJsonString()).ShouldBeEmpty();

        // And the report counts each route's cases: sent, valid, invalid, failed
        var totals = JsonNode.Parse(result.Out)!["routes"]!.AsArray().Select(r => r!.AsObject()).ToList();
        totals.Count.ShouldBe(byLabel.Count);
        totals.ShouldAllBe(t => t["valid"]!.GetValue<int>() + t["invalid"]!.GetValue<int>() == t["cases"]!.GetValue<int>() && t["failed"]!.GetValue<int>() == 0);
    }

    [Fact]
    public async Task Cases_AgainstTheMockOfGetAndPagingDocs_EveryCasePassesOnBothPorts()
    {
        // Given the mock of docs with a GET list (nullable number and text in its query, bounded page size), a Long id
        // and a Long pageNo (TestDocs/openapi)
        await using var host = await MockHost.StartAloneAsync(TestDocs.OpenApi);

        // When 30 generated cases per route, valid and invalid, run directly and through the relay
        var result = await Support.Cli.RunAsync("validate", "--docs", TestDocs.OpenApi, "--base-url", host.Server.DirectUrl, "--app-url", host.Server.AppUrl,
            "--cases", "30", "--format", "json");

        // Then every answer is a documented one: the route's data for valid cases, the house 400 for invalid ones
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        var responses = JsonNode.Parse(result.Out)!["responses"]!.AsArray().Select(r => r!.AsObject()).ToList();
        responses.Select(r => r["route"]!.GetValue<string>()).Distinct().Count().ShouldBe(4);
        responses.Select(r => r["case"]!["kind"]!.GetValue<string>()).Distinct().ShouldBe(["valid", "invalid"], ignoreOrder: true);
        responses.Where(r => r["errors"]!.GetValue<int>() > 0).Select(r => r.ToJsonString()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Cases_SameSeed_SameCases()
    {
        // Given the mock
        await using var host = await MockHost.StartAsync();

        // When the cases run twice with one seed, and once with another
        async Task<List<string>> Bodies(string seed)
        {
            var result = await Support.Cli.RunAsync("validate", "--docs", TestDocs.Base, "--base-url", host.Server.DirectUrl, "--cases", "20", "--seed", seed, "--format", "json");
            return [.. JsonNode.Parse(result.Out)!["responses"]!.AsArray().Select(r => r!["request"]!.ToJsonString())];
        }

        var first = await Bodies("7");
        var again = await Bodies("7");
        var other = await Bodies("8");

        // Then the same seed sends the same requests, and another seed others
        again.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public async Task Cases_NothingAnswers_ExitTwoNotGreen()
    {
        // Given a port nothing listens on
        var url = $"http://127.0.0.1:{StubHttpServer.FreePort()}";

        // When cases run against it
        var result = await Support.Cli.RunAsync("validate", "--docs", TestDocs.Base, "--base-url", url, "--cases", "3", "--timeout", "2s");

        // Then the run says nothing was checked and exits 2, so CI cannot go green
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("nothing was checked");
    }

    [Fact]
    public async Task Cases_ServerNeverAnswers_EachCaseATimeoutAndExitTwo()
    {
        // Given a server that accepts connections and never answers
        await using var stub = new StubHttpServer(status: null);

        // When cases run against it with a short timeout
        var result = await Support.Cli.RunAsync("validate", "--docs", TestDocs.Base, "--base-url", stub.Url.ToString(), "--cases", "2", "--timeout", "300ms", "--format", "json");

        // Then every case is a timeout finding, and having checked nothing the run exits 2
        result.ExitCode.ShouldBe(2, result.Error);
        var messages = JsonNode.Parse(result.Out)!["responses"]!.AsArray().Select(r => r!["violations"]![0]!["message"]!.GetValue<string>()).ToList();
        messages.ShouldNotBeEmpty();
        messages.ShouldAllBe(m => m == "no response within 300ms");
    }

    [Theory]
    [InlineData("--cases", "-1")]
    [InlineData("--concurrency", "0")]
    [InlineData("--rate", "0")]
    public async Task Cases_BadBound_UsageError(string option, string value)
    {
        // Given a bound that makes no sense
        // When validate runs with it
        var result = await Support.Cli.RunAsync("validate", "--docs", TestDocs.Base, "--base-url", "http://127.0.0.1:9", "--cases", "1", option, value);

        // Then it is a usage error naming the options, and nothing is sent
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(option);
    }

    [Fact]
    public async Task Cases_WithoutBaseUrl_UsageError()
    {
        // Given a HAR mode run asking for generated cases
        using var temp = new TempFolder();
        var har = temp.Write("s.har", """{"log":{"entries":[]}}""");

        // When it runs
        var result = await Support.Cli.RunAsync("validate", "--docs", TestDocs.Base, "--har", har, "--cases", "5");

        // Then it says --cases needs a live server
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--cases only goes with --base-url");
    }

    [Fact]
    public async Task Cases_Rate_BoundsRequestsPerSecond()
    {
        // Given the mock, and validate on a clock of the test's that moves only when validate waits on it
        await using var host = await MockHost.StartAsync();
        var clock = new TimerWatchingClock(TestClock.Instant);
        using var output = new StringWriter();
        using var error = new StringWriter();

        // When 10 cases per route (20 requests) run one at a time at 40 requests per second, the clock moved 25 ms each
        // time validate starts a wait
        var run = OpMock.Cli.OpMockCli.RunAsync(["validate", "--docs", TestDocs.Base, "--base-url", host.Server.DirectUrl, "--cases", "10", "--rate", "40",
            "--concurrency", "1"], output, error, CancellationToken.None, clock);
        for (var timers = 1; !run.IsCompleted; timers++)
        {
            await Task.WhenAny(run, clock.TimersStartedAsync(timers)).WaitAsync(TimeSpan.FromSeconds(60));
            clock.Advance(TimeSpan.FromMilliseconds(25));
        }

        // Then they pass, and took the clock 19 gaps of 25 ms at least: the 20 requests were spaced by the rate
        (await run).ShouldBe(0, output + error.ToString());
        (clock.GetUtcNow() - TestClock.Instant).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(19 * 25));
    }
}
