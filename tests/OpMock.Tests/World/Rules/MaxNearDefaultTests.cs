using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// Limits read like limits (issue 26.8): 9.5 documents maxServing 默认10, so over 2,000 OPs it is near 10 — most
/// exactly 10, none far from it — and never below the OP's servingCount.
/// </summary>
public sealed class MaxNearDefaultTests : IAsyncLifetime
{
    private readonly TempFolder temp = new();
    private MockEngine engine = null!;

    public async Task InitializeAsync()
    {
        var docs = TestDocs.BaseWithActions(temp);
        foreach (var file in TestDocs.Files(TestDocs.World, "*.txt"))
        {
            temp.Write(Path.Combine("docs", file), File.ReadAllText(Path.Combine(TestDocs.World, file)));
        }

        engine = new MockEngine(await MockState.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml"), fixtures: Repo.Fixtures, seed: null), TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task MaxRule_DocDefault_TwoThousandOpsNearItAndNeverBelowTheirCount()
    {
        // When 2,000 OPs' profiles are read
        var limits = new List<(int Max, int Serving)>();
        for (var k = 0; k < 2000; k++)
        {
            var data = await DataAsync("/op/v2/getStaffInfo", new JsonObject { ["staffId"] = engine.State.Data.World.OpId(k) });
            limits.Add((data["maxServing"]!.GetValue<int>(), data["servingCount"]!.GetValue<int>()));
        }

        // Then each limit is at least its count; without the count's push, limits stay within 8..15; most are the default
        limits.ShouldAllBe(l => l.Max >= l.Serving);
        limits.Where(l => l.Max > l.Serving).ShouldAllBe(l => l.Max >= 8 && l.Max <= 15);
        limits.Count(l => l.Max == 10).ShouldBeGreaterThan(1000);
    }

    private async Task<JsonNode> DataAsync(string route, JsonObject body)
    {
        var request = MockRequest.Create("POST", route, "application/json", Encoding.UTF8.GetBytes(body.ToJsonString()), ImmutableDictionary<string, string>.Empty, scenario: null);
        var answer = JsonNode.Parse((await engine.HandleAsync(request, app: false, default)).Body)!;
        answer["code"]!.GetValue<int>().ShouldBe(200, answer.ToJsonString());
        return answer["data"]!;
    }
}
