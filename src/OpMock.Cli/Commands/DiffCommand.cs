using System.CommandLine;
using OpMock.Core.Diagnostics;
using OpMock.Core.Diff;
using OpMock.Core.Diff.Reports;

namespace OpMock.Cli.Commands;

/// <summary>
/// `opmock diff --base OLD`: every change between two versions of the docs, how much each breaks, and which
/// recorded exchanges (--har) they break. Exit 0 nothing at or above --fail-on, 1 something is, 2 bad input.
/// </summary>
internal static class DiffCommand
{
    public static readonly IReadOnlyList<string> Formats = ["text", "json", "junit", "markdown"];

    public static readonly IReadOnlyList<string> Severities = ["breaking", "potentially-breaking", "safe"];

    /// <summary>What the command was asked; <see cref="Validate"/> refuses what cannot run before anything is read.</summary>
    internal sealed record Settings(string? Base, string Docs, string? Overrides, string[] Har, string Format, string FailOn)
    {
        public void Validate()
        {
            if (string.IsNullOrWhiteSpace(Base))
            {
                throw new OpMockException("--base is required: the docs to compare against, as a folder or a git revision (origin/main)");
            }

            if (!Formats.Contains(Format))
            {
                throw new OpMockException($"--format must be one of {string.Join(", ", Formats)}, not `{Format}`");
            }

            if (ChangeRules.Parse(FailOn) is null)
            {
                throw new OpMockException($"--fail-on must be one of {string.Join(", ", Severities)}, not `{FailOn}`");
            }

            if (!Directory.Exists(Docs))
            {
                throw new OpMockException($"docs folder not found: {Docs}");
            }
        }
    }

    public static Command Create(CliConsole console)
    {
        var baseDocs = EnvironmentOptions.Create<string?>("--base", "The docs to compare against: a folder, or a git revision of the --docs path (origin/main, HEAD~1)", () => null);
        var docs = CommonOptions.Docs();
        var overrides = CommonOptions.Overrides();
        var har = EnvironmentOptions.Create<string[]>("--har", "Recorded traffic to replay against the new docs: HAR files, or folders of them (proxy --record)", () => []);
        har.AllowMultipleArgumentsPerToken = true;
        var format = EnvironmentOptions.Create("--format", "Report on stdout: text, json, junit or markdown (a pull-request comment)", () => "text").OneOf(Formats);
        var failOn = EnvironmentOptions.Create("--fail-on", "The least severe change that fails the run (exit 1): breaking, potentially-breaking or safe", () => "breaking").OneOf(Severities);
        var command = new Command("diff", "Name every change between two versions of the docs, how much it breaks, and the recorded traffic it breaks")
        {
            baseDocs, docs, overrides, har, format, failOn,
        };
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(console, new Settings(
            result.GetValue(baseDocs), result.GetValue(docs)!, result.GetValue(overrides), result.GetValue(har) ?? [], result.GetValue(format)!, result.GetValue(failOn)!), cancel)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, Settings settings, CancellationToken cancel)
    {
        settings.Validate();
        var report = await DocDiff.RunAsync(settings.Base!, settings.Docs, CommonOptions.OverridesFor(settings.Docs, settings.Overrides), settings.Har,
            ChangeRules.Parse(settings.FailOn)!.Value, cancel);
        await console.Out.WriteAsync(settings.Format switch
        {
            "json" => DiffJson.Write(report),
            "junit" => DiffJunit.Write(report),
            "markdown" => DiffMarkdown.Write(report),
            _ => DiffText.Write(report),
        });
        return report.Passed ? ExitCodes.Ok : ExitCodes.Findings;
    }
}
