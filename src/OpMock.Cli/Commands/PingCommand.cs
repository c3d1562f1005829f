using System.CommandLine;
using OpMock.Core.Diagnostics;
using OpMock.Core.Health;

namespace OpMock.Cli.Commands;

/// <summary>`opmock ping`: exit 0 when a server answers HTTP at --url, 1 when not; the container's HEALTHCHECK.</summary>
internal static class PingCommand
{
    public static Command Create(CliConsole console)
    {
        var url = EnvironmentOptions.Create("--url", "Address to GET", () => "http://127.0.0.1:8080/");
        var timeout = EnvironmentOptions.Create("--timeout", "How long to wait for an answer (3s, 500ms)", () => "3s");
        var command = new Command("ping", "Check that a server answers HTTP (any status below 500)") { url, timeout };
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(
            console, result.GetValue(url)!, result.GetValue(timeout)!, cancel)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string url, string timeout, CancellationToken cancel)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new OpMockException($"--url must be an absolute http(s) address: {url}");
        }

        // One duration syntax, and one OPMOCK_TIMEOUT, for ping, validate and proxy.
        var wait = Durations.Parse("--timeout", timeout);
        if (wait > TimeSpan.FromHours(1))
        {
            throw new OpMockException($"--timeout must be at most an hour: {timeout}");
        }

        var probe = await HealthProbe.CheckAsync(address, wait, cancel);
        await (probe.Alive ? console.Out : console.Error).WriteLineAsync(probe.Message);
        return probe.Alive ? ExitCodes.Ok : ExitCodes.Findings;
    }
}
