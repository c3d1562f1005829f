using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

public sealed class LintCommandTests
{
    [Fact]
    public async Task Lint_ShippedDocs_ExitsZeroWithTheMisspellingAsWarning()
    {
        // Given the shipped docs and overrides
        // When they are linted
        var result = await Support.Cli.RunAsync("lint", "--docs", TestDocs.Base);

        // Then only the misspelled reference in 2.36 is reported, as a warning
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        result.Out.ShouldContain("get-op-api/2.36.txt:21: warning: field `channel` refers to `Channle`, which is misspelled; using the closest section, `Channel`");
        result.Out.ShouldEndWith("3 docs, 0 errors, 1 warnings\n");
    }

    [Fact]
    public async Task Lint_Strict_FailsOnWarnings()
    {
        var result = await Support.Cli.RunAsync("lint", "--docs", TestDocs.Base, "--strict");

        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Lint_WithoutOverrides_ReportsEachConflictAtItsLine()
    {
        // Given the shipped docs with an empty overrides file
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        File.WriteAllText(Path.Combine(temp.Path, "overrides.yaml"), "");

        // When they are linted
        var result = await Support.Cli.RunAsync("lint", "--docs", docs);

        // Then each doc/example conflict is an error at the example's line
        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("get-op-api/2.36.txt:87: error: example at data.createTime: expected string or null, found integer 1442307258460");
        result.Out.ShouldContain("get-op-api/2.36.txt:122: error: example at data.clientType: expected string or null, found integer 4");
        result.Out.ShouldContain("get-op-api/2.19.txt:46: error: example at data.chats[0].userGradeChatCount: documented field `userGradeChatCount` is absent from the example");
    }

    [Fact]
    public async Task Lint_BrokenDocBesideGoodOnes_ReportsItAndStillChecksTheOthers()
    {
        // Given one unreadable doc among the shipped ones
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        temp.Write("docs/get-op-api/9.9.txt", "##9.9 坏文档\n###URL:\n\n###方式:\npost\n");
        temp.Write("docs/get-op-api/9.8.txt", "##9.8 坏例子\n###URL:\n/op/v2/x\n###方式:\npost\n###返回数据:\n|字段|类型|描述|备注|\n|:--|:--|:--|:--|\n|a|String|x| |\n###返回json格式示例：\n```\n{\"code\": 200, \"data\": {\"a\": 1,\n```\n");

        // When they are linted
        var result = await Support.Cli.RunAsync("lint", "--docs", docs);

        // Then each unreadable doc is one line with file:line on stderr and a usage error (2), as in every command,
        // and the shipped docs were still checked
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"{docs}/get-op-api/9.9.txt:2: error: expected `###URL:` followed by a URL or a path");
        result.Out.ShouldContain($"{docs}/get-op-api/9.8.txt:12: error: example: the body is not valid JSON");
        result.Out.ShouldContain("`Channle`");
        result.Out.ShouldNotContain("9.9.txt:2: error");
        result.Out.ShouldNotContain("   at ");
    }
}
