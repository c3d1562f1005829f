using System.Text.Json.Nodes;
using OpMock.Cli.Commands;
using OpMock.Tests.Diff;
using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

public sealed class DiffCommandTests
{
    [Fact]
    public async Task Run_BreakingChanges_ExitsOneWithATablePerRoute()
    {
        // Given the base folder and its later version, with a breaking change among others
        // When compared
        var result = await Support.Cli.RunAsync("diff", "--base", DiffDocs.Before, "--docs", DiffDocs.After);

        // Then the run fails, each route's table starts with its breaking changes, and a summary closes it
        result.ExitCode.ShouldBe(1, result.Error);
        result.Error.ShouldBeEmpty();
        result.Out.ShouldContain("/op/v2/getMemberProfile\n  breaking ");
        result.Out.TrimEnd().Split('\n')[^1].ShouldBe("5 breaking, 4 potentially-breaking, 4 safe changes on 5 routes");
    }

    [Fact]
    public async Task Run_SameDocs_ExitsZero()
    {
        // Given a folder compared with itself
        // When compared
        var result = await Support.Cli.RunAsync("diff", "--base", DiffDocs.Before, "--docs", DiffDocs.Before);

        // Then nothing changed and the run passes
        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldBe("no changes\n");
    }

    [Theory]
    [InlineData("breaking", 0)]
    [InlineData("potentially-breaking", 1)]
    public async Task Run_OnlyPotentiallyBreakingChange_FailsOnlyWhenTheBarIsRaised(string failOn, int exit)
    {
        // Given a later doc whose only change is a widened response range (potentially-breaking)
        using var temp = new TempFolder();
        var after = Copy(temp, DiffDocs.Before, "after");
        var doc = Path.Combine(after, "get-op-api", "9.2.txt");
        File.WriteAllText(doc, File.ReadAllText(doc).Replace("|priority|int|优先级|0~3|", "|priority|int|优先级|0~5|"));

        // When compared with --fail-on
        var result = await Support.Cli.RunAsync("diff", "--base", DiffDocs.Before, "--docs", after, "--fail-on", failOn);

        // Then the exit code follows the bar
        result.ExitCode.ShouldBe(exit, result.Out + result.Error);
        result.Out.ShouldContain("potentially-breaking");
    }

    [Fact]
    public async Task Run_GitRevisionAsBase_ComparesTheDocsPathAtThatRevision()
    {
        // Given a repository whose HEAD~1 holds the base docs and HEAD the later ones
        using var temp = new TempFolder();
        var docs = BaseDocsTests.Repository.WithHistory(temp);

        // When the working docs are compared with HEAD~1 as JSON
        var result = await Support.Cli.RunAsync("diff", "--base", "HEAD~1", "--docs", docs, "--format", "json");

        // Then the same changes are found as between the two folders
        result.ExitCode.ShouldBe(1, result.Error);
        var summary = JsonNode.Parse(result.Out)!["summary"]!;
        (summary["breaking"]!.GetValue<int>(), summary["potentiallyBreaking"]!.GetValue<int>(), summary["safe"]!.GetValue<int>()).ShouldBe((5, 4, 4));
        summary["base"]!.GetValue<string>().ShouldBe("HEAD~1");
    }

    [Fact]
    public async Task Run_RecordedTraffic_ListsTheBrokenExchangesAndExitsOne()
    {
        // Given traffic recorded from the base docs' mock
        using var temp = new TempFolder();
        var har = await Recordings.RecordAsync(temp);

        // When the later docs are compared with it replayed, as JSON, on a bar no change reaches
        var result = await Support.Cli.RunAsync("diff", "--base", DiffDocs.Before, "--docs", DiffDocs.After, "--har", har, "--format", "json");

        // Then exactly the broken exchanges are listed, each with its index, method, URL, path and cause
        var json = JsonNode.Parse(result.Out)!;
        var exchanges = json["exchanges"]!.AsArray();
        exchanges.Select(e => e!["index"]!.GetValue<int>()).Distinct().Order().ShouldBe(Recordings.Broken.Keys.Order());
        exchanges.ShouldAllBe(e => e!["method"] != null && e["url"] != null && e["path"] != null && e["cause"]!["kind"] != null);
        json["summary"]!["exchangesBroken"]!.GetValue<int>().ShouldBe(Recordings.Broken.Count);
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Run_DocThatDoesNotParse_ExitsTwoNamingFileAndLine()
    {
        // Given later docs, one of which has a field of no known type
        using var temp = new TempFolder();
        var after = Copy(temp, DiffDocs.After, "after");
        var doc = Path.Combine(after, "get-op-api", "9.2.txt");
        File.WriteAllText(doc, File.ReadAllText(doc).Replace("|subject|string|", "|subject|strnig|"));

        // When compared
        var result = await Support.Cli.RunAsync("diff", "--base", DiffDocs.Before, "--docs", after);

        // Then the run is bad input, naming the file and the line
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(Path.Combine(after, "get-op-api/9.2.txt") + ":27: error: field `subject` has an unknown type `strnig`");
        result.Out.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("--base", "/no/such/folder", "neither a folder nor a git revision")]
    [InlineData("--fail-on", "minor", "expected one of breaking, potentially-breaking, safe")]
    [InlineData("--format", "html", "expected one of text, json, junit, markdown")]
    public async Task Run_BadInput_ExitsTwoWithOneLine(string option, string value, string message)
    {
        // Given an option no run can follow
        var args = option == "--base"
            ? new[] { "diff", "--docs", Repo.Docs, "--base", value }
            : ["diff", "--base", DiffDocs.Before, "--docs", DiffDocs.After, option, value];

        // When run
        var result = await Support.Cli.RunAsync(args);

        // Then it is a usage error that says what is wrong
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(message);
        result.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_NoBase_ExitsTwo()
    {
        // Given no --base
        // When run
        var result = await Support.Cli.RunAsync("diff", "--docs", DiffDocs.After);

        // Then it says what --base is for
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--base is required");
    }

    [Theory]
    [InlineData("markdown", "## ❌ OpMock diff against")]
    [InlineData("junit", "<testsuite name=\"opmock diff\"")]
    public async Task Run_Format_WritesThatFormat(string format, string start)
    {
        // Given the two folders
        // When compared in a format for CI
        var result = await Support.Cli.RunAsync("diff", "--base", DiffDocs.Before, "--docs", DiffDocs.After, "--format", format);

        // Then that format is written
        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain(start);
    }

    [Theory]
    [InlineData(null, "text", "breaking", "--base is required")]
    [InlineData("origin/main", "html", "breaking", "--format must be one of text, json, junit, markdown")]
    [InlineData("origin/main", "text", "minor", "--fail-on must be one of breaking, potentially-breaking, safe")]
    public void Validate_SettingsNoRunCanFollow_SaysWhich(string? baseDocs, string format, string failOn, string message)
    {
        // Given settings as another caller (an environment, a test) might build them
        var settings = new DiffCommand.Settings(baseDocs, DiffDocs.After, null, [], format, failOn);

        // When validated
        // Then the one thing wrong is named
        Should.Throw<OpMock.Core.Diagnostics.OpMockException>(settings.Validate).Message.ShouldStartWith(message);
    }

    private static string Copy(TempFolder temp, string from, string name)
    {
        foreach (var file in TestDocs.Files(from))
        {
            temp.Write(Path.Combine(name, file), File.ReadAllText(Path.Combine(from, file)));
        }

        return Path.Combine(temp.Path, name);
    }
}
