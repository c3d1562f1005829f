using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

/// <summary>
/// Tests that set real OPMOCK_* variables or the current folder run alone: the process environment is shared by every test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "Process environment";
}

[Collection(ProcessEnvironment.Name)]
public sealed class ProcessEnvironmentTests
{
    [Fact]
    public async Task Run_DocsFromTheEnvironment_LintsThatFolder()
    {
        // Given OPMOCK_DOCS naming a copy of the docs with one broken doc added
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        temp.Write("docs/get-op-api/9.9.txt", "##9.9 坏文档\n###方式:\npost\n");

        // When lint runs with no --docs
        var result = await WithVariable("OPMOCK_DOCS", docs, () => Support.Cli.RunAsync("lint"));

        // Then it linted that folder (its broken doc a usage error, as in every command)
        result.ExitCode.ShouldBe(2, result.Out + result.Error);
        result.Error.ShouldContain("get-op-api/9.9.txt");
    }

    [Fact]
    public async Task Run_BadFlagInTheEnvironment_ExitsTwoNamingTheVariable()
    {
        var result = await WithVariable("OPMOCK_STRICT", "maybe", () => Support.Cli.RunAsync("lint", "--docs", TestDocs.Base));

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("environment variable OPMOCK_STRICT=\"maybe\" is not a valid flag");
        result.Out.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_OutsideTheRepoWithoutDocs_UsesTheDocsPackedBesideTheTool()
    {
        // Given a current folder with no schemas/docs in it (the tests' bin holds what the tool packs)
        using var elsewhere = new TempFolder();
        var before = Environment.CurrentDirectory;
        Environment.CurrentDirectory = elsewhere.Path;
        try
        {
            // When lint runs with no --docs
            var result = await Support.Cli.RunAsync("lint");

            // Then it linted the packed copy of the shipped docs, with their overrides
            result.ExitCode.ShouldBe(0, result.Out + result.Error);
            result.Out.ShouldContain(Path.Combine(AppContext.BaseDirectory, "defaults", "schemas", "docs", "get-op-api", "2.36.txt"));
            result.Out.ShouldContain($"{TestDocs.Count(Repo.Docs)} docs, 0 errors");
        }
        finally
        {
            Environment.CurrentDirectory = before;
        }
    }

    [Fact]
    public async Task Run_StatePasswordInTheEnvironmentAndAFile_ExitsTwoAskingForOne()
    {
        // Given OPMOCK_STATE_PASSWORD and a password file as well
        using var temp = new TempFolder();
        var file = temp.Write("secret", "s3cret\n");

        // When serve starts with both
        var result = await WithVariable("OPMOCK_STATE_PASSWORD", "other", () => Support.Cli.RunAsync(
            "serve", "--docs", TestDocs.Base, "--port", "0", "--app-port", "0", "--state", "redis://127.0.0.1:6379", "--state-password-file", file));

        // Then it asks for one of them
        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe("error: give the state password once: OPMOCK_STATE_PASSWORD or --state-password-file, not both");
    }

    [Fact]
    public async Task Run_StatePasswordInTheEnvironment_ServesWithTheSharedStore()
    {
        // Given a Redis that asks for a password, and the password in OPMOCK_STATE_PASSWORD
        await using var redis = await RedisServer.StartAsync(password: "s3cret");
        using var output = new WatchedWriter();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // When serve starts on it
        var served = await WithVariable("OPMOCK_STATE_PASSWORD", "s3cret", async () =>
        {
            var run = OpMock.Cli.OpMockCli.RunAsync(["serve", "--docs", TestDocs.Base, "--port", "0", "--app-port", "0", "--state", redis.Url],
                output, output, cancel.Token);

            // (its banner is printed once it serves)
            await output.UntilAsync(text => text.Contains("serving", StringComparison.Ordinal), run, TimeSpan.FromSeconds(30));

            await cancel.CancelAsync();
            return (Code: await run.WaitAsync(TimeSpan.FromSeconds(10)), Printed: output.ToString());
        });

        // Then it connected with that password and served until stopped
        served.Code.ShouldBe(0, served.Printed);
        served.Printed.ShouldContain($"session state: {redis.Url}/0, shared by every replica started on these docs, fixtures and seed (idle sessions expire after 24h)");
        served.Printed.ShouldContain("serving");
    }

    private static async Task<T> WithVariable<T>(string name, string value, Func<Task<T>> action)
    {
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            return await action();
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
