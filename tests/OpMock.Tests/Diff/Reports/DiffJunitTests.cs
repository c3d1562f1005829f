using OpMock.Core.Diff.Reports;

namespace OpMock.Tests.Diff.Reports;

public sealed class DiffJunitTests
{
    [Fact]
    public Task Write_ChangesAndBrokenExchanges_MatchesGolden() =>
        // Given the diff folders' changes and the recording replayed against the later docs, written as JUnit XML
        Recordings.MatchGoldenAsync(DiffJunit.Write, "diff/report.xml");

    [Fact]
    public void Write_NoChanges_SaysSo()
    {
        // Given two docs that promise the same
        // When written as JUnit XML
        // Then the suite has no test case to fail
        var suite = System.Xml.Linq.XDocument.Parse(DiffJunit.Write(Recordings.Unchanged)).Root!.Element("testsuite")!;
        (suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value).ShouldBe(("0", "0"));
    }
}
