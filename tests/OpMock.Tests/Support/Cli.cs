using OpMock.Cli;

namespace OpMock.Tests.Support;

/// <summary>Runs `opmock` in process, as a user would type it, and captures what it prints.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await OpMockCli.RunAsync(args, output, error, CancellationToken.None);
        return new Result(code, output.ToString(), error.ToString());
    }
}
