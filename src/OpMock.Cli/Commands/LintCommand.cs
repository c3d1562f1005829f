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
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(
            console, result.GetValue(docs)!, result.GetValue(overrides), result.GetValue(strict), cancel)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string docs, string? overrides, bool strict, CancellationToken cancel)
    {
        var contract = await ApiContract.LoadAsync(docs, CommonOptions.OverridesFor(docs, overrides), cancel);
        var findings = await Linter.LintAsync(contract);
        await FindingWriter.WriteAsync(console.Out, findings, docs);

        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        await console.Out.WriteLineAsync($"{contract.Docs.Docs.Length} docs, {errors} errors, {warnings} warnings");
        return errors > 0 || (strict && warnings > 0) ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
