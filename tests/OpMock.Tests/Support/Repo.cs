namespace OpMock.Tests.Support;

/// <summary>Paths in this repository, found from the test's own location (tests run from bin/).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Docs => Path.Combine(Root, "schemas", "docs");

    public static string Overrides => Path.Combine(Root, "schemas", "overrides.yaml");

    public static string SchemaJson => Path.Combine(Root, "schemas", "json");

    public static string Fixtures => Path.Combine(Root, "fixtures");

    /// <summary>The guides a reader follows from the README: docs/*.md, in name order.</summary>
    public static IEnumerable<string> Guides() =>
        Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal);

    /// <summary>One guide under docs/, by file name (world.md).</summary>
    public static string Guide(string name) => Path.Combine(Root, "docs", name);

    public static string Golden(string name) => Path.Combine(Root, "tests", "OpMock.Tests", "Golden", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpMock.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OpMock.sln not found above " + AppContext.BaseDirectory);
    }
}
