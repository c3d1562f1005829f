using System.CommandLine;
using OpMock.Cli.Commands;

namespace OpMock.Cli;

/// <summary>The `opmock` command line. Commands only turn options into a core call and an exit code.</summary>
internal static class OpMockCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancel = default)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand("OpMock: mock server and contract tests for the OP customer-service APIs")
        {
            SchemasCommand.Create(console),
            LintCommand.Create(console),
            ValidateCommand.Create(console),
            ProxyCommand.Create(console),
        };
        var parsed = root.Parse(args);

        // A mistyped option is a usage error (2); System.CommandLine's own 1 would read as "violations found" in CI.
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancel);
    }
}
