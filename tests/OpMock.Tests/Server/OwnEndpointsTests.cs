using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

/// <summary>The own-endpoints stage: the longest registered prefix answers, guarded unless listed public.</summary>
public sealed class OwnEndpointsTests
{
    [Theory]
    [InlineData("/__admin/requests", "requests")]
    [InlineData("/__admin/requests/find", "requests")]
    [InlineData("/__admin/opmock/sessions", "sessions")]
    [InlineData("/__admin", "index")]
    [InlineData("/__admin/", "index")]
    public async Task TryAnswerAsync_RegisteredPath_LongestPrefixAnswersAsAdmin(string path, string expected)
    {
        // Given three endpoints
        var (endpoints, answered) = Endpoints();

        // When a request for the path comes
        var stage = StageContext.Of("GET", path);
        var handled = await endpoints.TryAnswerAsync(stage.Context, stage.WireMock);

        // Then the endpoint with the longest matching prefix answered it, and the log names the admin
        handled.ShouldBeTrue();
        answered.ShouldBe([expected]);
        stage.Feature.Draft.AnsweredBy.ShouldBe("admin");
        stage.WireMockCalls.ShouldBe(0);
    }

    [Theory]
    [InlineData("/__admin/mappings")]
    [InlineData("/__admin/requestsX")]
    [InlineData("/op/v2/getChatInfoByUserId")]
    public async Task TryAnswerAsync_PathNoEndpointTakes_LeftToTheNextStage(string path)
    {
        // Given three endpoints
        var (endpoints, answered) = Endpoints();

        // When a request for another path comes
        var stage = StageContext.Of("GET", path);

        // Then no endpoint answers it
        (await endpoints.TryAnswerAsync(stage.Context, stage.WireMock)).ShouldBeFalse();
        answered.ShouldBeEmpty();
        stage.Feature.Draft.AnsweredBy.ShouldBe("gate");
    }

    [Theory]
    [InlineData("/__opmock/avatars/u1.svg", false)]
    [InlineData("/__opmock/", true)]
    [InlineData("/__admin/requests", true)]
    [InlineData("/__admin/anything", true)]
    [InlineData("/op/v2/getChatInfoByUserId", false)]
    public void Guarded_Path_OnlyTheAdminAreasNotListedPublic(string path, bool guarded)
    {
        var (endpoints, _) = Endpoints();
        endpoints.Add(OwnPaths.Avatars + "/", guarded: false, (_, _) => Task.FromResult(true));

        endpoints.Guarded(path).ShouldBe(guarded);
    }

    private static (OwnEndpoints Endpoints, List<string> Answered) Endpoints()
    {
        var answered = new List<string>();
        var endpoints = new OwnEndpoints();
        endpoints.Add(OwnPaths.Admin, guarded: true, Answer("index"));
        endpoints.Add(OwnPaths.Requests + "/", guarded: true, Answer("requests"));
        endpoints.Add(OwnPaths.Sessions + "/", guarded: true, Answer("sessions"));
        return (endpoints, answered);

        OwnEndpoints.Handler Answer(string name) => (_, _) =>
        {
            answered.Add(name);
            return Task.FromResult(true);
        };
    }
}
