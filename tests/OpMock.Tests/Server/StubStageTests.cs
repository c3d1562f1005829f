using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>The stubs stage alone: with no user stub loaded, nothing goes to WireMock and the body is not parsed for it.</summary>
public sealed class StubStageTests
{
    [Theory]
    [InlineData(false, "/op/v2/getChatInfoByUserId", """{"userId":"u0001"}""")]
    [InlineData(true, "/opapp/transfer", """{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"u0001"}""")]
    public async Task TryAnswerAsync_NoStubsLoaded_LeftToTheEngineWithoutWireMock(bool app, string path, string body)
    {
        // Given a port whose WireMock holds no stub
        var engine = await StageEngine.GetAsync();
        using var transfers = new TransferStubs(() => engine, () => null, () => new Uri("http://127.0.0.1:1"), TimeProvider.System);
        var stage = new StubStage(() => null, new StubChoice(), transfers, TimeProvider.System);

        // When a documented request comes
        var request = StageContext.Of("POST", path, body, app);

        // Then the stage leaves it to the engine: WireMock is not asked, and its body not parsed
        (await stage.TryAnswerAsync(request.Context, request.WireMock)).ShouldBeFalse();
        request.WireMockCalls.ShouldBe(0);
        request.Feature.Memo.Reads.ShouldBe(0);
        request.Feature.Draft.AnsweredBy.ShouldBe("gate");
    }

    [Theory]
    [InlineData("?=x", true)]
    [InlineData("?a=1&=2", true)]
    [InlineData("?a=1&b=", false)]
    [InlineData("?a", false)]
    [InlineData("", false)]
    public void WireMockReadable_Query_RefusesOnlyANamelessParameter(string query, bool refused)
    {
        var request = StageContext.Of("GET", ChatInfo, query: query.Length == 0 ? null : query);

        (StubStage.WireMockReadable(request.Context.Request) is not null).ShouldBe(refused);
    }
}
