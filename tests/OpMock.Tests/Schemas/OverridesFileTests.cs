using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;
using OpMock.Tests.Support;

namespace OpMock.Tests.Schemas;

public sealed class OverridesFileTests
{
    [Fact]
    public void Parse_ShippedOverrides_GiveOneDecisionPerConflict()
    {
        var (overrides, findings) = OverridesFile.Parse("overrides.yaml", File.ReadAllText(TestDocs.BaseOverrides));

        findings.ShouldBeEmpty();
        overrides.Select(o => $"{o.Doc} {o.Path}").ShouldBe([
            "get-op-api/2.36 createTime", "get-op-api/2.36 clientType",
            "get-op-api/2.19 chats[].userGradeChatCount", "get-op-api/2.19 chats[].userGradeOrderCount",
            "get-op-api/2.19 chats[].userGradeServiceCount"]);
        overrides.ShouldAllBe(o => o.Reason.Length > 20);
    }

    [Theory]
    [InlineData("a/1:\n  x:\n    type: [unclosed\n", 4, "not valid YAML")]
    [InlineData("a/1:\n  x:\n    type: Long\n   bad: 1\n", 4, "did not find expected key")]
    [InlineData("- a\n- b\n", 1, "expected a mapping of doc ids")]
    [InlineData("a/1: 3\n", 1, "expected a mapping of field paths")]
    [InlineData("a/1:\n  x: 3\n", 2, "expected settings")]
    [InlineData("a/1:\n  x:\n    typo: Long\n    reason: r\n", 3, "unknown setting `typo`")]
    [InlineData("a/1:\n  x:\n    type: Long\n", 3, "needs a one-line `reason`")]
    [InlineData("a/1:\n  x:\n    required: maybe\n    reason: r\n", 3, "must be true or false")]
    [InlineData("a/1:\n  x: {type: Long, reason: r\n  y:\n    type: Long\n", 2, "the `{` on this line is never closed")]
    public void Parse_BadYaml_GivesFindingAtTheLine(string yaml, int line, string message)
    {
        var (_, findings) = OverridesFile.Parse("overrides.yaml", yaml);

        var finding = findings.ShouldHaveSingleItem();
        finding.Severity.ShouldBe(Severity.Error);
        finding.Line.ShouldBe(line);
        finding.Message.ShouldContain(message);
    }

    [Fact]
    public void Parse_NestingDeeperThanTheLimit_GivesFindingAtTheLine()
    {
        // Given an override nested 10,000 levels deep (a recursive tree loader would overflow the stack)
        var yaml = "a/1:\n  x:\n    type: " + new string('[', 10_000) + new string(']', 10_000) + "\n";

        // When it is read, then the process survives and the finding names the line
        OverridesFile.Parse("overrides.yaml", yaml).Findings.Single().ToString().ShouldBe("overrides.yaml:3: error: nested more than 64 levels deep");
    }

    [Theory]
    [InlineData("nope/1:\n  createTime:\n    type: Long\n    reason: r\n", "no doc `nope/1`")]
    [InlineData("get-op-api/3.1:\n  missing:\n    type: Long\n    reason: r\n", "documents no field `missing`")]
    [InlineData("get-op-api/3.1:\n  orders[].nope:\n    type: Long\n    reason: r\n", "documents no field `orders.nope`")]
    [InlineData("get-op-api/3.1:\n  total:\n    type: Strng\n    reason: r\n", "unknown type `Strng`")]
    [InlineData("get-op-api/3.1:\n  total:\n    format: epoch\n    reason: r\n", "unknown format `epoch`")]
    public void Build_OverrideThatMatchesNothing_IsAnError(string yaml, string message)
    {
        var (overrides, parseFindings) = OverridesFile.Parse("overrides.yaml", yaml);
        var docs = DocSet.FromTexts("docs", [("get-op-api/3.1.txt", HouseDocs.Orders)]);

        var contract = ApiContract.Build(docs, overrides, parseFindings);

        contract.Findings.ShouldContain(f => f.File == "overrides.yaml" && f.Severity == Severity.Error && f.Message.Contains(message));
    }

    [Fact]
    public void Build_NestedOverride_ChangesTheSectionField()
    {
        var (overrides, _) = OverridesFile.Parse("o.yaml", "get-op-api/3.1:\n  orders[].payTime:\n    type: Long\n    format: epoch-millis\n    required: false\n    reason: r\n");
        var docs = DocSet.FromTexts("docs", [("get-op-api/3.1.txt", HouseDocs.Orders)]);

        var contract = ApiContract.Build(docs, overrides);

        var order = contract.Endpoints.Single().Response["definitions"]!["Order"]!;
        order["properties"]!["payTime"]!["format"]!.GetValue<string>().ShouldBe("epoch-millis");
        order["required"]!.ToJsonString().ShouldNotContain("payTime");
    }
}
