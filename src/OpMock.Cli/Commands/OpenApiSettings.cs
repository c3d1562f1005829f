using System.CommandLine;
using OpMock.Core.Diagnostics;
using OpMock.Core.OpenApi;

namespace OpMock.Cli.Commands;

/// <summary>What `opmock openapi` was asked for, bound once from the command line (or OPMOCK_* variables).</summary>
/// <param name="Fixtures">The fixtures `opmock serve` loads: their scenarios are the scenario header's values.</param>
internal sealed record OpenApiSettings(string Docs, string? Overrides, string Fixtures, string? Out, int Port, int AppPort)
{
    public static OpenApiSettings Bind(ParseResult result) => new(
        result.GetValue<string>("--docs")!,
        result.GetValue<string?>("--overrides"),
        result.GetValue<string>("--fixtures")!,
        result.GetValue<string?>("--out"),
        result.GetValue<int>("--port"),
        result.GetValue<int>("--app-port"));

    /// <summary>The servers the document lists, where `opmock serve` with the same ports listens.</summary>
    public MockServers Validate() => new(DirectPort: Checked("--port", Port), AppPort: Checked("--app-port", AppPort));

    private static int Checked(string option, int value) =>
        value is >= 1 and <= 65535 ? value : throw new OpMockException($"{option} must be a port number (1-65535): {value}");
}
