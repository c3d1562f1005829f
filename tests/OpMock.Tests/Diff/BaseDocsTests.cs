using System.Diagnostics;
using OpMock.Core.Diagnostics;
using OpMock.Core.Diff;
using OpMock.Tests.Support;

namespace OpMock.Tests.Diff;

public sealed class BaseDocsTests
{
    [Fact]
    public async Task OpenAsync_GitRevision_ReadsTheDocsPathAtThatRevisionAndCleansUp()
    {
        // Given a repository whose first commit has the base docs (and an overrides.yaml beside them), then the later ones
        using var temp = new TempFolder();
        var docs = Repository.WithHistory(temp);

        // When the first commit is opened as the base
        string folder;
        using (var based = await BaseDocs.OpenAsync("HEAD~1", docs))
        {
            folder = based.Folder;

            // Then its docs are the base folder's, file for file, with its overrides.yaml beside them
            TestDocs.Files(folder).ShouldBe(TestDocs.Files(DiffDocs.Before));
            File.ReadAllText(Path.Combine(folder, "get-op-api", "9.3.txt")).ShouldBe(File.ReadAllText(Path.Combine(DiffDocs.Before, "get-op-api", "9.3.txt")));
            File.ReadAllText(based.Overrides.ShouldNotBeNull()).ShouldBe(Repository.Overrides);
            based.Locate("get-op-api/9.1.txt").ShouldBe("HEAD~1:schemas/docs/get-op-api/9.1.txt");
        }

        // And the copy is gone once the comparison is done
        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public async Task OpenAsync_Folder_IsReadWhereItIs()
    {
        // Given a base folder
        // When opened
        using var based = await BaseDocs.OpenAsync(DiffDocs.Before, DiffDocs.After);

        // Then it is read in place, and nothing is copied
        based.Folder.ShouldBe(DiffDocs.Before);
        based.Locate("get-op-api/9.1.txt").ShouldBe(Path.Combine(DiffDocs.Before, "get-op-api/9.1.txt"));
    }

    [Theory]
    [InlineData("no-such-branch", "neither a folder nor a git revision")]
    [InlineData("HEAD~5", "neither a folder nor a git revision")]
    public async Task OpenAsync_UnknownRevision_SaysWhat(string revision, string message)
    {
        // Given a repository with two commits
        using var temp = new TempFolder();
        var docs = Repository.WithHistory(temp);

        // When a revision it does not have is opened
        var error = await Should.ThrowAsync<OpMockException>(() => BaseDocs.OpenAsync(revision, docs));

        // Then the error says what the value is not
        error.Message.ShouldContain(message);
    }

    [Fact]
    public async Task OpenAsync_NotARepository_SaysSo()
    {
        // Given docs outside any repository
        using var temp = new TempFolder();
        var docs = temp.Write("docs/get-op-api/9.1.txt", "");

        // When a revision is asked of them
        var error = await Should.ThrowAsync<OpMockException>(() => BaseDocs.OpenAsync("origin/main", Path.GetDirectoryName(Path.GetDirectoryName(docs))!));

        // Then the error says the base is no folder and there is no repository to read it from
        error.Message.ShouldContain("not in a git repository");
    }

    /// <summary>A git repository made in the test: schemas/docs holds the base docs at HEAD~1 and the later ones at HEAD.</summary>
    internal static class Repository
    {
        public const string Overrides = "# decisions of the base\n";

        public static string WithHistory(TempFolder temp)
        {
            var docs = Path.Combine(temp.Path, "schemas", "docs");
            Git(temp.Path, "init", "-q", "-b", "main");
            Copy(DiffDocs.Before, docs);
            temp.Write("schemas/overrides.yaml", Overrides);
            Git(temp.Path, "add", "-A");
            Git(temp.Path, "commit", "-q", "-m", "base docs");
            Directory.Delete(docs, recursive: true);
            File.Delete(Path.Combine(temp.Path, "schemas", "overrides.yaml"));
            Copy(DiffDocs.After, docs);
            Git(temp.Path, "add", "-A");
            Git(temp.Path, "commit", "-q", "-m", "later docs");
            return docs;
        }

        private static void Copy(string from, string to)
        {
            foreach (var file in TestDocs.Files(from))
            {
                var target = Path.Combine(to, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(from, file), target);
            }
        }

        private static void Git(string folder, params string[] args)
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            foreach (var (name, value) in new[] { ("GIT_AUTHOR_NAME", "test"), ("GIT_AUTHOR_EMAIL", "test@example.com"), ("GIT_COMMITTER_NAME", "test"), ("GIT_COMMITTER_EMAIL", "test@example.com") })
            {
                start.Environment[name] = value;
            }

            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, $"git {string.Join(' ', args)}: {error}");
        }
    }
}
