using System.Text.Json.Nodes;
using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

public sealed class ValidateHintTests
{
    [Fact]
    public async Task Files_ValueOutsideEnumHint_ReportedAtItsPath()
    {
        // Given the wiki docs beside the shipped ones, and 5.1's example with gender 7 (the doc says 0-未知 1-男 2-女)
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithWiki(temp);
        var (doc, _) = OpMock.Core.Docs.DocParser.Parse("get-op-api/5.1.txt", await File.ReadAllTextAsync(Path.Combine(docs, "get-op-api", "5.1.txt")));
        var example = JsonNode.Parse(doc!.Example!.Text)!;
        example["data"]!["gender"] = 7;
        var file = temp.Write("user.json", example.ToJsonString());

        // When the file is validated for the route
        var result = await Support.Cli.RunAsync("validate", "--docs", docs, "--overrides", Path.Combine(temp.Path, "overrides.yaml"), "--route", "/op/v2/getUserDetail", file);

        // Then the run fails naming the path, the allowed values with their labels, and the value found
        result.ExitCode.ShouldBe(1, result.Out + result.Error);
        result.Out.ShouldContain("data.gender");
        result.Out.ShouldContain("expected one of 0 (未知), 1 (男), 2 (女), found integer 7");
    }
}
