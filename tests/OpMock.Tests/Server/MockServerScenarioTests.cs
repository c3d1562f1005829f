using System.Net;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

public sealed class MockServerScenarioTests
{
    private const string Fixtures = """
        scenarios:
          broken:
            code: 500
            message: 服务器内部错误
            status: 503
            data: null
          quick-delay:
            delay: 150
          no-lists:
            emptyLists: true
          away:
            offline: true
          vip:
            match: {userId: u0001vip}
            message: 特殊用户
          empty: {fault: empty-response}
          chunk: {fault: malformed-chunk}
          drop: {fault: drop-connection}
        errors:
          validation: {code: 1001, message: 请求参数有误, status: 200}
        """;

    [Fact]
    public async Task Scenario_CodeMessageStatusData_ReplaceTheNormalAnswer()
    {
        using var temp = new TempFolder();
        temp.Write("fixtures/s.yaml", Fixtures);
        await using var host = await MockHost.StartAsync(fixtures: Path.Combine(temp.Path, "fixtures"));

        // When the scenario is chosen by header, on the direct route and through the transfer
        using var direct = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""", scenario: "broken");
        using var transfer = await host.PostTransferAsync($$"""{"reqUrl":"{{ChatInfo}}","userId":"u0001a"}""", scenario: "broken");

        // Then both answer its envelope and status
        foreach (var response in new[] { direct, transfer })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var json = await MockHost.JsonAsync(response);
            json["code"]!.GetValue<int>().ShouldBe(500);
            json["message"]!.GetValue<string>().ShouldBe("服务器内部错误");
            json["data"].ShouldBeNull();
        }
    }

    [Fact]
    public async Task Scenario_EmptyListsOfflineAndMatch_RewriteTheData()
    {
        using var temp = new TempFolder();
        temp.Write("fixtures/s.yaml", Fixtures);
        await using var host = await MockHost.StartAsync(fixtures: Path.Combine(temp.Path, "fixtures"));
        var staffId = host.Server.Engine.State.Data.World.OpId(1);

        // When lists are emptied and the OP taken offline
        var empty = await MockHost.JsonAsync(await host.PostDirectAsync("/op/v2/receives", $$"""{"staffId":"{{staffId}}"}""", scenario: "no-lists"));
        var away = await MockHost.JsonAsync(await host.PostDirectAsync("/op/v2/receives", $$"""{"staffId":"{{staffId}}"}""", scenario: "away"));
        var vip = await MockHost.JsonAsync(await host.PostDirectAsync(ChatInfo, """{"userId":"u0001vip"}"""));

        // Then the data says so, and a scenario matching request fields applies without a header
        empty["data"]!["chats"]!.AsArray().ShouldBeEmpty();
        away["data"]!["isOnline"]!.GetValue<bool>().ShouldBeFalse();
        vip["message"]!.GetValue<string>().ShouldBe("特殊用户");
    }

    [Fact]
    public async Task Scenario_UnknownName_ListsTheKnownOnes()
    {
        using var temp = new TempFolder();
        temp.Write("fixtures/s.yaml", Fixtures);
        await using var host = await MockHost.StartAsync(fixtures: Path.Combine(temp.Path, "fixtures"));

        using var response = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""", scenario: "nope");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var json = await MockHost.JsonAsync(response);
        json["data"]!["scenarios"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldContain("broken");
    }

    [Fact]
    public async Task Scenario_Delay_AnswersOnlyOnceTheServersClockPassedIt()
    {
        // Given a server on a fake clock, with a scenario that waits 150 ms
        using var temp = new TempFolder();
        temp.Write("fixtures/s.yaml", Fixtures);
        var clock = new TimerWatchingClock(TestClock.Instant);
        await using var host = await MockHost.StartAsync(
            new MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, Path.Combine(temp.Path, "fixtures"), Port: 0, AppPort: 0), clock);

        // When a request asks for it, the server waits on its clock (awaited, bounded), and nothing is answered yet
        var sending = host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""", scenario: "quick-delay");
        await clock.TimerStartedAsync(TimeSpan.FromMilliseconds(150)).WaitAsync(TimeSpan.FromSeconds(30));
        sending.IsCompleted.ShouldBeFalse();

        // Then once the clock passes the delay, it answers
        clock.Advance(TimeSpan.FromMilliseconds(150));
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(30));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Scenario_EmptyResponseFault_SendsAnEmptyBody()
    {
        using var temp = new TempFolder();
        temp.Write("fixtures/s.yaml", Fixtures);
        await using var host = await MockHost.StartAsync(fixtures: Path.Combine(temp.Path, "fixtures"));

        // When the empty-response fault is asked for
        using var response = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""", scenario: "empty");

        // Then the body is empty: what a client must survive
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("direct")]
    [InlineData("transfer")]
    public async Task Scenario_MalformedChunkFault_ClientRaisesATransportError(string port)
    {
        using var temp = new TempFolder();
        temp.Write("fixtures/s.yaml", Fixtures);
        await using var host = await MockHost.StartAsync(fixtures: Path.Combine(temp.Path, "fixtures"));

        // When the malformed-chunk fault is asked for, then reading the answer fails in the transport
        // (a cut chunk stream), not with a 200 and a body of garbage
        Exception? failure = null;
        try
        {
            using var response = port == "direct"
                ? await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""", scenario: "chunk")
                : await host.PostTransferAsync($$"""{"reqUrl":"{{ChatInfo}}","userId":"u0001a"}""", scenario: "chunk");
            await response.Content.ReadAsByteArrayAsync();
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            failure = e;
        }

        failure.ShouldNotBeNull();

        // And the server keeps serving
        using var next = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""");
        next.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Scenario_DropConnection_AbortsAndTheServerKeepsServing()
    {
        using var temp = new TempFolder();
        temp.Write("fixtures/s.yaml", Fixtures);
        await using var host = await MockHost.StartAsync(fixtures: Path.Combine(temp.Path, "fixtures"));

        // When the connection is dropped, then the client sees no response at all
        await Should.ThrowAsync<HttpRequestException>(async () =>
        {
            using var response = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""", scenario: "drop");
        });

        // And the next request is answered normally
        using var next = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""");
        next.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Errors_ConfiguredInFixtures_ChangeCodeMessageAndStatus()
    {
        using var temp = new TempFolder();
        temp.Write("fixtures/s.yaml", Fixtures);
        await using var host = await MockHost.StartAsync(fixtures: Path.Combine(temp.Path, "fixtures"));

        using var response = await host.PostDirectAsync(ChatInfo, "{}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await MockHost.JsonAsync(response);
        json["code"]!.GetValue<int>().ShouldBe(1001);
        json["message"]!.GetValue<string>().ShouldStartWith("请求参数有误: userId");
    }
}
