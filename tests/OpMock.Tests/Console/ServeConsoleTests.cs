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
