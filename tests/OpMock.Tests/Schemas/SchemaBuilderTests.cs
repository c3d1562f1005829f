using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;

namespace OpMock.Tests.Schemas;

/// <summary>Field schemas built from doc rows, checked with the validator that uses them.</summary>
public sealed class SchemaBuilderTests
{
    // One author's schedule doc: a shift's times to the minute, a month, and times the doc says may be empty.
    private const string Rows = """
        |shiftDate|String|日期|yyyy-MM-dd|
        |month|String|月份|yyyy-MM|
        |startTime|String|上班时间|HH:mm，休息时为空|
        |bookTime|String|预约时间|yyyy-MM-dd HH:mm|
        |checkInTime|String|打卡时间|yyyy-MM-dd HH:mm:ss，未打卡为空|
        |createTime|String|创建时间|yyyy-MM-dd HH:mm:ss|
        """;

    private static async Task<SchemaChecker> Checker()
    {
        var (doc, findings) = DocParser.Parse("t/52.1.txt", $"##52.1 排班\n###URL:\n/op/v2/getShift\n###方式:\npost\n###返回数据:\n|字段|类型|描述|备注|\n|:--|:--|:--|:--|\n{Rows}\n");
        findings.ShouldBeEmpty();
        var properties = new JsonObject();
        foreach (var field in doc.ShouldNotBeNull().Output)
        {
            properties[field.Name] = SchemaBuilder.Field(field, forRequest: false);
        }

        return await SchemaChecker.CompileAsync(new JsonObject { ["$schema"] = SchemaBuilder.Draft07, ["type"] = "object", ["properties"] = properties });
    }

    [Theory]
    [InlineData("shiftDate", "2016-03-01")]
    [InlineData("month", "2016-03")]
    [InlineData("startTime", "08:00")]
    [InlineData("startTime", "")]
    [InlineData("bookTime", "2016-03-01 08:30")]
    [InlineData("checkInTime", "2016-03-01 07:52:10")]
    [InlineData("checkInTime", "")]
    [InlineData("createTime", "2016-03-01 07:52:10")]
    public async Task Field_ValueInItsFormatOrEmptyWhereTheDocAllows_Accepted(string field, string value)
    {
        var checker = await Checker();

        checker.Check(new JsonObject { [field] = value }.ToJsonString()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("month", "2016-03-01", "yyyy-MM")]
    [InlineData("month", "2016-13", "yyyy-MM")]
    [InlineData("startTime", "08:00:00", "HH:mm")]
    [InlineData("startTime", "25:00", "HH:mm")]
    [InlineData("bookTime", "2016-03-01 08:30:00", "yyyy-MM-dd HH:mm")]
    [InlineData("createTime", "", "yyyy-MM-dd HH:mm:ss")]
    [InlineData("shiftDate", "", "yyyy-MM-dd")]
    public async Task Field_ValueOutOfItsFormat_NamesTheFormat(string field, string value, string pattern)
    {
        var checker = await Checker();

        var violation = checker.Check(new JsonObject { [field] = value }.ToJsonString()).ShouldHaveSingleItem();

        violation.Path.ShouldBe(field);
        violation.Expected.ShouldBe($"text in the format {pattern}");
    }
}
