using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

public sealed class SchemasCommandTests
{
    [Fact]
    public async Task Check_ShippedSchemas_ExitsZero()
    {
        // Given the shipped docs and the schemas committed beside them
        // When the schemas are checked
        var result = await Support.Cli.RunAsync("schemas", "--docs", Repo.Docs, "--out", Repo.SchemaJson, "--check");

        // Then nothing is stale
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0, result.Out);
    }

    [Fact]
    public async Task Check_EditedSchema_ExitsOneAndNamesTheFile()
    {
        // Given generated schemas, one of which is then edited by hand
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        var output = Path.Combine(temp.Path, "json");
        (await Support.Cli.RunAsync("schemas", "--docs", docs, "--out", output)).ExitCode.ShouldBe(0);
        File.AppendAllText(Path.Combine(output, "get-op-api", "2.36.response.schema.json"), " ");
        File.Delete(Path.Combine(output, "get-op-app", "2.9.request.schema.json"));

        // When they are checked
        var result = await Support.Cli.RunAsync("schemas", "--docs", docs, "--out", output, "--check");

        // Then the run fails and names the stale and the missing file
        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("stale: " + Path.Combine(output, "get-op-api/2.36.response.schema.json"));
        result.Out.ShouldContain("missing: " + Path.Combine(output, "get-op-app/2.9.request.schema.json"));
    }

    [Fact]
    public async Task Run_MissingDocsFolder_ExitsTwoWithOneLine()
    {
        var result = await Support.Cli.RunAsync("schemas", "--docs", "/nonexistent/docs", "--check");

        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe("error: docs folder not found: /nonexistent/docs");
    }
}
