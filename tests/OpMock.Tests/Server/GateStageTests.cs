using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>
/// The gate as a stage alone, in process (<see cref="GateTests"/> sends the encodings over sockets): what passes it
/// lands in the request's feature; what it refuses is answered in the envelope and goes no further.
/// </summary>
public sealed class GateStageTests
{
    [Fact]
    public async Task TryAnswerAsync_PlainApiRequest_CanonicalPathAndBodyInTheFeature()
    {
        var (gate, transfers) = await GateAsync();
        using var _ = transfers;
        var stage = StageContext.Of("POST", ChatInfo, """{"userId":"u0001gate"}""", pass: false);

        (await gate.TryAnswerAsync(stage.Context, stage.WireMock)).ShouldBeFalse();

        stage.Feature.Path.ShouldBe(ChatInfo);
        stage.Feature.Guarded.ShouldBeFalse();
        System.Text.Encoding.UTF8.GetString(stage.Feature.Body).ShouldBe("""{"userId":"u0001gate"}""");
    }

    [Theory]
    [InlineData("Host", "a..b", 400)]
    [InlineData("Host", "h:65536", 400)]
    public async Task TryAnswerAsync_HostNamingNoHost_RefusedInTheEnvelope(string header, string value, int status)
    {
        var (gate, transfers) = await GateAsync();
        using var _ = transfers;
        var stage = StageContext.Of("POST", ChatInfo, "{}", pass: false);
        stage.Context.Request.Headers[header] = value;
        stage.Context.Request.Host = new Microsoft.AspNetCore.Http.HostString(value);

        (await gate.TryAnswerAsync(stage.Context, stage.WireMock)).ShouldBeTrue();

        stage.Status.ShouldBe(status);
        JsonNode.Parse(stage.Body)!["code"]!.GetValue<int>().ShouldBe(status);
        stage.Feature.Draft.ReplyBody.ShouldNotBeNull();
    }

    [Fact]
    public async Task TryAnswerAsync_AdminBodyWithAKeyTwice_400BeforeAnyAdminStage()
    {
        var (gate, transfers) = await GateAsync();
        using var _ = transfers;
        var stage = StageContext.Of("POST", "/__admin/settings", """{"MaxRequestLogCount":5,"maxRequestLogCount":100000}""", pass: false);

        (await gate.TryAnswerAsync(stage.Context, stage.WireMock)).ShouldBeTrue();

        stage.Status.ShouldBe(400);
        stage.Body.ShouldContain("twice");
        stage.Feature.Draft.AnsweredBy.ShouldBe("admin");
        stage.WireMockCalls.ShouldBe(0);
    }

    [Fact]
    public async Task TryAnswerAsync_Preflight_AnsweredByTheGate()
    {
        var (gate, transfers) = await GateAsync();
        using var _ = transfers;
        var stage = StageContext.Of("OPTIONS", ChatInfo, pass: false, headers: [KeyValuePair.Create("Origin", "http://localhost:5173")]);

        (await gate.TryAnswerAsync(stage.Context, stage.WireMock)).ShouldBeTrue();

        stage.Status.ShouldBe(204);
        stage.Context.Response.Headers.AccessControlAllowMethods.ToString().ShouldContain("POST");
    }

    private static async Task<(Gate Gate, TransferStubs Transfers)> GateAsync()
    {
        var engine = await StageEngine.GetAsync();
        var transfers = new TransferStubs(() => engine, () => null, () => new Uri("http://127.0.0.1:1"), TimeProvider.System);
        return ((await StageParts.CreateAsync(transfers)).Gate, transfers);
    }
}
