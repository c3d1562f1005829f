using OpMock.Cli;
using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

/// <summary>`--docs DIR` finds or names its overrides (issue 26.9): the folder's own, else the one beside it, else none, said.</summary>
public sealed class CommonOptionsTests
{
    [Fact]
    public void OverridesFor_FolderWithItsOwnAndOneBeside_UsesItsOwn()
    {
        using var temp = new TempFolder();
        temp.Write("wiki/get-op-api/2.36.txt", "# doc");
        var own = temp.Write("wiki/overrides.yaml", "fields: {}\n");
        temp.Write("overrides.yaml", "fields: {}\n");

        CommonOptions.OverridesFor(Path.Combine(temp.Path, "wiki"), null).ShouldBe(own);
    }

    [Fact]
    public void OverridesFor_FolderWithNoneOfItsOwn_UsesTheOneBesideIt()
    {
        using var temp = new TempFolder();
        temp.Write("docs/get-op-api/2.36.txt", "# doc");
        var beside = temp.Write("overrides.yaml", "fields: {}\n");

        CommonOptions.OverridesFor(Path.Combine(temp.Path, "docs") + Path.DirectorySeparatorChar, null).ShouldBe(beside);
    }

    [Fact]
    public void DescribeOverrides_NoneFound_SaysSoInOneLineNamingTheFolder()
    {
        using var temp = new TempFolder();
        var docs = Path.GetDirectoryName(temp.Write("docs/get-op-api/2.36.txt", "# doc"))!;

        var found = CommonOptions.OverridesFor(docs, null);
        var line = CommonOptions.DescribeOverrides(docs, found);

        found.ShouldBeNull();
        line.ShouldStartWith($"overrides: none (no overrides.yaml in {docs} or beside it");
        line.ShouldNotContain('\n');
        CommonOptions.DescribeOverrides(docs, "/x/overrides.yaml").ShouldBe("overrides: /x/overrides.yaml");
    }
}
