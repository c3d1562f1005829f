namespace OpMock.Tests.Support;

/// <summary>The test wiki (TestDocs/wiki) copied beside a copy of the shipped docs, as a user adds docs.</summary>
internal static class WikiFolder
{
    public static string Source => Path.Combine(Repo.Root, "tests", "OpMock.Tests", "TestDocs", "wiki");

    /// <summary>Copies schemas/docs and the wiki docs into docs/ of the temp folder; returns that folder.</summary>
    public static string CopyWithShipped(TempFolder temp)
    {
        var docs = temp.CopyShippedDocs();
        foreach (var file in Directory.EnumerateFiles(Source, "*.txt", SearchOption.AllDirectories))
        {
            var target = Path.Combine(docs, Path.GetRelativePath(Source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        return docs;
    }
}
