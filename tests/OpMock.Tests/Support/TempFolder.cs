namespace OpMock.Tests.Support;

/// <summary>A folder under the system temp folder, deleted when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "opmock-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    /// <summary>
    /// Copies the shipped docs as frozen for the tests (<see cref="TestDocs.Base"/>, and overrides.yaml beside
    /// them) into docs/ here: tests that add a doc to them assert exact routes and lines.
    /// </summary>
    public string CopyShippedDocs()
    {
        var docs = System.IO.Path.Combine(Path, "docs");
        foreach (var file in Directory.EnumerateFiles(TestDocs.Base, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(docs, System.IO.Path.GetRelativePath(TestDocs.Base, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.Copy(TestDocs.BaseOverrides, System.IO.Path.Combine(Path, "overrides.yaml"));
        return docs;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server a test started may still hold a file for a moment; the OS cleans temp later.
        }
    }
}
