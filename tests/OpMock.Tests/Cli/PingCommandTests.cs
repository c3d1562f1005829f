using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

public sealed class PingCommandTests
{
    [Fact]
    public async Task Run_ServerUp_ExitsZero()
    {
        await using var server = new StubHttpServer(404);

        var result = await Support.Cli.RunAsync("ping", "--url", server.Url.ToString());

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.Trim().ShouldBe($"{server.Url} answered 404");
    }

    [Fact]
    public async Task Run_ServerDown_ExitsOneOnStderr()
    {
        var result = await Support.Cli.RunAsync("ping", "--url", $"http://127.0.0.1:{StubHttpServer.FreePort()}/", "--timeout", "2");

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("--url", "not a url", "error: --url must be an absolute http(s) address: not a url")]
    [InlineData("--url", "ftp://127.0.0.1/", "error: --url must be an absolute http(s) address: ftp://127.0.0.1/")]
    [InlineData("--timeout", "0", "error: --timeout: expected a duration such as 5s or 500ms, found `0`")]
    [InlineData("--timeout", "NaN", "error: --timeout: expected a duration such as 5s or 500ms, found `NaN`")]
    [InlineData("--timeout", "2h", "error: --timeout: expected a duration such as 5s or 500ms, found `2h`")]
    [InlineData("--timeout", "61m", "error: --timeout must be at most an hour: 61m")]
    public async Task Run_BadOption_ExitsTwoWithOneLine(string option, string value, string error)
    {
        var result = await Support.Cli.RunAsync("ping", option, value);

        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe(error);
    }
}
