using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>The engine stage alone: it always answers, fills the exchange's draft, and parses the body once for the engine and the log.</summary>
public sealed class EngineStageTests
{
    [Fact]
    public async Task TryAnswerAsync_DocumentedRoute_AnswersTheEnvelopeAndFillsTheDraft()
    {
        // Given the engine stage
        var engine = await StageEngine.GetAsync();
        var stage = new EngineStage(() => engine, TimeProvider.System);

        // When a documented request comes
        var request = StageContext.Of("POST", ChatInfo, """{"userId":"u0001stage"}""");
        (await stage.TryAnswerAsync(request.Context, request.WireMock)).ShouldBeTrue();

        // Then it answers 200 in the envelope, and the draft names the engine and the route
        request.Status.ShouldBe(200);
        JsonNode.Parse(request.Body)!["code"]!.GetValue<int>().ShouldBe(200);
        var draft = request.Feature.Draft;
        draft.AnsweredBy.ShouldBe("opmock");
        draft.MappingTitle.ShouldBe($"OpMock: POST {ChatInfo}");
        draft.Status.ShouldBe(200);
        request.WireMockCalls.ShouldBe(0);
    }

    [Fact]
    public async Task TryAnswerAsync_Transfer_BodyParsedOnceForEngineAndLog()
    {
        // Given the engine stage
        var engine = await StageEngine.GetAsync();
        var stage = new EngineStage(() => engine, TimeProvider.System);

        // When a transfer comes and is recorded
        var request = StageContext.Of("POST", TransferRoute, """{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"u0001hop"}""", app: true);
        await stage.TryAnswerAsync(request.Context, request.WireMock);
        request.Feature.Record();

        // Then the engine answered, and the log's reqUrl and ids came from the one parse
        request.Status.ShouldBe(200);
        request.Feature.Memo.Reads.ShouldBe(1);
        var exchange = request.Recorded.Single();
        exchange.ReqUrl.ShouldBe("/op/v2/getChatInfoByUserId");
        exchange.Ids.ShouldContain(KeyValuePair.Create("userId", "u0001hop"));
    }

    [Fact]
    public async Task TryAnswerAsync_UnknownPath_404EnvelopeNamingNoRoute()
    {
        var engine = await StageEngine.GetAsync();
        var stage = new EngineStage(() => engine, TimeProvider.System);

        var request = StageContext.Of("POST", "/op/v2/noSuchRoute", "{}");
        (await stage.TryAnswerAsync(request.Context, request.WireMock)).ShouldBeTrue();

        request.Status.ShouldBe(404);
        request.Feature.Draft.MappingTitle.ShouldBe("OpMock: unknown path or method");
    }
}
