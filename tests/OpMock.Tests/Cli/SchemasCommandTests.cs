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

    [Fact]
    public async Task Run_OneBrokenDoc_WritesTheOthersAndKeepsItsLastSchemas()
    {
        // Given schemas generated from good docs, after which one doc is broken
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        var output = Path.Combine(temp.Path, "json");
        (await Support.Cli.RunAsync("schemas", "--docs", docs, "--out", output)).ExitCode.ShouldBe(0);
        var kept = File.ReadAllText(Path.Combine(output, "get-op-api", "2.19.response.schema.json"));
        File.WriteAllText(Path.Combine(docs, "get-op-api", "2.19.txt"), "##2.19 坏了\n###URL:\n###方式:\npost\n");
        File.Delete(Path.Combine(output, "get-op-api", "2.36.request.schema.json"));

        // When the schemas are generated again
        var result = await Support.Cli.RunAsync("schemas", "--docs", docs, "--out", output);

        // Then the broken doc is one clear line and a usage error (2, as in every command), the others are written,
        // and its old schema stays whole
        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe($"{docs}/get-op-api/2.19.txt:2: error: expected `###URL:` followed by a URL or a path");
        File.Exists(Path.Combine(output, "get-op-api", "2.36.request.schema.json")).ShouldBeTrue();
        File.ReadAllText(Path.Combine(output, "get-op-api", "2.19.response.schema.json")).ShouldBe(kept);
        Directory.EnumerateFiles(output, "*.tmp", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_DocRemoved_RemovesItsSchemas()
    {
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        var output = Path.Combine(temp.Path, "json");
        (await Support.Cli.RunAsync("schemas", "--docs", docs, "--out", output)).ExitCode.ShouldBe(0);
        File.Delete(Path.Combine(docs, "get-op-app", "2.9.txt"));

        var result = await Support.Cli.RunAsync("schemas", "--docs", docs, "--out", output);

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("removed: " + Path.Combine(output, "get-op-app/2.9.response.schema.json"));
        File.Exists(Path.Combine(output, "get-op-app", "2.9.request.schema.json")).ShouldBeFalse();
    }
}
