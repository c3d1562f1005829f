using System.CommandLine;
using OpMock.Core.Diagnostics;
using OpMock.Core.Schemas;

namespace OpMock.Cli.Commands;

/// <summary>`opmock schemas`: writes the JSON Schemas, or with --check says which are out of date.</summary>
internal static class SchemasCommand
{
    public static Command Create(CliConsole console)
    {
        var docs = CommonOptions.Docs();
        var overrides = CommonOptions.Overrides();
        var output = EnvironmentOptions.Create("--out", "Folder for the schema files", () => "schemas/json");
        var check = EnvironmentOptions.Create("--check", "Write nothing; exit 1 listing every stale, missing or orphan file", () => false);
        var command = new Command("schemas", "Generate JSON Schemas from the docs") { docs, overrides, output, check };
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(console, SchemasSettings.Bind(result), cancel)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, SchemasSettings settings, CancellationToken cancel)
    {
        settings.Validate();
        var (docs, output) = (settings.Docs, settings.Out);
        var contract = await Contracts.LoadReadableAsync(docs, settings.Overrides, cancel);
        var files = contract.Files();
        if (settings.Check)
        {
            // A contract that did not read (a bad overrides.yaml, a broken doc) cannot vouch for any file: its errors
            // are the answer (exit 2), and "up to date" would contradict it.
            Contracts.ThrowIfBroken(contract, docs);
            var states = await SchemaFiles.CheckAsync(output, files, cancel);
            var wrong = states.Where(s => s.Status != FileStatus.UpToDate).ToList();
            foreach (var state in wrong)
            {
                await console.Out.WriteLineAsync($"{state.Status.ToString().ToLowerInvariant()}: {Path.Combine(output, state.Path)}");
            }

            await console.Out.WriteLineAsync(wrong.Count == 0
                ? $"{states.Length} schema files are up to date with {docs}"
                : $"{wrong.Count} of {states.Length} schema files are out of date; run `opmock schemas` to regenerate them");
            return wrong.Count == 0 ? ExitCodes.Ok : ExitCodes.Findings;
        }

        // Schemas of docs that failed to read this time are kept, not deleted as orphans.
        var unread = contract.Docs.Files.Except(contract.Endpoints.Select(e => e.Endpoint.Doc.Path))
            .SelectMany(f => new[] { ".request.schema.json", ".response.schema.json" }.Select(s => Path.ChangeExtension(f, null) + s))
            .ToHashSet();
        var written = await SchemaFiles.WriteAsync(output, files, unread, cancel);
        foreach (var state in written.Where(s => s.Status != FileStatus.UpToDate))
        {
            var verb = state.Status switch { FileStatus.Missing => "created", FileStatus.Stale => "updated", _ => unread.Contains(state.Path) ? "kept" : "removed" };
            await console.Out.WriteLineAsync($"{verb}: {Path.Combine(output, state.Path)}");
        }

        await console.Out.WriteLineAsync($"{files.Count} schema files in {output}");

        // The readable docs' schemas are written; a doc that did not read still fails the run, as in every command.
        Contracts.ThrowIfBroken(contract, docs);
        return ExitCodes.Ok;
    }
}
