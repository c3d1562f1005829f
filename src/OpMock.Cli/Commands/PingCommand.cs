using System.CommandLine;
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
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(console, PingSettings.Bind(result), cancel)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, PingSettings settings, CancellationToken cancel)
    {
        var (address, wait) = settings.Validate();
        var probe = await HealthProbe.CheckAsync(address, wait, cancel);
        await (probe.Alive ? console.Out : console.Error).WriteLineAsync(probe.Message);
        return probe.Alive ? ExitCodes.Ok : ExitCodes.Findings;
    }
}
