namespace OpMock.Cli;

/// <summary>
/// Where the docs and fixtures come from when no option or variable names them: the repo layout under the
/// working folder when it is there (a clone), else the copies packed inside the tool as defaults/ (an installed
/// tool or the container image, run from anywhere). Overrides need no rule of their own: they are read from
/// beside the docs (<see cref="CommonOptions.OverridesFor"/>), so packed docs bring packed overrides.
/// </summary>
/// <param name="WorkingDirectory">The folder relative defaults are resolved against (the process's current folder).</param>
/// <param name="ToolDirectory">The folder of opmock.dll, which holds defaults/.</param>
internal sealed record DefaultPaths(string WorkingDirectory, string ToolDirectory)
{
    /// <summary>The folder beside opmock.dll holding the packed copies (see OpMock.Cli.csproj).</summary>
    public const string PackedFolder = "defaults";

    public const string DocsFolder = "schemas/docs";

    public const string FixturesFolder = "fixtures";

    public static DefaultPaths Current => new(Environment.CurrentDirectory, AppContext.BaseDirectory);

    public string Docs => Pick(DocsFolder);

    public string Fixtures => Pick(FixturesFolder);

    /// <summary>
    /// The folder under the working folder, as the relative path users know from the repo, when it has files;
    /// an empty one (say, an unmounted container volume) does not count. Else the packed copy, when there is one.
    /// Else the relative path again, so the error names the folder the user expected.
    /// </summary>
    private string Pick(string relative)
    {
        if (HasFiles(Path.Combine(WorkingDirectory, relative)))
        {
            return relative;
        }

        var packed = Path.Combine(ToolDirectory, PackedFolder, relative);
        return HasFiles(packed) ? packed : relative;
    }

    private static bool HasFiles(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any();
}
