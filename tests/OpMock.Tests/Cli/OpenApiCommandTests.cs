using OpMock.Tests.OpenApi;
using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

public sealed class OpenApiCommandTests
{
    [Fact]
    public async Task Run_NoOut_PrintsTheDocument()
    {
        // Given the shipped docs
        // When the document is exported without --out
        var result = await Support.Cli.RunAsync("openapi", "--docs", TestDocs.Base);

        // Then stdout is the document itself, nothing else
        result.ExitCode.ShouldBe(0, result.Error);
        result.Error.ShouldBeEmpty();
        result.Out.ShouldBe(await ShippedDocs.ExportAsync());
    }

    [Fact]
    public async Task Run_Out_WritesTheFileAndOnlyIt()
    {
        // Given an output folder that does not exist yet
        using var temp = new TempFolder();
        var output = Path.Combine(temp.Path, "api", "openapi.json");

        // When the document is exported to it, twice (the second run replaces the first)
        (await Support.Cli.RunAsync("openapi", "--docs", TestDocs.Base, "--out", output)).ExitCode.ShouldBe(0);
        var result = await Support.Cli.RunAsync("openapi", "--docs", TestDocs.Base, "--out", output);

        // Then the file holds the document, no temporary file is left, and the run says what it wrote
        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.Trim().ShouldBe($"3 routes written to {output}");
        File.ReadAllText(output).ShouldBe(await ShippedDocs.ExportAsync());
        Directory.GetFiles(Path.GetDirectoryName(output)!).ShouldBe([output]);
    }

    [Fact]
    public async Task Run_BrokenDoc_WritesTheRestAndExitsTwo()
    {
        // Given the shipped docs plus one doc with no URL
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        temp.Write("docs/get-op-api/9.9.txt", "##9.9 坏文档\n###方式:\npost\n");

        // When they are exported
        var result = await Support.Cli.RunAsync("openapi", "--docs", docs);

        // Then the error names the file, the other routes are still exported, and the run fails as every command does
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("get-op-api/9.9.txt:");
        result.Out.ShouldContain("\"/op/v2/getChatInfoByUserId\"");
    }

    [Fact]
    public async Task Run_MissingDocsFolder_ExitsTwoWithOneLine()
    {
        var result = await Support.Cli.RunAsync("openapi", "--docs", "/nonexistent/docs");

        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe("error: docs folder not found: /nonexistent/docs");
    }

    [Fact]
    public async Task Run_Ports_AreTheServersListed()
    {
        // Given the ports `opmock serve` was told to use
        // When the document is exported with the same options
        var result = await Support.Cli.RunAsync("openapi", "--docs", TestDocs.Base, "--port", "9000", "--app-port", "9001");

        // Then its servers are there, per route too
        var (document, _) = ShippedDocs.Read(result.Out);
        document!.Servers!.Select(s => s.Url).ShouldBe(["http://127.0.0.1:9000", "http://127.0.0.1:9001"]);
        document.Paths["/opapp/transfer"].Servers!.Single().Url.ShouldBe("http://127.0.0.1:9001");
        document.Paths["/op/v2/receives"].Servers!.Single().Url.ShouldBe("http://127.0.0.1:9000");
    }

    [Theory]
    [InlineData("--port", "0")]
    [InlineData("--app-port", "70000")]
    public async Task Run_PortOutOfRange_ExitsTwoNamingTheOption(string option, string value)
    {
        var result = await Support.Cli.RunAsync("openapi", "--docs", TestDocs.Base, option, value);

        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe($"error: {option} must be a port number (1-65535): {value}");
    }

    [Fact]
    public async Task Run_OutIsAFolder_ExitsTwoAndLeavesNoTemporaryFile()
    {
        // Given --out naming an existing folder
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "openapi.json")).FullName;

        // When the document is exported there
        var result = await Support.Cli.RunAsync("openapi", "--docs", TestDocs.Base, "--out", folder);

        // Then the run fails with one line, and nothing half-written is left behind
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith("error: ");
        result.Error.Trim().ShouldNotContain("\n");
        Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }
}
