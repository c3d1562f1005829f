using System.CommandLine;

namespace OpMock.Cli;

/// <summary>
/// Options several commands share, with the repo layout's defaults. Each one can also be set from the
/// environment (OPMOCK_DOCS, …); see <see cref="EnvironmentOptions"/>.
/// </summary>
internal static class CommonOptions
{
    public const string DefaultDocs = DefaultPaths.DocsFolder;
    public const string DefaultOverrides = "schemas/overrides.yaml";

    public static Option<string> Docs() => EnvironmentOptions.Create(
        "--docs",
        "Folder of Markdown API docs, laid out as the wiki (get-op-api/2.36.txt); default schemas/docs, else the copy inside opmock",
        () => DefaultPaths.Current.Docs);

    public static Option<string?> Overrides() => EnvironmentOptions.Create<string?>(
        "--overrides",
        "Decisions on doc conflicts (default: overrides.yaml beside the docs folder)",
        () => null);

    public static Option<string> Fixtures() => EnvironmentOptions.Create(
        "--fixtures",
        "Folder of fixtures; default fixtures, else the copy inside opmock",
        () => DefaultPaths.Current.Fixtures);

    /// <summary>
    /// Decisions live with the docs they settle: the docs folder's own overrides.yaml (a wiki export carrying its
    /// decisions), else the one beside it (schemas/docs → schemas/overrides.yaml).
    /// </summary>
    public static string? OverridesFor(string docs, string? overrides)
    {
        if (overrides is not null)
        {
            return File.Exists(overrides) ? overrides : throw new OpMock.Core.Diagnostics.OpMockException($"overrides file not found: {overrides}");
        }

        var folder = Path.GetFullPath(docs).TrimEnd(Path.DirectorySeparatorChar);
        var inside = Path.Combine(folder, "overrides.yaml");
        if (File.Exists(inside))
        {
            return inside;
        }

        var parent = Path.GetDirectoryName(folder);
        var beside = parent is null ? null : Path.Combine(parent, "overrides.yaml");
        return beside is not null && File.Exists(beside) ? beside : null;
    }

    /// <summary>One line saying which overrides a command uses, or that it found none and where it looked.</summary>
    public static string DescribeOverrides(string docs, string? overrides) => overrides is not null
        ? $"overrides: {overrides}"
        : $"overrides: none (no overrides.yaml in {docs} or beside it; --overrides FILE names one): fields keep the docs' own types";
}
