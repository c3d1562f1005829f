using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

/// <summary>The one exception → exit-code map, as every command reaches it.</summary>
public sealed class ExitCodesTests
{
    /// <summary>A doc with no URL: it cannot be read, so nothing that reads the docs can run on it.</summary>
    private const string BrokenDoc = "##9.9 坏文档\n###方式:\npost\n";

    /// <summary>
    /// Every command that reads the docs, with what it needs besides them ({temp}: the test's folder). `diff` reads
    /// the broken folder as its base too: whichever side it reads first, the line names the same file.
    /// </summary>
    public static TheoryData<string, string[]> DocCommands => new()
    {
        { "schemas", ["--out", "{temp}/json"] },
        { "schemas", ["--check", "--out", "{temp}/json"] },
        { "openapi", ["--out", "{temp}/openapi.json"] },
        { "lint", [] },
        { "validate", ["--route", "/op/v2/receives", "{temp}/saved.json"] },
        { "proxy", ["--target", "http://127.0.0.1:9", "--port", "0"] },
        { "serve", ["--port", "0", "--app-port", "0", "--fixtures", "{temp}/fixtures"] },
        { "diff", ["--base", "{temp}/docs"] },
    };

    [Theory]
    [MemberData(nameof(DocCommands))]
    public async Task Run_BrokenDoc_ExitsTwoWithTheSameOneLineError(string command, string[] rest)
    {
        // Given the frozen test docs plus one doc that cannot be read
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        temp.Write("docs/get-op-api/9.9.txt", BrokenDoc);
        temp.Write("fixtures/world.yaml", "seed: 7\n");
        temp.Write("saved.json", """{"code":200,"message":"成功","data":null,"page":null,"foot":null}""");

        // When the command runs on them
        var result = await Support.Cli.RunAsync([command, "--docs", docs, .. rest.Select(a => a.Replace("{temp}", temp.Path, StringComparison.Ordinal))]);

        // Then it is a usage error (2) with one line naming the doc's file and line, the same for every command
        result.ExitCode.ShouldBe(2, result.Out + result.Error);
        result.Error.Trim().ShouldBe($"{docs}/get-op-api/9.9.txt:1: error: expected `###URL:` followed by a URL or a path");
    }
}
