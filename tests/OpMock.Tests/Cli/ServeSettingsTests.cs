using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

public sealed class ServeSettingsTests
{
    /// <summary>Settings `serve` refuses before loading anything: exit 2 and one line naming the setting.</summary>
    public static TheoryData<string[], string> BadSettings => new()
    {
        { ["--port", "70000"], "--port 70000 is not a port" },
        { ["--port", "-1"], "--port -1 is not a port" },
        { ["--app-port", "65536"], "--app-port 65536 is not a port" },
        { ["--port", "18080", "--app-port", "18080"], "both 18080" },
        { ["--host", "no-such-host.invalid"], "does not resolve" },
        { ["--host", "a..b"], "not a host name" },
        { ["--admin-username", "admin"], "--admin-username needs a password" },
        { ["--admin-password", "s3cret"], "needs --admin-username" },
        { ["--admin-username", "admin", "--admin-password-file", "/no/such/file"], "password file not found" },
        { ["--state", "redis://:s3cret@127.0.0.1:6379"], "--state: redis://127.0.0.1:6379/: a password in the state URL shows in `ps`" },
        { ["--state", "mysql://127.0.0.1:3306"], "is not a state store: use memory or redis://HOST:PORT[/DB]" },
        { ["--state", "redis://127.0.0.1:6379/x"], "`/x` is not a Redis database number" },
        { ["--state-idle", "forever"], "--state-idle: expected an idle time such as 30m, 24h or 7d" },
        { ["--state", "redis://127.0.0.1:6379", "--state-password-file", "/no/such/file"], "state password file not found: /no/such/file" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Serve_BadSetting_ExitsTwoWithOneLine(string[] settings, string named)
    {
        // When serve is started with a bad setting
        string[] ports = [.. settings.Contains("--port") ? [] : new[] { "--port", "0" }, .. settings.Contains("--app-port") ? [] : new[] { "--app-port", "0" }];
        var result = await Support.Cli.RunAsync(["serve", "--docs", Repo.Docs, "--fixtures", TestFixtures.Base, .. ports, .. settings]);

        // Then it exits 2 with one line that names it, and nothing listened
        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.Trim().Split('\n').Length.ShouldBe(1, result.Error);
        result.Error.ShouldContain(named);
        result.Out.ShouldNotContain("direct API");
    }

    /// <summary>What a --host listens on, and the host a banner prints: always one a client here can use.</summary>
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", "127.0.0.1")]
    [InlineData("0.0.0.0", "0.0.0.0", "127.0.0.1")]
    [InlineData("::", "[::]", "[::1]")]
    [InlineData("[::]", "[::]", "[::1]")]
    [InlineData("::1", "[::1]", "[::1]")]
    [InlineData("localhost", "127.0.0.1", "localhost")]
    public void Resolve_Host_ListensThereAndPrintsAUsableHost(string host, string url, string display)
    {
        var address = ListenAddress.Resolve(host);
        address.UrlHost.ShouldBe(url);
        address.DisplayHost.ShouldBe(display);
    }

    [Fact]
    public async Task Serve_Ipv6Loopback_PrintsABracketedUrlThatAnswers()
    {
        // Given a server on ::1 (skipped quietly where the machine has no IPv6 loopback)
        if (!System.Net.Sockets.Socket.OSSupportsIPv6)
        {
            return;
        }

        await using var host = await MockHost.StartAsync(new MockServerOptions(Repo.Docs, Repo.Overrides, TestFixtures.Base, Host: "::1", Port: 0, AppPort: 0));

        // Then its URL has the address in brackets, and answers
        host.Server.DirectUrl.ShouldStartWith("http://[::1]:");
        using var response = await host.PostDirectAsync(Routes.ChatInfo, """{"userId":"u0001v6"}""");
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}
