using OpMock.Core.Diff.Reports;

namespace OpMock.Tests.Diff.Reports;

public sealed class DiffTextTests
{
    [Fact]
    public Task Write_ChangesAndBrokenExchanges_MatchesGolden() =>
        // Given the diff folders' changes and the recording replayed against the later docs, written as text
        Recordings.MatchGoldenAsync(DiffText.Write, "diff/report.txt");

    [Fact]
    public void Write_NoChanges_SaysSo()
    {
        // Given two docs that promise the same
        // When written as text
        // Then it is the summary line alone
        DiffText.Write(Recordings.Unchanged).ShouldBe("no changes\n");
    }
}
