using OpMock.Cli;
using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

public sealed class DefaultPathsTests
{
    [Theory]
    [InlineData("schemas/docs/get-op-api/2.36.txt", "docs")]
    [InlineData("fixtures/get-op-api/2.36.yaml", "fixtures")]
    public void Default_RepoLayoutInTheWorkingFolder_IsTheRelativePath(string file, string which)
    {
        // Given a clone: the folder under the working folder, and a tool with packed copies too
        using var work = new TempFolder();
        using var tool = new TempFolder();
        work.Write(file, "x");
        tool.Write("defaults/" + file, "x");

        // When the default is asked for
        var paths = new DefaultPaths(work.Path, tool.Path);

        // Then the clone's folder wins, named as users know it
        Pick(paths, which).ShouldBe(which == "docs" ? "schemas/docs" : "fixtures");
    }

    [Theory]
    [InlineData("schemas/docs/get-op-api/2.36.txt", "docs", false)]
    [InlineData("schemas/docs/get-op-api/2.36.txt", "docs", true)]
    [InlineData("fixtures/get-op-api/2.36.yaml", "fixtures", false)]
    [InlineData("fixtures/get-op-api/2.36.yaml", "fixtures", true)]
    public void Default_OutsideTheRepoOrEmptyFolder_IsThePackedCopy(string file, string which, bool emptyFolderInWorkingFolder)
    {
        // Given a working folder without the layout (or with an empty folder, as an unmounted volume leaves)
        using var work = new TempFolder();
        using var tool = new TempFolder();
        tool.Write("defaults/" + file, "x");
        if (emptyFolderInWorkingFolder)
        {
            Directory.CreateDirectory(Path.Combine(work.Path, Path.GetDirectoryName(file)!));
        }

        // When the default is asked for
        var picked = Pick(new DefaultPaths(work.Path, tool.Path), which);

        // Then it is the copy packed beside the tool
        picked.ShouldBe(Path.Combine(tool.Path, "defaults", which == "docs" ? "schemas/docs" : "fixtures"));
    }

    [Fact]
    public void Default_NeitherThere_IsTheRelativePathSoTheErrorNamesIt()
    {
        using var work = new TempFolder();
        using var tool = new TempFolder();

        var paths = new DefaultPaths(work.Path, tool.Path);

        paths.Docs.ShouldBe("schemas/docs");
        paths.Fixtures.ShouldBe("fixtures");
    }

    [Fact]
    public async Task Default_BuiltTool_CarriesTheShippedDocsAndOverrides()
    {
        // Given the build output (the tests' own bin holds what the tool packs) and a folder outside the repo
        using var elsewhere = new TempFolder();
        var docs = new DefaultPaths(elsewhere.Path, AppContext.BaseDirectory).Docs;

        // When the packed docs are linted, their overrides found beside them
        var result = await Support.Cli.RunAsync("lint", "--docs", docs);

        // Then they are the shipped docs (however many there are), byte for byte, and lint clean
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        result.Out.ShouldContain($"{TestDocs.Count(Repo.Docs)} docs, 0 errors");
        foreach (var file in Directory.EnumerateFiles(Repo.Docs, "*", SearchOption.AllDirectories))
        {
            File.ReadAllBytes(Path.Combine(docs, Path.GetRelativePath(Repo.Docs, file))).ShouldBe(File.ReadAllBytes(file));
        }

        CommonOptions.OverridesFor(docs, null).ShouldBe(Path.Combine(AppContext.BaseDirectory, "defaults", "schemas", "overrides.yaml"));
    }

    private static string Pick(DefaultPaths paths, string which) => which == "docs" ? paths.Docs : paths.Fixtures;
}
