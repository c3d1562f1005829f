namespace OpMock.Tests.Support;

/// <summary>The base fixtures plus one that keeps the docs' examples as documented (`world.examples: verbatim`, `world.images: documented`).</summary>
internal static class KeptExamples
{
    public static string Fixtures(TempFolder temp)
    {
        foreach (var file in Directory.EnumerateFiles(TestFixtures.Base, "*.yaml"))
        {
            temp.Write(Path.Combine("kept-fixtures", Path.GetFileName(file)), File.ReadAllText(file));
        }

        temp.Write(Path.Combine("kept-fixtures", "zz-kept.yaml"), """
            world:
              examples: verbatim
              images: documented
            """);
        return Path.Combine(temp.Path, "kept-fixtures");
    }
}
