using System.Net;
using System.Net.Sockets;
using OpMock.Cli;
using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_UntilCancelled_PrintsCurlsServesAndStopsCleanly()
    {
        // Given `opmock serve` on free loopback ports
        var (port, appPort) = (FreePort(), FreePort());
        using var output = new WatchedWriter();
        using var error = new StringWriter();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = OpMockCli.RunAsync(["serve", "--docs", TestDocs.Base, "--fixtures", TestFixtures.Base, "--port", port.ToString(), "--app-port", appPort.ToString()],
            output, TextWriter.Synchronized(error), cancel.Token);

        // When it says it serves (its last line, printed once both ports listen), a printed route answers
        await output.UntilAsync(text => text.Contains("serving; Ctrl-C stops", StringComparison.Ordinal), run, TimeSpan.FromSeconds(20));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var response = await client.PostAsync($"http://127.0.0.1:{port}/op/v2/getChatInfoByUserId",
            new StringContent("""{"userId":"u00012b2e588bd93843168dfb67ae12cc2ee9"}""", System.Text.Encoding.UTF8, "application/json"));

        // Then it served, and Ctrl-C (the token) stops it with exit code 0
        response.StatusCode.ShouldBe(HttpStatusCode.OK, error.ToString());
        await cancel.CancelAsync();
        (await run.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(0, error.ToString());
        var printed = output.ToString();
        printed.ShouldContain($"direct API: http://127.0.0.1:{port}");
        printed.ShouldContain($"curl -s -X POST 'http://127.0.0.1:{appPort}/opapp/transfer'");
        printed.ShouldContain($"curl -s -X POST 'http://127.0.0.1:{port}/op/v2/receives'");
        printed.ShouldContain("session state: in memory");
        printed.ShouldContain("stopped");
    }

    [Fact]
    public async Task Serve_WriteDocs_PrintsEachWriteRouteWithItsEffectInferredOrDeclared()
    {
        // Given the write docs, and a fixture declaring one route's effect the rules would infer otherwise
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithActions(temp);
        temp.Write("fixtures/effects.yaml", "effects:\n  /op/v2/updateChatRemark: none\n");

        // When it has started (it prints "serving;" once it listens) and is stopped
        var printed = await ServeUntilListeningAsync(["--docs", docs, "--fixtures", Path.Combine(temp.Path, "fixtures")]);

        // Then each write route is printed with what OpMock understood, and the declared one says where it was declared
        printed.ShouldContain("writes (per session: header X-OpMock-Session");
        printed.ShouldContain($"overrides: {Path.Combine(temp.Path, "overrides.yaml")}");
        printed.ShouldContain("  /op/v2/closeChat: close chat: status 7 (已结束)");
        printed.ShouldContain("  /op/v2/transferChat: transfer chat: to the OP in `toStaffId`");
        printed.ShouldContain("  /op/v2/addUserAddress: create list item by `userAddressId`: a new item with a fresh `userAddressId`");
        printed.ShouldContain("  /op/v2/setOnline: set op; sets online → op.isOnline");
        printed.ShouldContain("  /op/v2/updateChatRemark: none (declared in fixtures/effects.yaml:2)");
        printed.ShouldNotContain("  /op/v2/getChatDetail:");
        // And the refusals each write can answer, with their codes and messages
        printed.ShouldContain("  /op/v2/closeChat: close chat");
        printed.ShouldContain("    refuses: 4001 会话已结束 when the chat is no longer open (已结束, 超时关闭, 用户取消): send, transfer, close; 4004 会话不存在 when chatId is not shaped like a chat id; 4006 OP不存在");
        printed.ShouldContain("    refuses: 4005 用户不存在 when userId is not shaped like a user id");
    }

    [Fact]
    public async Task Serve_KindsDeclaredInFixtures_PrintsEachKindFoundWithItsIdsAndRoutes()
    {
        // Given docs whose kinds a fixture names (repairNo), merges (orderId + orderNo) and splits by route (recordId)
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithDeclared(temp);
        temp.Write("fixtures/kinds.yaml", World.Kinds.KindGroupTests.Declared);

        // When it has started and is stopped
        var printed = await ServeUntilListeningAsync(["--docs", docs, "--fixtures", Path.Combine(temp.Path, "fixtures")]);

        // Then it lists the kinds it found, each with its ids, what lists it, its relations and its routes
        var lines = printed.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.ShouldContain("kinds found in the docs:");
        Line(lines, "  repair (repairNo, ").ShouldContain("relations userId → user, auditorId → op: /op/v2/getStaffRepairs /op/v2/getRepairDetail");
        Line(lines, "  order (orderId/orderNo, ").ShouldContain("listed by userId (user)");
        Line(lines, "  order (orderId/orderNo, ").ShouldEndWith(": /op/v2/getUserServiceBills /op/v2/getServiceBillInfo");
        Line(lines, "  callRecord (recordId, ").ShouldEndWith(": /op/v2/getStaffCallRecords /op/v2/getCallRecordDetail");
        Line(lines, "  visitRecord (recordId, ").ShouldContain("relations visitorId → op: /op/v2/getUserVisitRecords /op/v2/getVisitRecordDetail");
        lines.ShouldNotContain(l => l.StartsWith("  record (", StringComparison.Ordinal));
    }

    private static string Line(List<string> lines, string start) => lines.Single(l => l.StartsWith(start, StringComparison.Ordinal));

    [Fact]
    public async Task Serve_ExampleWorkbench_PrintsItsWriteRoutes()
    {
        // Given `opmock serve --docs examples/workbench`, the README's command for trying flows, started and stopped
        var printed = await ServeUntilListeningAsync(["--docs", Path.Combine(Repo.Root, "examples", "workbench"), "--fixtures", TestFixtures.Base]);

        // Then it prints its write routes with what each does, on both kinds of doc it has (chats and its own tickets)
        printed.ShouldContain("writes (per session: header X-OpMock-Session");
        printed.ShouldContain("  /op/v2/closeChat: close chat: status 7 (已结束)");
        printed.ShouldContain("  /op/v2/transferChat: transfer chat: to the OP in `toStaffId`");
        printed.ShouldContain("  /op/v2/sendMessage: send message");
        printed.ShouldContain("  /op/v2/setOnlineStatus: set op; sets online → op.isOnline");
        printed.ShouldContain("  /op/v2/createTicket: create");
        printed.ShouldContain("  /op/v2/updateTicket: set");
        printed.ShouldContain("  /opapp/transfer → /op/v2/closeChat");
        printed.ShouldNotContain("  /op/v2/getTicketList:");
    }

    [Fact]
    public async Task Serve_EffectOnAnUndocumentedRoute_ExitsTwoNamingFileAndLine()
    {
        using var temp = new TempFolder();
        temp.Write("fixtures/effects.yaml", "effects:\n  /op/v2/closeChat: close\n");

        var result = await Support.Cli.RunAsync("serve", "--docs", TestDocs.Base, "--fixtures", Path.Combine(temp.Path, "fixtures"), "--port", "0", "--app-port", "0");

        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldStartWith("fixtures/effects.yaml:2: error: effects: `/op/v2/closeChat` is not a documented route; documented: /op/v2/getChatInfoByUserId, /op/v2/receives");
    }

    [Fact]
    public async Task Serve_BrokenFixture_ExitsTwoNamingFileAndLine()
    {
        using var temp = new TempFolder();
        temp.Write("fixtures/bad.yaml", "seed: lots\n");

        var result = await Support.Cli.RunAsync("serve", "--docs", TestDocs.Base, "--fixtures", Path.Combine(temp.Path, "fixtures"), "--port", "0", "--app-port", "0");

        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe("fixtures/bad.yaml:1: error: `seed` must be a whole number");
    }

    [Fact]
    public async Task Serve_MissingFixturesFolder_ExitsTwo()
    {
        var result = await Support.Cli.RunAsync("serve", "--docs", TestDocs.Base, "--fixtures", "/nonexistent/fixtures");

        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe("error: fixtures folder not found: /nonexistent/fixtures");
    }

    [Fact]
    public async Task Serve_PortInUse_ExitsTwoAtOnceNamingThePort()
    {
        // Given the app port is taken by someone else
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var appPort = ((IPEndPoint)taken.LocalEndpoint).Port;

        // When serve starts, then it fails with the reason, and leaves nothing listening
        var result = await Support.Cli.RunAsync("serve", "--docs", TestDocs.Base, "--fixtures", TestFixtures.Base, "--port", "0", "--app-port", appPort.ToString());
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith($"error: cannot listen on 127.0.0.1:{appPort}");
    }

    [Fact]
    public async Task Serve_StateStoreUnreachable_ExitsTwoNamingTheUrl()
    {
        // Given a state store URL nothing listens on
        var redisPort = FreePort();

        // When serve starts with it, then it fails at once naming the URL, and nothing listened
        var result = await Support.Cli.RunAsync("serve", "--docs", TestDocs.Base, "--fixtures", TestFixtures.Base, "--port", "0", "--app-port", "0",
            "--state", $"redis://127.0.0.1:{redisPort}");
        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.Trim().Split('\n').Length.ShouldBe(1, result.Error);
        result.Error.ShouldStartWith($"error: state store redis://127.0.0.1:{redisPort}/0 is unreachable");
        result.Out.ShouldNotContain("direct API");
    }

    [Fact]
    public async Task Serve_StateStoreWantsAPasswordNotGiven_ExitsTwoNamingTheUrl()
    {
        // Given a Redis that asks for a password, and fixtures naming it (`state:` in world.yaml)
        await using var redis = await RedisServer.StartAsync(password: "s3cret");
        using var temp = new TempFolder();
        temp.Write("fixtures/world.yaml", $"state: {redis.Url}\n");

        // When serve starts without the password
        var result = await Support.Cli.RunAsync("serve", "--docs", TestDocs.Base, "--fixtures", Path.Combine(temp.Path, "fixtures"), "--port", "0", "--app-port", "0");

        // Then it exits 2 naming the store (the fixture's URL was used) and why
        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.ShouldStartWith($"error: state store {redis.Url}/0 is unreachable");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Runs `opmock serve` on ephemeral ports until it prints that it serves (awaited, bounded: no polling), stops it
    /// as Ctrl-C does, and gives what it printed.
    /// </summary>
    private static async Task<string> ServeUntilListeningAsync(string[] settings)
    {
        var output = new WatchedWriter();
        using var error = new StringWriter();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = OpMockCli.RunAsync(["serve", .. settings, "--port", "0", "--app-port", "0"], output, TextWriter.Synchronized(error), cancel.Token);
        await Task.WhenAny(output.WaitForAsync("serving;"), run).WaitAsync(cancel.Token);
        await cancel.CancelAsync();
        (await run.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(0, error.ToString());
        return output.ToString();
    }
}
