using OpMock.Core.Diff.Reports;

namespace OpMock.Tests.Diff.Reports;

public sealed class DiffMarkdownTests
{
    [Fact]
    public Task Write_ChangesAndBrokenExchanges_MatchesGolden() =>
        // Given the diff folders' changes and the recording replayed against the later docs, written as Markdown
        Recordings.MatchGoldenAsync(DiffMarkdown.Write, "diff/report.md");

    [Fact]
    public void Write_NoChanges_SaysSo()
    {
        // Given two docs that promise the same
        // When written as Markdown
        // Then the comment says so under a passing heading, with no empty table
        DiffMarkdown.Write(Recordings.Unchanged).ShouldBe("## ✅ OpMock diff against `origin/main`\n\nno changes.\n");
    }
}
