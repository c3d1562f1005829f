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

        // Then it linted that folder
        result.ExitCode.ShouldBe(1, result.Out + result.Error);
        result.Out.ShouldContain("get-op-api/9.9.txt");
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
