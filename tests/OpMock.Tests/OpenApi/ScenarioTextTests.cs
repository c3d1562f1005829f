using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Fixtures;
using OpMock.Core.OpenApi;
using OpMock.Core.Schemas;
using OpMock.Core.World;
using OpMock.Tests.Support;

namespace OpMock.Tests.OpenApi;

/// <summary>The scenario header in the export: the loaded scenarios, each described from what it does.</summary>
public sealed class ScenarioTextTests
{
    private static readonly Dictionary<string, (Scenario Scenario, string Text)> Cases = new()
    {
        ["an error"] = (new Scenario("s", "f", 1) { Code = 500, Message = "服务器内部错误", Status = 500, Data = new Optional<JsonNode?>(true, null) }, "HTTP 500，code 500（服务器内部错误），data 为 null"),
        ["a delay"] = (new Scenario("s", "f", 1) { DelayMs = 800, DelayMaxMs = 1500 }, "延迟 800–1500 ms"),
        ["a fixed delay and empty lists"] = (new Scenario("s", "f", 1) { DelayMs = 300, DelayMaxMs = 300, EmptyLists = true }, "所有列表为空，延迟 300 ms"),
        ["a fault"] = (new Scenario("s", "f", 1) { Fault = Fault.DropConnection }, "连接故障：直接断开连接，没有应答"),
        ["offline by match"] = (new Scenario("s", "f", 1) { Offline = true, Match = ImmutableDictionary<string, string>.Empty.Add("userId", "u1") }, "OP 离线（isOnline 为 false），请求中 userId=u1 时自动使用"),
        ["nothing set"] = (new Scenario("s", "f", 1), "正常应答"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Describe_Scenario_SaysWhatItDoesToTheAnswer(string name)
    {
        var (scenario, text) = Cases[name];

        ScenarioText.Describe(scenario).ShouldBe(text);
    }

    [Fact]
    public async Task Build_WithFixtures_ScenarioHeaderIsAnEnumOfTheLoadedScenariosWithDescriptions()
    {
        // Given the export made with the test fixtures
        var json = JsonNode.Parse(await ShippedDocs.ExportAsync())!;
        var names = (await ShippedDocs.ScenariosAsync()).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();

        // When every operation's scenario header is read
        var headers = json["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).Where(o => o.Key != "servers")
            .Select(o => o.Value!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "X-OpMock-Scenario")!).ToList();

        // Then each is an enum of exactly those scenarios, each with its description
        headers.Count.ShouldBeGreaterThan(2);
        foreach (var header in headers)
        {
            header["schema"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(names);
            header["schema"]!["x-enumDescriptions"]!.AsObject().Select(d => d.Key).ShouldBe(names);
            header["description"]!.GetValue<string>().ShouldContain("- `server-error`：HTTP 500，code 500");
        }
    }

    [Fact]
    public async Task Build_WithoutFixtures_ScenarioHeaderIsFreeText()
    {
        var contract = await ApiContract.LoadAsync(TestDocs.Base, TestDocs.BaseOverrides);
        var json = JsonNode.Parse(OpenApiExport.ToJson(OpenApiExport.Build(contract)))!;

        var header = json["paths"]!["/op/v2/getChatInfoByUserId"]!["post"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "X-OpMock-Scenario")!;

        header["schema"]!.ToJsonString().ShouldBe("""{"type":"string"}""");
    }

    [Fact]
    public async Task Build_ScenarioHeaderEnum_IsWhatTheServerAcceptsAndNamesWhenRefusing()
    {
        // Given the export's values and a server of the same fixtures
        var json = JsonNode.Parse(await ShippedDocs.ExportAsync())!;
        var values = json["paths"]!["/op/v2/getChatInfoByUserId"]!["post"]!["parameters"]!.AsArray()
            .Single(p => p!["name"]!.GetValue<string>() == "X-OpMock-Scenario")!["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        await using var host = await MockHost.StartAsync();

        // When a name outside the enum is sent
        using var refused = await host.PostDirectAsync("/op/v2/getChatInfoByUserId", """{"userId":"u1"}""", scenario: "no-such-scenario");

        // Then the 400 lists exactly the enum's values
        ((int)refused.StatusCode).ShouldBe(400);
        (await MockHost.JsonAsync(refused))["data"]!["scenarios"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(values);
    }
}
