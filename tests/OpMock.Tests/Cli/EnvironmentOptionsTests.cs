using System.CommandLine;
using OpMock.Cli;

namespace OpMock.Tests.Cli;

public sealed class EnvironmentOptionsTests
{
    [Theory]
    [InlineData("--docs", "OPMOCK_DOCS")]
    [InlineData("--port", "OPMOCK_PORT")]
    [InlineData("--app-port", "OPMOCK_APP_PORT")]
    [InlineData("--base-url", "OPMOCK_BASE_URL")]
    public void VariableFor_Option_IsPrefixedUpperSnakeCase(string option, string variable)
    {
        EnvironmentOptions.VariableFor(option).ShouldBe(variable);
    }

    [Theory]
    [InlineData("", null, 8080)] // nothing set: the built-in default
    [InlineData("", "9090", 9090)] // the variable
    [InlineData("", " 9090 ", 9090)] // as shells and compose files pad it
    [InlineData("", "", 8080)] // empty counts as unset
    [InlineData("--port 7070", "9090", 7070)] // the command line wins
    public void Create_IntOption_ReadsCommandLineThenVariableThenDefault(string args, string? variable, int expected)
    {
        // Given a --port option and an environment holding OPMOCK_PORT or not
        var port = Port(variable);

        // When a command line is parsed
        var parsed = new RootCommand { port }.Parse(args);

        // Then the value comes from the first that has one
        parsed.Errors.ShouldBeEmpty();
        parsed.GetValue(port).ShouldBe(expected);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("Yes", true)]
    [InlineData("on", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    public void Create_Flag_ReadsTheWaysContainersWriteBooleans(string value, bool expected)
    {
        var strict = EnvironmentOptions.Create("--strict", "Warnings fail", () => false, Environment(("OPMOCK_STRICT", value)));

        var parsed = new RootCommand { strict }.Parse("");

        parsed.Errors.ShouldBeEmpty();
        parsed.GetValue(strict).ShouldBe(expected);
    }

    [Theory]
    [InlineData("eighty", "environment variable OPMOCK_PORT=\"eighty\" is not a valid whole number")]
    [InlineData("99999999999", "environment variable OPMOCK_PORT=\"99999999999\" is not a valid whole number")]
    public void Create_UnparsableVariable_IsAParseErrorNamingIt(string value, string message)
    {
        // Given OPMOCK_PORT holding something that is not a port
        var port = Port(value);

        // When the command line is parsed
        var parsed = new RootCommand { port }.Parse("");

        // Then the error names the variable and its value
        parsed.Errors.Select(e => e.Message).ShouldBe([message]);
    }

    [Fact]
    public void Create_Option_SaysItsVariableInTheHelp()
    {
        Port(null).Description.ShouldBe("Port of the direct API [env: OPMOCK_PORT]");
    }

    private static Option<int> Port(string? value) =>
        EnvironmentOptions.Create("--port", "Port of the direct API", () => 8080, Environment(("OPMOCK_PORT", value)));

    private static Func<string, string?> Environment(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
