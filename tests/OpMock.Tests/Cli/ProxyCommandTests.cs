using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using OpMock.Cli;
using OpMock.Tests.Support;
using OpMock.Tests.Validation;

namespace OpMock.Tests.Cli;

public sealed partial class ProxyCommandTests
{
    [Fact]
    public async Task Proxy_DriftedServer_LogsViolationsRecordsAndExitsOneWhenStopped()
    {
        // Given `opmock proxy` running in front of a drifted server, recording to a folder
        using var server = await DriftedServers.StartDriftedAsync();
        using var temp = new TempFolder();
        var record = Path.Combine(temp.Path, "rec");
        using var output = new WatchedWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = OpMockCli.RunAsync(["proxy", "--docs", TestDocs.Base, "--overrides", TestDocs.BaseOverrides, "--target", server.Url!, "--record", record],
            output, error, stop.Token);
        var url = await ListeningUrlAsync(output, run);

        // When a client sends a request of a documented route through it, and the proxy is stopped
        using var http = new HttpClient();
        var response = await http.PostAsync(url + Shipped.Receives + "?token=secret", new StringContent("{}", Encoding.UTF8, "application/json"));
        await stop.CancelAsync();
        var code = await run;

        // Then the client got the violation count, the log names route and paths (not the token), and the run fails
        response.Headers.GetValues("X-OpMock-Violations").Single().ShouldBe("3");
        code.ShouldBe(1, error.ToString());
        var log = output.ToString();
        log.ShouldContain("POST /op/v2/receives → 200: 3 errors, 0 warnings\n  error   data.chats[1].chatId: documented field `chatId` is missing");
        log.ShouldNotContain("secret");
        log.ShouldEndWith("1 requests forwarded, 1 checked, 3 errors, 0 warnings\n");

        // And `validate --har` re-checks the recording with the same result
        var recheck = await Support.Cli.RunAsync("validate", "--docs", TestDocs.Base, "--overrides", TestDocs.BaseOverrides, "--har", record);
        recheck.ExitCode.ShouldBe(1);
        recheck.Out.ShouldEndWith("1 response checked, 1 failed, 3 errors, 0 warnings, 0 skipped\n");
    }

    [Fact]
    public async Task Proxy_PortInUse_ExitsTwoWithOneLine()
    {
        // Given a port another listener holds
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            // When the proxy is asked to listen there
            var result = await Support.Cli.RunAsync("proxy", "--docs", TestDocs.Base, "--overrides", TestDocs.BaseOverrides, "--target", "http://127.0.0.1:9", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

            // Then it exits 2 saying so
            result.ExitCode.ShouldBe(2);
            result.Error.ShouldStartWith($"error: cannot listen on 127.0.0.1:{port}");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Theory]
    [InlineData(new[] { "--port", "1" }, "error: --target is required")]
    [InlineData(new[] { "--target", "127.0.0.1:8080" }, "error: --target: expected an http(s) URL")]
    [InlineData(new[] { "--target", "http://127.0.0.1:9", "--port", "70000" }, "error: --port: expected 0-65535, found 70000")]
    [InlineData(new[] { "--target", "http://127.0.0.1:9", "--host", "everywhere" }, "error: --host: expected an IP address")]
    [InlineData(new[] { "--target", "http://127.0.0.1:9", "--timeout", "0s" }, "error: --timeout: expected a duration")]
    public async Task Proxy_BadOptions_ExitTwoWithOneLine(string[] args, string message)
    {
        // Given options the proxy cannot start with, When it runs
        var result = await Support.Cli.RunAsync(["proxy", "--docs", TestDocs.Base, "--overrides", TestDocs.BaseOverrides, .. args]);

        // Then it exits 2 saying why, without starting
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith(message);
        result.Out.ShouldBeEmpty();
    }

    /// <summary>The proxy's first line, awaited (bounded), since it picks its port at start.</summary>
    private static async Task<string> ListeningUrlAsync(WatchedWriter output, Task<int> run)
    {
        await output.UntilAsync(text => ListeningLine().IsMatch(text), run, TimeSpan.FromSeconds(20));
        return ListeningLine().Match(output.ToString()).Groups[1].Value;
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
