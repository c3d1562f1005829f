using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Console;
using OpMock.Core.Fixtures;
using OpMock.Core.World;
using OpMock.Tests.Support;

namespace OpMock.Tests.Console;

public sealed class ServeConsoleTests
{
    private static readonly (Scenario Scenario, string Summary)[] Scenarios =
    [
        (new Scenario("plain", "s.yaml", 1), "answers as normal"),
        (new Scenario("slow", "s.yaml", 1) { DelayMs = 800, DelayMaxMs = 1500 }, "delay 800-1500 ms"),
        (new Scenario("fixed", "s.yaml", 1) { DelayMs = 300, DelayMaxMs = 300 }, "delay 300 ms"),
        (new Scenario("boom", "s.yaml", 1) { Status = 500, Code = 500, Message = "服务器内部错误" }, "HTTP 500; code 500 服务器内部错误"),
        (new Scenario("gone", "s.yaml", 1) { Fault = Fault.DropConnection }, "fault drop-connection"),
        (new Scenario("quiet", "s.yaml", 1) { EmptyLists = true, Offline = true }, "empty lists; OPs offline"),
        (new Scenario("own", "s.yaml", 1) { Data = Optional<JsonNode?>.Of(null), Match = ImmutableDictionary<string, string>.Empty.Add("token", "t1") }, "own data; when token=t1"),
    ];

    [Fact]
    public void Summary_EachKindOfScenario_WhatItDoesInAFewWords()
    {
        foreach (var (scenario, summary) in Scenarios)
        {
            ServeConsole.Summary(scenario).ShouldBe(summary, scenario.Name);
        }
    }

    [Fact]
    public async Task Changes_ServedWithABase_WhatTheServedDocsChangedAsDiffListsIt()
    {
        // Given a server of the later diff docs, started with the base folder as --base
        await using var host = await MockHost.StartAsync(new OpMock.Core.Server.MockServerOptions(DiffDocs.After, null, null, Port: 0, AppPort: 0, Base: DiffDocs.Before));

        // When the console's page asks what it may show, and the changes
        using var info = await host.Client.GetAsync(host.Server.DirectUrl + "/__opmock/api/info");
        using var answer = await host.Client.GetAsync(host.Server.DirectUrl + "/__opmock/api/changes");

        // Then it offers the Changes view, and lists the changes `opmock diff` finds between the two folders
        JsonNode.Parse(await info.Content.ReadAsStringAsync())!["changes"]!.GetValue<string>().ShouldBe(DiffDocs.Before);
        var json = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        var summary = json["summary"]!;
        (summary["breaking"]!.GetValue<int>(), summary["potentiallyBreaking"]!.GetValue<int>(), summary["safe"]!.GetValue<int>()).ShouldBe((5, 4, 4));
        json["changes"]!.AsArray().ShouldContain(c => c!["kind"]!.GetValue<string>() == "response-field-renamed" && c["route"]!.GetValue<string>() == "/op/v2/getMemberProfile");
    }

    [Fact]
    public async Task Changes_ServedWithoutABase_NotOffered()
    {
        // Given a server started without --base
        await using var host = await MockHost.StartAsync();
        var console = new ServeConsole(() => host.Server.Engine, () => (host.Server.Port, host.Server.AppPort));

        // When asked for changes
        // Then there are none to show, and the page is told not to offer the view
        console.Changes().ShouldBeNull();
        console.Info(new Microsoft.AspNetCore.Http.DefaultHttpContext().Request)["changes"].ShouldBeNull();
    }

    [Fact]
    public async Task Info_PageLoadedThroughAName_TargetsNamedTheSameWay()
    {
        await using var host = await MockHost.StartAsync();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new($"localhost:{host.Server.Port}");
        var console = new ServeConsole(() => host.Server.Engine, () => (host.Server.Port, host.Server.AppPort));

        var info = console.Info(context.Request);

        info["targets"]!.AsArray().Select(t => t!["url"]!.ToString())
            .ShouldBe([$"http://localhost:{host.Server.Port}", $"http://localhost:{host.Server.AppPort}"]);
        info["scenarios"]!.AsArray().Select(s => s!["name"]!.ToString()).ShouldBe(host.Server.Engine.State.Fixtures.Scenarios.Keys.Order(StringComparer.Ordinal));
    }
}
