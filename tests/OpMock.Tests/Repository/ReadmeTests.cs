using System.Text.RegularExpressions;
using OpMock.Cli;
using OpMock.Tests.Support;

namespace OpMock.Tests.Repository;

/// <summary>
/// The commands of the README and the docs/ guides are checked here (or run by .ci/run), so they cannot rot;
/// their curls are sent by <see cref="GuideCurlTests"/>.
/// </summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));

    /// <summary>The README, then every guide under docs/ in name order: the pages a newcomer follows.</summary>
    private static readonly string Pages = string.Join("\n", [Readme, .. Repo.Guides().Select(File.ReadAllText)]);

    /// <summary>Shell lines of the pages' code blocks (the README's alone when asked), with `\` continuations joined and comments dropped.</summary>
    private static IEnumerable<string> ShellLines(bool readmeOnly = false) =>
        CodeBlock().Matches(readmeOnly ? Readme : Pages).Where(block => block.Groups["body"].Success)
            .SelectMany(block => block.Groups["body"].Value.Replace("\\\n", " ").Split('\n'))
            .Select(line => line.Trim().TrimStart('-', ' ').Replace("run: ", ""))
            .Select(line => CommentOutsideQuotes().Replace(line, "").Trim())
            .Where(line => line.Length > 0);

    public static TheoryData<string> OpmockCommands() => [.. CommandLines().Distinct(StringComparer.Ordinal)];

    private static IEnumerable<string> CommandLines()
    {
        foreach (var line in ShellLines())
        {
            var at = line.IndexOf("opmock ", StringComparison.Ordinal) is var i && i >= 0 && !line.Contains("install", StringComparison.Ordinal)
                ? i + "opmock ".Length
                : line.IndexOf("src/OpMock.Cli -- ", StringComparison.Ordinal) is var j && j >= 0 ? j + "src/OpMock.Cli -- ".Length : -1;
            if (at >= 0 && !line.StartsWith("docker", StringComparison.Ordinal))
            {
                yield return line[at..];
            }
        }
    }

    [Fact]
    public void FirstLines_GiveTheTwoSetupCommands_AndCiRunsTheTestOne()
    {
        // Given the README's first code block
        var first = ShellLines(readmeOnly: true).Take(2).Select(l => l.Trim()).ToList();

        // Then it starts the mock and runs the tests, and .ci/run runs that test command exactly
        first.ShouldBe(["dotnet run --project src/OpMock.Cli -- serve", "dotnet test"]);
        File.ReadAllLines(Path.Combine(Repo.Root, ".ci", "run")).ShouldContain(l => l.TrimStart().StartsWith("dotnet test 2>&1", StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_IsAQuickstart_AtMost150LinesLinkingEveryGuide()
    {
        // Given the README (the package's README too) and the guides under docs/
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "README.md"));

        // Then it stays a quickstart (issue 30: at most 150 lines), and every guide is one link away from it
        lines.Length.ShouldBeLessThanOrEqualTo(150);
        foreach (var guide in Repo.Guides())
        {
            Readme.ShouldContain($"(docs/{Path.GetFileName(guide)}", customMessage: guide);
        }
    }

    [Fact]
    public void CiRun_TestsThenRunsTheFrontendRecipe()
    {
        // Given .ci/run's commands (comments dropped)
        var commands = File.ReadAllLines(Path.Combine(Repo.Root, ".ci", "run")).Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToList();

        // Then after the tests it runs the Playwright example (examples/playwright through its script)
        var tests = commands.FindIndex(l => l.StartsWith("dotnet test", StringComparison.Ordinal));
        var recipe = commands.FindIndex(l => l == "build/playwright-steps.sh");
        tests.ShouldBeGreaterThanOrEqualTo(0);
        recipe.ShouldBeGreaterThan(tests);
        File.ReadAllText(Path.Combine(Repo.Root, "build", "playwright-steps.sh")).ShouldContain("examples/playwright");
    }

    [Theory]
    [MemberData(nameof(OpmockCommands))]
    public void OpmockCommand_InReadme_Parses(string commandLine)
    {
        // Given a command line as the README shows it
        var args = Tokenize(commandLine);

        // When the opmock command line reads it
        var parsed = OpMockCli.Build(new CliConsole(TextWriter.Null, TextWriter.Null)).Parse(args);

        // Then it names a real command with real options
        parsed.Errors.Select(e => e.Message).ShouldBeEmpty(commandLine);
        parsed.CommandResult.Command.Name.ShouldNotBe("opmock", commandLine);
    }

    [Fact]
    public void OpmockCommands_CoverEveryCommand()
    {
        var used = CommandLines().Select(line => Tokenize(line)[0]).ToHashSet();

        used.ShouldBeSubsetOf(["serve", "schemas", "lint", "validate", "proxy", "openapi", "diff"]);
        used.ShouldContain("serve");
        used.ShouldContain("validate");
        used.ShouldContain("schemas");
        used.ShouldContain("lint");
    }

    [Fact]
    public void ComposeFile_InReadme_IsTheShippedOneFromItsServices()
    {
        // Given the README's Compose example and the shipped compose.yaml
        var shipped = File.ReadAllText(Path.Combine(Repo.Root, "compose.yaml")).ReplaceLineEndings("\n");
        var shown = CodeBlock().Matches(Pages).Where(b => b.Groups["body"].Success).Select(b => b.Groups["body"].Value).Single(b => b.Contains("services:", StringComparison.Ordinal));

        // Then the README shows the file as shipped (its comments aside), and both replicas share one Redis by --state's variable
        shipped.ShouldEndWith(shown);
        shown.ShouldContain("OPMOCK_STATE: redis://redis:6379/0");
        Regex.Matches(shown, @"<<: \*opmock").Count.ShouldBe(2);
    }

    /// <summary>Splits like a shell: spaces separate, quotes group.</summary>
    private static string[] Tokenize(string line) =>
        [.. Token().Matches(line).Select(m => m.Groups["q"].Success ? m.Groups["q"].Value : m.Groups["d"].Success ? m.Groups["d"].Value : m.Value)];

    /// <summary>A fenced block of shell or YAML (or none named); a block in another language (js) is skipped whole.</summary>
    [GeneratedRegex(@"^```(?:sh|yaml|bash)?\n(?<body>.*?)^```|^```\w+\n.*?^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"\s+#.*$")]
    private static partial Regex CommentOutsideQuotes();

    [GeneratedRegex(@"'(?<q>[^']*)'|""(?<d>[^""]*)""|\S+")]
    private static partial Regex Token();
}
