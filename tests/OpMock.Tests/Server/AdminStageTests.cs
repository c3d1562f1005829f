using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>The admin stage alone: it takes only guarded paths, and refuses before WireMock what WireMock would misread.</summary>
public sealed class AdminStageTests
{
    [Fact]
    public async Task TryAnswerAsync_ApiPath_LeftToTheNextStage()
    {
        var stage = StageContext.Of("POST", ChatInfo, """{"userId":"u0001"}""");

        (await (await StageAsync()).TryAnswerAsync(stage.Context, stage.WireMock)).ShouldBeFalse();

        stage.WireMockCalls.ShouldBe(0);
        stage.Feature.Draft.AnsweredBy.ShouldBe("gate");
    }

    [Fact]
    public async Task TryAnswerAsync_ConsoleAreaPathNoEndpointTook_404Envelope()
    {
        var stage = StageContext.Of("GET", "/__opmock/nothing-here");

        (await (await StageAsync()).TryAnswerAsync(stage.Context, stage.WireMock)).ShouldBeTrue();

        stage.Status.ShouldBe(404);
        JsonNode.Parse(stage.Body)!["code"]!.GetValue<int>().ShouldBe(404);
        stage.WireMockCalls.ShouldBe(0);
        stage.Feature.Draft.AnsweredBy.ShouldBe("admin");
    }

    [Fact]
    public async Task TryAnswerAsync_QueryParameterWithoutAName_400BeforeWireMock()
    {
        var stage = StageContext.Of("GET", "/__admin/mappings", query: "?=x");

        (await (await StageAsync()).TryAnswerAsync(stage.Context, stage.WireMock)).ShouldBeTrue();

        stage.Status.ShouldBe(400);
        stage.Body.ShouldContain("without a name");
        stage.WireMockCalls.ShouldBe(0);
    }

    [Fact]
    public async Task TryAnswerAsync_AdminRead_HandedToWireMock()
    {
        var stage = StageContext.Of("GET", "/__admin/mappings");

        (await (await StageAsync()).TryAnswerAsync(stage.Context, stage.WireMock)).ShouldBeTrue();

        stage.WireMockCalls.ShouldBe(1);
        stage.Feature.Draft.AnsweredBy.ShouldBe("admin");
    }

    private static async Task<AdminStage> StageAsync()
    {
        var engine = await StageEngine.GetAsync();
        using var transfers = new TransferStubs(() => engine, () => null, () => new Uri("http://127.0.0.1:1"), TimeProvider.System);
        var parts = await StageParts.CreateAsync(transfers);
        return new AdminStage(parts.Gate, parts.Admin, () => null, parts.Log);
    }
}
