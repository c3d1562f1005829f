using OpMock.Core.Diff.Reports;

namespace OpMock.Tests.Diff.Reports;

public sealed class DiffJsonTests
{
    [Fact]
    public Task Write_ChangesAndBrokenExchanges_MatchesGolden() =>
        // Given the diff folders' changes and the recording replayed against the later docs, written as JSON
        Recordings.MatchGoldenAsync(DiffJson.Write, "diff/report.json");

    [Fact]
    public void Write_NoChanges_SaysSo()
    {
        // Given two docs that promise the same
        // When written as JSON
        // Then the lists are empty and the summary passes
        var json = System.Text.Json.Nodes.JsonNode.Parse(DiffJson.Write(Recordings.Unchanged))!;
        (json["changes"]!.AsArray().Count, json["exchanges"]!.AsArray().Count, json["summary"]!["passed"]!.GetValue<bool>()).ShouldBe((0, 0, true));
    }
}
