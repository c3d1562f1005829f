using OpMock.Core.World.State;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.State;

public sealed class StateNamespaceTests
{
    [Fact]
    public void Of_SameFilesInOtherFolders_IsTheSame()
    {
        // Given two copies of the same docs, overrides and fixtures (two replicas' containers)
        using var first = new TempFolder();
        using var second = new TempFolder();
        var (docsA, overridesA, fixturesA) = Copy(first);
        var (docsB, overridesB, fixturesB) = Copy(second);

        // Then both name the same world, a key prefix Redis can hold
        var name = StateNamespace.Of(20160308, docsA, overridesA, fixturesA);
        StateNamespace.Of(20160308, docsB, overridesB, fixturesB).ShouldBe(name);
        name.ShouldMatch("^opmock:[0-9a-f]{16}:$");
    }

    [Fact]
    public void Of_AnotherSeedDocOrFixture_IsAnotherWorld()
    {
        using var temp = new TempFolder();
        var (docs, overrides, fixtures) = Copy(temp);
        var name = StateNamespace.Of(20160308, docs, overrides, fixtures);

        // When the seed differs, a doc is edited, a fixture is added, or the overrides change
        var seed = StateNamespace.Of(7, docs, overrides, fixtures);
        File.AppendAllText(Path.Combine(docs, "get-op-api", "2.36.txt"), "\n");
        var doc = StateNamespace.Of(20160308, docs, overrides, fixtures);
        temp.Write("fixtures/zz.yaml", "seed: 20160308\n");
        var fixture = StateNamespace.Of(20160308, docs, overrides, fixtures);
        File.AppendAllText(overrides, "\n");
        var overridden = StateNamespace.Of(20160308, docs, overrides, fixtures);

        // Then each names a world of its own
        new[] { name, seed, doc, fixture, overridden }.Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public void Of_NoFixturesFolder_StillNamesTheWorld()
    {
        StateNamespace.Of(1, TestDocs.Base, null, null).ShouldNotBe(StateNamespace.Of(1, TestDocs.Base, TestDocs.BaseOverrides, null));
    }

    private static (string Docs, string Overrides, string Fixtures) Copy(TempFolder temp)
    {
        var docs = temp.CopyShippedDocs();
        foreach (var file in Directory.EnumerateFiles(TestFixtures.Base, "*.yaml"))
        {
            temp.Write(Path.Combine("fixtures", Path.GetFileName(file)), File.ReadAllText(file));
        }

        return (docs, Path.Combine(temp.Path, "overrides.yaml"), Path.Combine(temp.Path, "fixtures"));
    }
}
