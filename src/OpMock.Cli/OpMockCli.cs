using System.CommandLine;
using OpMock.Cli.Commands;

namespace OpMock.Cli;

/// <summary>The `opmock` command line. Commands only turn options into a core call and an exit code.</summary>
internal static class OpMockCli
{
    /// <param name="time">The clock of every command (the system's unless a test gives its own).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancel = default, TimeProvider? time = null)
    {
        var root = Build(new CliConsole(output, error), time);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.CommandResult.Command != root)
        {
            // A bad option (or OPMOCK_* variable) is one line and a usage error (2), not the whole help:
            // System.CommandLine's own exit code 1 would read as "violations found" in CI.
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            return ExitCodes.Usage;
        }

        // A mistyped command gets a suggestion, not the whole help: `opmock serv` → did you mean serve?
        if (parsed.Errors.Count > 0 && args.FirstOrDefault() is { } typed && !typed.StartsWith('-'))
        {
            var names = root.Subcommands.Select(c => c.Name).ToList();
            var closest = names.OrderBy(n => Core.Docs.EditDistance.Between(typed.ToLowerInvariant(), n)).First();
            var near = Core.Docs.EditDistance.Between(typed.ToLowerInvariant(), closest) <= Math.Max(2, closest.Length / 3) || closest.StartsWith(typed, StringComparison.OrdinalIgnoreCase);
            await error.WriteLineAsync($"error: unknown command `{typed}`" + (near ? $"; did you mean {closest}?" : $"; commands: {string.Join(", ", names)}"));
            await error.WriteLineAsync("run `opmock --help` for what each command does");
            return ExitCodes.Usage;
        }

        // A bare `opmock` shows the list of commands.
        var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancel);
        return parsed.Errors.Count > 0 ? ExitCodes.Usage : code;
    }

    public static RootCommand Build(CliConsole console, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        return new("OpMock: mock server and contract tests for the OP customer-service APIs")
        {
            SchemasCommand.Create(console),
            LintCommand.Create(console),
            ServeCommand.Create(console, clock),
            ValidateCommand.Create(console, clock),
            ProxyCommand.Create(console, clock),
            OpenApiCommand.Create(console),
            PingCommand.Create(console),
            DiffCommand.Create(console),
        };
    }
}
