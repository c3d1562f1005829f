using System.CommandLine;

namespace OpMock.Cli;

/// <summary>Options several commands share, with the repo layout's defaults.</summary>
internal static class CommonOptions
{
    public const string DefaultDocs = "schemas/docs";
    public const string DefaultOverrides = "schemas/overrides.yaml";

    public static Option<string> Docs() => new("--docs")
    {
        Description = "Folder of Markdown API docs, laid out as the wiki (get-op-api/2.36.txt)",
        DefaultValueFactory = _ => DefaultDocs,
    };

    public static Option<string?> Overrides() => new("--overrides")
    {
        Description = "Decisions on doc conflicts (default: overrides.yaml beside the docs folder)",
    };

    /// <summary>Decisions live beside the docs they settle: schemas/docs → schemas/overrides.yaml.</summary>
    public static string? OverridesFor(string docs, string? overrides)
    {
        if (overrides is not null)
        {
            return File.Exists(overrides) ? overrides : throw new OpMock.Core.Diagnostics.OpMockException($"overrides file not found: {overrides}");
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(docs).TrimEnd(Path.DirectorySeparatorChar));
        var beside = parent is null ? null : Path.Combine(parent, "overrides.yaml");
        return beside is not null && File.Exists(beside) ? beside : null;
    }
}
