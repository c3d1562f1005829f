using System.Net;
using OpMock.Core.Diagnostics;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

public sealed class MockServerReloadTests
{
    [Fact]
    public async Task Start_BrokenFixture_FailsWithFileAndLineAndDoesNotListen()
    {
        // Given a fixture with a mistake on line 3
        using var temp = new TempFolder();
        temp.Write("fixtures/bad.yaml", "scenarios:\n  x:\n    fault: explode\n");

        // When the server is started, then it refuses, naming the place
        var error = await Should.ThrowAsync<InvalidInputException>(() => MockHost.StartAsync(fixtures: Path.Combine(temp.Path, "fixtures")));
        error.Findings.Single().ToString().ShouldStartWith("fixtures/bad.yaml:3: error:");
    }

    [Fact]
    public async Task Reload_BrokenEdit_KeepsTheLastGoodState()
    {
        // Given a running server with a scenario
        using var temp = new TempFolder();
        var fixtures = Path.Combine(temp.Path, "fixtures");
        temp.Write("fixtures/s.yaml", "scenarios:\n  teapot: {status: 418}\n");
        await using var host = await MockHost.StartAsync(fixtures: fixtures);

        // When the fixture is broken and a reload is attempted
        temp.Write("fixtures/s.yaml", "scenarios:\n  teapot: {status: nope}\n");
        var error = await Should.ThrowAsync<InvalidInputException>(() => host.Server.ReloadAsync());

        // Then the reload says why and the server still answers from the last good fixtures
        error.Message.ShouldContain("s.yaml:2");
        using var response = await host.PostDirectAsync("/op/v2/getChatInfoByUserId", """{"userId":"u0001a"}""", scenario: "teapot");
        ((int)response.StatusCode).ShouldBe(418);
    }

    [Fact]
    public async Task Reload_FixedEdit_ServesTheNewState()
    {
        using var temp = new TempFolder();
        temp.Write("fixtures/s.yaml", "scenarios:\n  teapot: {status: 418}\n");
        await using var host = await MockHost.StartAsync(fixtures: Path.Combine(temp.Path, "fixtures"));

        temp.Write("fixtures/s.yaml", "scenarios:\n  teapot: {status: 429}\n");
        await host.Server.ReloadAsync();

        using var response = await host.PostDirectAsync("/op/v2/getChatInfoByUserId", """{"userId":"u0001a"}""", scenario: "teapot");
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Reload_NewDoc_IsServedOnBothPorts()
    {
        // Given a running server, then a doc added to its docs folder
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        await using var host = await MockHost.StartAsync(docs: docs, overrides: Path.Combine(temp.Path, "overrides.yaml"));
        temp.Write("docs/get-op-api/3.1.txt", MockServerContractTests.NewDoc);

        // When it reloads
        await host.Server.ReloadAsync();

        // Then the new route has its mappings on the direct port and is relayed by the transfer
        using var direct = await host.PostDirectAsync("/op/v2/orderList", """{"staffId":"o0001x"}""");
        using var transfer = await host.PostTransferAsync("""{"reqUrl":"/op/v2/orderList","staffId":"o0001x"}""");
        direct.StatusCode.ShouldBe(HttpStatusCode.OK);
        MockHost.SameImageHost(await transfer.Content.ReadAsStringAsync()).ShouldBe(MockHost.SameImageHost(await direct.Content.ReadAsStringAsync()));
        using var old = await host.PostDirectAsync("/op/v2/receives", "{}", scenario: "server-error");
        old.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
    }

    public static TheoryData<string, string> BrokenEdits => new()
    {
        { "scenarios:\n  teapot: {status: nope}\n", "s.yaml:2" },
        { "scenarios:\n  teapot: {status: 418\n  other: {code: 1}\n", "s.yaml:2" },
        // Deep enough to overflow the stack of a recursive YAML loader, which would end the serving process.
        { "scenarios:\n  teapot:\n    data: " + new string('[', 10_000) + new string(']', 10_000) + "\n", "s.yaml:3" },
    };

    [Theory]
    [MemberData(nameof(BrokenEdits))]
    public async Task Watch_BrokenFixtureEdit_KeepsServingAndReportsFileAndLine(string edit, string place)
    {
        // Given a watched server
        using var temp = new TempFolder();
        var fixtures = Path.Combine(temp.Path, "fixtures");
        temp.Write("fixtures/s.yaml", "scenarios:\n  teapot: {status: 418}\n");
        var options = new MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, fixtures, Port: 0, AppPort: 0, Watch: true);
        await using var host = await MockHost.StartAsync(options);
        var reports = new List<string>();
        var reloaded = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new ReloadWatcher(host.Server, options, TimeProvider.System, m => { lock (reports) { reports.Add(m); } });
        watcher.Reloaded += r => reloaded.TrySetResult(r);

        // When a fixture is broken on disk
        temp.Write("fixtures/s.yaml", edit);

        // Then the watcher reports the failure, and the old scenario still answers
        (await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(10))).ShouldNotBeNull();
        lock (reports)
        {
            reports.ShouldContain(r => r.Contains("still serving the last good state") && r.Contains(place));
        }

        using var response = await host.PostDirectAsync("/op/v2/getChatInfoByUserId", """{"userId":"u0001a"}""", scenario: "teapot");
        ((int)response.StatusCode).ShouldBe(418);
    }
}
