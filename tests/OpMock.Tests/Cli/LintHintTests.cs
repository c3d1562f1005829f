using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

public sealed class LintHintTests
{
    [Fact]
    public async Task Lint_ShippedDocsPlusWikiDocs_NoErrors()
    {
        // Given the wiki docs (other headers, enums, ranges, defaults) beside the shipped ones
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithWiki(temp);

        // When they are linted
        var result = await Support.Cli.RunAsync("lint", "--docs", docs, "--overrides", Path.Combine(temp.Path, "overrides.yaml"));

        // Then every hint is read: no error, and no warning about a column or a hint
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        result.Out.ShouldContain(" 0 errors");
        result.Out.ShouldNotContain("column `");
        result.Out.ShouldNotContain("hint");
        result.Out.ShouldNotContain("enum");
    }

    [Fact]
    public async Task Lint_UnreadableHintAndUnknownColumn_WarnWithFileLineFieldAndText()
    {
        // Given a doc with a header cell OpMock does not know and an int enum written with letters
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        temp.Write("docs/get-op-api/5.8.txt", """
            ##5.8 测试提示
            ###URL:
            /op/v2/hintProbe
            ###方式:
            POST
            ###输入参数:
            |字段|类型|描述|可为空|示例|
            |:----|:----|:----|:----|:----|
            |userId|String|用户ID|否|u0001|
            ###返回数据:
            |字段|类型|描述|备注|
            |:----|:----|:----|:----|
            |gender|int|性别|a-未知 b-男|
            |level|int|等级|5~1|
            """);

        // When the docs are linted
        var result = await Support.Cli.RunAsync("lint", "--docs", docs, "--overrides", Path.Combine(temp.Path, "overrides.yaml"));

        // Then each is a warning at its line, naming the field and the text; the run still passes
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        result.Out.ShouldContain("get-op-api/5.8.txt:7: warning: column `示例` is not one OpMock reads");
        result.Out.ShouldContain("get-op-api/5.8.txt:13: warning: field `gender`: enum `a-未知 b-男`: a, b are not of type int; not applied");
        result.Out.ShouldContain("get-op-api/5.8.txt:14: warning: field `level`: the range's minimum 5 is above its maximum 1; range not applied");
    }
}
