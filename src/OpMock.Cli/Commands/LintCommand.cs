using System.CommandLine;
using OpMock.Core.Diagnostics;
using OpMock.Core.Lint;
using OpMock.Core.Schemas;

namespace OpMock.Cli.Commands;

/// <summary>`opmock lint`: the docs checked against themselves; errors exit 1, warnings too with --strict.</summary>
internal static class LintCommand
{
    public static Command Create(CliConsole console)
    {
        var docs = CommonOptions.Docs();
        var overrides = CommonOptions.Overrides();
        var strict = EnvironmentOptions.Create("--strict", "Warnings fail the run too", () => false);
        var command = new Command("lint", "Check the docs: examples against their schemas, references, types, duplicates") { docs, overrides, strict };
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(console, LintSettings.Bind(result), cancel)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, LintSettings settings, CancellationToken cancel)
    {
        settings.Validate();
        var docs = settings.Docs;
        var contract = await Contracts.LoadReadableAsync(docs, settings.Overrides, cancel);

        // Every doc that reads is still checked; a doc that does not read is the run's answer (exit 2, on stderr, as
        // every command says it), so it is not listed twice.
        var findings = await Linter.LintAsync(contract);
        await FindingWriter.WriteAsync(console.Out, findings.Except(contract.Findings.Where(f => f.Severity == Severity.Error)), docs);

        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        await console.Out.WriteLineAsync($"{contract.Docs.Docs.Length} docs, {errors} errors, {warnings} warnings");
        Contracts.ThrowIfBroken(contract, docs);
        return errors > 0 || (settings.Strict && warnings > 0) ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
