using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;

namespace OpMock.Tests.Docs;

public sealed class FieldTableHeaderTests
{
    private static (ApiDoc Doc, IReadOnlyList<Finding> Findings) ParseInput(string header, string row)
    {
        var separator = "|" + string.Concat(Enumerable.Repeat("---|", header.Count(c => c == '|') - 1));
        var text = $"##1.1 测试\n###URL:\n/op/v2/test\n###方式:\npost\n###输入参数:\n{header}\n{separator}\n{row}\n";
        var (doc, findings) = DocParser.Parse("t/1.1.txt", text);
        return (doc.ShouldNotBeNull(), findings);
    }

    [Theory]
    [InlineData("|字段|类型|描述|可为空|备注|", "|userId|String|用户ID|否|主键|", true, "用户ID", "主键")]
    [InlineData("|字段|类型|描述|可为空|备注|", "|userId|String|用户ID|是|主键|", false, "用户ID", "主键")]
    [InlineData("|参数名|类型|必填|说明|备注|", "|userId|string|是|用户ID|主键|", true, "用户ID", "主键")]
    [InlineData("|参数名|类型|必填|说明|备注|", "|userId|string|否|用户ID|主键|", false, "用户ID", "主键")]
    [InlineData("|参数名称|类型|是否必填|描述|", "|userId|String|是|用户ID|", true, "用户ID", "")]
    [InlineData("|字段名|类型|是否必须|描述|", "|userId|String|是|用户ID|", true, "用户ID", "")]
    [InlineData("|名称|类型|可为空|说明|", "|userId|STRING|否|用户ID|", true, "用户ID", "")]
    [InlineData("|参数|参数类型|必选|参数说明|备注|", "|userId|String|是|用户ID|主键|", true, "用户ID", "主键")]
    [InlineData("|字段名称|数据类型|是否可为空|含义|备注|", "|userId|String|否|用户ID|主键|", true, "用户ID", "主键")]
    [InlineData("|Name|Type|Required|Description|Remark|", "|userId|String|yes|用户ID|主键|", true, "用户ID", "主键")]
    [InlineData("|字段|类型|描述|说明|可为空|备注|", "|userId|String|用户ID|主键|否|唯一|", true, "用户ID 主键", "唯一")]
    [InlineData("| 字段 | 类型 | 可为空 | 描述 |", "| userId | String | 否 | 用户ID |", true, "用户ID", "")]
    [InlineData("|参数名(name)|类型（type）|是否必填(Y/N)|说明|", "|userId|String|Y|用户ID|", true, "用户ID", "")]
    [InlineData("|**字段**|**类型**|**描述**|**可为空**|", "|userId|String|用户ID|否|", true, "用户ID", "")]
    public void Parse_HeaderVariants_FindEveryColumnByName(string header, string row, bool required, string description, string remark)
    {
        // Given an input table with a header as some author writes it
        // When the doc is parsed
        var (doc, findings) = ParseInput(header, row);

        // Then each cell is read from the column its header names; 必填 是 is the inverse of 可为空 是
        findings.ShouldBeEmpty();
        var field = doc.Input.ShouldHaveSingleItem();
        (field.Name, field.Type.Kind, field.Required, field.Nullable).ShouldBe(("userId", FieldKind.String, required, !required));
        (field.Description, field.Remark).ShouldBe((description, remark));
    }

    [Theory]
    [InlineData("string", "String")]
    [InlineData("STRING", "String")]
    [InlineData("Integer", "Integer")]
    [InlineData("INTEGER", "Integer")]
    [InlineData("int", "Integer")]
    [InlineData("BOOLEAN", "Boolean")]
    [InlineData("long", "Integer")]
    [InlineData("double", "Number")]
    [InlineData("List<STRING>", "List")]
    public void Parse_TypesInAnyCase_AreRead(string type, string kind)
    {
        var (doc, findings) = ParseInput("|参数名|类型|必填|说明|", $"|userId|{type}|是|x|");

        findings.ShouldBeEmpty();
        doc.Input.Single().Type.Kind.ToString().ShouldBe(kind);
    }

    [Fact]
    public void Parse_BothDescriptionAndExplanationColumns_ReadHintsFromEach()
    {
        // Given 描述 with the text and 说明 with the enum
        var (doc, findings) = ParseInput("|字段|类型|描述|说明|必填|", "|gender|int|性别|0-未知 1-男 2-女|否|");

        // Then the enum is read from 说明 and both texts are the description
        findings.ShouldBeEmpty();
        var field = doc.Input.Single();
        field.Description.ShouldBe("性别 0-未知 1-男 2-女");
        field.Hints.Options.Select(o => o.Label).ShouldBe(["未知", "男", "女"]);
    }

    [Theory]
    [InlineData("|字段|类型|描述|可为空|示例|", "|userId|String|用户ID|否|u0001|", "示例")]
    [InlineData("|字段|类型|描述|可为空|示例值|", "|userId|String|用户ID|否|x|", "示例值")]
    [InlineData("|字段|类型|描述啊|可为空|", "|userId|String|用户ID|否|", "描述啊")]
    public void Parse_UnknownHeader_IsAWarningNamingItAndTheKnownHeaders(string header, string row, string unknown)
    {
        // Given a header cell OpMock does not read
        var (doc, findings) = ParseInput(header, row);

        // Then lint gets a warning on the header line naming the cell and the headers OpMock knows,
        // and the rest of the table is still read
        var warning = findings.ShouldHaveSingleItem();
        (warning.Line, warning.Severity).ShouldBe((7, Severity.Warning));
        warning.Message.ShouldContain($"column `{unknown}`");
        warning.Message.ShouldContain("字段, 字段名");
        warning.Message.ShouldContain("可为空");
        doc.Input.Single().Name.ShouldBe("userId");
    }

    [Fact]
    public void Parse_ValuesAndDefaultColumns_AreHints()
    {
        // Given 取值范围 and 默认值 columns
        var (doc, findings) = ParseInput("|参数名|类型|必填|说明|取值范围|默认值|", "|pageSize|int|否|每页条数|1~50|20|");

        // Then they are read as the range and the default
        findings.ShouldBeEmpty();
        var hints = doc.Input.Single().Hints;
        (hints.Minimum, hints.Maximum, hints.Default).ShouldBe((1m, 50m, (object?)20L));
    }

    [Fact]
    public void Parse_HeaderWithoutNameColumn_IsAnError()
    {
        var (_, findings) = ParseInput("|键|类型|描述|", "|userId|String|用户ID|");

        findings.ShouldContain(f => f.Severity == Severity.Error && f.Message.Contains("字段"));
        findings.ShouldContain(f => f.Severity == Severity.Warning && f.Message.Contains("column `键`"));
    }
}
