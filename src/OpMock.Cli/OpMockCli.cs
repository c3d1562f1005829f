using System.CommandLine;
using System.CommandLine.Invocation;
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
            ServeCommand.Create(console),
            ValidateCommand.Create(console),
            OpenApiCommand.Create(console),
            PingCommand.Create(console),
        };
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction parseError && parsed.CommandResult.Command != root)
        {
            // A bad option or OPMOCK_* variable of a command gets its one-line error (and a typo suggestion), not
            // the whole help; a bare `opmock` still shows the list of commands.
            parseError.ShowHelp = false;
        }

        var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancel);
        return parsed.Errors.Count > 0 ? ExitCodes.Usage : code;
    }
}
