using System.CommandLine;
using OpMock.Cli;
using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

/// <summary>Every value checked the same way from the command line and the environment; mistakes answered in one line.</summary>
public sealed class CliCheckTests
{
    [Theory]
    [InlineData("xml", "environment variable OPMOCK_FORMAT=\"xml\": expected one of text, json")]
    [InlineData("JSON", "environment variable OPMOCK_FORMAT=\"JSON\": expected one of text, json")]
    public void OneOf_VariableOutsideTheValues_IsAnErrorNamingTheVariable(string value, string message)
    {
        // Given --format with OPMOCK_FORMAT set to a value it does not take
        Func<string, string?> environment = name => name == "OPMOCK_FORMAT" ? value : null;
        var format = EnvironmentOptions.Create("--format", "Report format", () => "text", environment).OneOf(["text", "json"], environment);

        // When nothing is given on the command line
        var parsed = new RootCommand { format }.Parse("");

        // Then the variable is refused, by name, not silently ignored
        parsed.Errors.Select(e => e.Message).ShouldBe([message]);
    }

    [Theory]
    [InlineData("", "abc", "environment variable OPMOCK_TIMEOUT=\"abc\": expected a duration such as 5s or 500ms, found `abc`")]
    [InlineData("--timeout abc", null, "--timeout: expected a duration such as 5s or 500ms, found `abc`")]
    [InlineData("--timeout 2s", "abc", null)] // the command line wins, and is fine
    public void Check_Duration_NamesWhereTheBadValueCameFrom(string args, string? variable, string? message)
    {
        // Given --timeout checked as a duration, and OPMOCK_TIMEOUT set or not
        Func<string, string?> environment = name => name == "OPMOCK_TIMEOUT" ? variable : null;
        var timeout = EnvironmentOptions.Create("--timeout", "Bound", () => "5s", environment).Check(Durations.Problem, environment);

        // When the command line is parsed
        var parsed = new RootCommand { timeout }.Parse(args);

        // Then a bad value is an error naming the option or the variable it came from
        parsed.Errors.Select(e => e.Message).ShouldBe(message is null ? [] : [message]);
    }

    [Theory]
    [InlineData("serv", "error: unknown command `serv`; did you mean serve?")]
    [InlineData("valdiate", "error: unknown command `valdiate`; did you mean validate?")]
    [InlineData("proxi", "error: unknown command `proxi`; did you mean proxy?")]
    public async Task Run_MistypedCommand_SuggestsTheNearestInOneLine(string typed, string expected)
    {
        // When a command is mistyped
        var result = await Support.Cli.RunAsync(typed, "--docs", Repo.Docs);

        // Then the answer is a suggestion, not the whole help, and a usage error
        result.ExitCode.ShouldBe(2);
        result.Error.Split('\n')[0].ShouldBe(expected);
        result.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_UnrelatedWord_ListsTheCommands()
    {
        var result = await Support.Cli.RunAsync("xyzzyplugh");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith("error: unknown command `xyzzyplugh`; commands: schemas, lint, serve, validate, proxy");
    }

    [Fact]
    public async Task SchemasCheck_BadOverrides_SaysWhyAtItsLineNotUpToDate()
    {
        // Given the shipped docs and schemas, with an overrides.yaml broken on line 3
        using var temp = new TempFolder();
        var overrides = temp.Write("overrides.yaml", "overrides:\n  - doc: x\n\tpath: y\n");

        // When the schemas are checked
        var result = await Support.Cli.RunAsync("schemas", "--docs", Repo.Docs, "--overrides", overrides, "--out", Repo.SchemaJson, "--check");

        // Then the check fails naming the file and line (a usage error, as broken docs are everywhere), and never claims "up to date"
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"{overrides}:3: error: ");
        result.Out.ShouldNotContain("up to date");
        result.Error.Trim().Split('\n').Length.ShouldBe(1, result.Error);
    }
}
