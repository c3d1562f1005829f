using System.CommandLine;
using OpMock.Core.Diagnostics;
using OpMock.Core.Fixtures;
using OpMock.Core.OpenApi;
using OpMock.Core.Schemas;

namespace OpMock.Cli.Commands;

/// <summary>`opmock openapi`: the documented routes as one OpenAPI 3.0 document, printed or written to --out.</summary>
internal static class OpenApiCommand
{
    public static Command Create(CliConsole console)
    {
        var docs = CommonOptions.Docs();
        var overrides = CommonOptions.Overrides();
        var fixtures = CommonOptions.Fixtures();
        var output = EnvironmentOptions.Create<string?>("--out", "File for the OpenAPI JSON (default: print it)", () => null);
        // The same options (and variables) as `opmock serve`, so the servers listed are where it listens.
        var port = EnvironmentOptions.Create("--port", "Port of the direct API in the servers list", () => new MockServers().DirectPort);
        var appPort = EnvironmentOptions.Create("--app-port", "Port of the app (transfer) API in the servers list", () => new MockServers().AppPort);
        var command = new Command("openapi", "Export an OpenAPI 3.0 document of every documented route") { docs, overrides, fixtures, output, port, appPort };
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(console, OpenApiSettings.Bind(result), cancel)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, OpenApiSettings settings, CancellationToken cancel)
    {
        var servers = settings.Validate();
        var output = settings.Out;
        var contract = await Contracts.LoadReadableAsync(settings.Docs, settings.Overrides, cancel);
        var scenarios = (await FixtureLoader.LoadAsync(settings.Fixtures, cancel)).Scenarios.Values.ToList();

        var document = OpenApiExport.Build(contract, servers, scenarios);
        var text = OpenApiExport.ToJson(document);
        if (output is null)
        {
            await console.Out.WriteAsync(text);
        }
        else
        {
            await OpenApiExport.WriteAsync(output, text, cancel);
            await console.Out.WriteLineAsync($"{document.Paths.Count} routes written to {output}");
        }

        // Docs that failed to read are missing from the document: it is written, but the run fails (exit 2).
        Contracts.ThrowIfBroken(contract, settings.Docs);
        return ExitCodes.Ok;
    }
}
