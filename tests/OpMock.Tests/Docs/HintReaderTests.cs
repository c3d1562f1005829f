using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;

namespace OpMock.Tests.Docs;

public sealed class HintReaderTests
{
    private static HintReader.Result Read(string type, string description, string remark = "") =>
        HintReader.Read(TypeReader.Read(type), [description, remark]);

    private static string Options(FieldHints hints) =>
        string.Join(",", hints.Options.Select(o => $"{FieldHints.Show(o.Value)}:{o.Label}"));

    [Theory]
    [InlineData("int", "", "0-未知 1-男 2-女", "0:未知,1:男,2:女")]
    [InlineData("Integer", "", "`1`:用户 `2`:OP `3`:系统", "1:用户,2:OP,3:系统")]
    [InlineData("String", "", "text:文本 image:图片 voice:语音", "text:文本,image:图片,voice:语音")]
    [InlineData("BOOLEAN", "", "true上线 false下线", "true:上线,false:下线")]
    [InlineData("Boolean", "", "true:是 false:否", "true:是,false:否")]
    [InlineData("int", "", "0：未知，1：男，2：女", "0:未知,1:男,2:女")]
    [InlineData("int", "", "0=未知,1=男,2=女", "0:未知,1:男,2:女")]
    [InlineData("int", "", "0-未知、1-男、2-女", "0:未知,1:男,2:女")]
    [InlineData("int", "", "0:未知;1:男;2:女", "0:未知,1:男,2:女")]
    [InlineData("int", "", "0:未知；1:男；2:女。", "0:未知,1:男,2:女")]
    [InlineData("Long", "会话状态 `1`:待接入 `2`:服务中 `3`:已结束", "", "1:待接入,2:服务中,3:已结束")]
    [InlineData("String", "性别", "1-男 2-女", "1:男,2:女")]
    [InlineData("int", "", "-1-删除 0-正常 1-冻结", "-1:删除,0:正常,1:冻结")]
    [InlineData("int", "", "1(男) 2(女)", "1:男,2:女")]
    [InlineData("int", "", "1（男），2（女）。", "1:男,2:女")]
    [InlineData("String", "", "Y-是 N-否", "Y:是,N:否")]
    [InlineData("String", "", "M:男, F:女", "M:男,F:女")]
    [InlineData("Integer", "状态 0-未知 1-正常", "0-未知 1-正常", "0:未知,1:正常")]
    public void Read_EnumForms_GiveTypedValuesWithLabels(string type, string description, string remark, string expected)
    {
        // Given an enum as authors write it, in the 描述 or the 备注 cell
        // When the cells are read for the field's type
        var result = Read(type, description, remark);

        // Then every value is read, typed, with its label, and nothing is reported
        result.Problems.ShouldBeEmpty();
        Options(result.Hints).ShouldBe(expected);
    }

    [Theory]
    [InlineData("int", "0~5", "0", "5")]
    [InlineData("int", "1-5", "1", "5")]
    [InlineData("int", "条数，1-50", "1", "50")]
    [InlineData("int", "0～99", "0", "99")]
    [InlineData("int", "1到5", "1", "5")]
    [InlineData("int", "1 ~ 5", "1", "5")]
    [InlineData("int", "最大50", null, "50")]
    [InlineData("int", "最大值：50", null, "50")]
    [InlineData("Integer", "不超过50", null, "50")]
    [InlineData("Integer", "最多50条", null, "50")]
    [InlineData("int", "最小1", "1", null)]
    [InlineData("int", "至少1", "1", null)]
    [InlineData("Integer", "每页条数，默认20，最大50", null, "50")]
    [InlineData("int", "最小1，最大50", "1", "50")]
    [InlineData("Double", "0.5~9.5", "0.5", "9.5")]
    public void Read_RangeForms_GiveMinimumAndMaximum(string type, string cell, string? minimum, string? maximum)
    {
        var result = Read(type, "", cell);

        result.Problems.ShouldBeEmpty();
        result.Hints.Options.ShouldBeEmpty();
        result.Hints.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(minimum);
        result.Hints.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(maximum);
        (result.Hints.Minimum is null).ShouldBe(minimum is null);
        (result.Hints.Maximum is null).ShouldBe(maximum is null);
    }

    [Theory]
    [InlineData("int", "默认20", "20")]
    [InlineData("int", "默认值：20", "20")]
    [InlineData("Integer", "页码，默认1", "1")]
    [InlineData("Integer", "默认为20", "20")]
    [InlineData("Integer", "默认20条", "20")]
    [InlineData("Boolean", "默认true", "true")]
    [InlineData("Boolean", "默认否", "false")]
    [InlineData("String", "默认`text`", "text")]
    [InlineData("String", "消息类型，默认text", "text")]
    public void Read_DefaultForms_GiveTypedDefault(string type, string cell, string expected)
    {
        var result = Read(type, cell);

        result.Problems.ShouldBeEmpty();
        FieldHints.Show(result.Hints.Default.ShouldNotBeNull()).ShouldBe(expected);
    }

    [Fact]
    public void Read_DefaultAndMaximumAndEnumInBothCells_AreMerged()
    {
        var result = Read("Integer", "每页条数，默认20，最大50", "最小1");

        result.Problems.ShouldBeEmpty();
        (result.Hints.Minimum, result.Hints.Maximum, result.Hints.Default).ShouldBe((1m, 50m, (object?)20L));
    }

    [Theory]
    [InlineData("String", "详见`chats`")]
    [InlineData("String", "-")]
    [InlineData("String", "OP的ID，为空时取当前登录OP")]
    [InlineData("String", "会话创建时间,格式为`yyyy-MM-dd HH:mm:ss`")]
    [InlineData("String", "yyyy-MM-dd HH:mm:ss")]
    [InlineData("String", "yyyy-MM-dd")]
    [InlineData("String", "生日，格式：yyyy-MM-dd")]
    [InlineData("List", "详细请参考`Channle`")]
    [InlineData("Object", "详细信息参考`User`")]
    [InlineData("String", "用户Name")]
    [InlineData("String", "联系Id/userContactId")]
    [InlineData("List<Message>", "消息列表，按时间倒序")]
    [InlineData("String", "默认为空")]
    [InlineData("String", "默认取当前登录OP")]
    [InlineData("Integer", "默认为当前页")]
    [InlineData("String", "头像 http://7xkq6j.com1.z0.glb.clouddn.com/a.png?attname=&imageView2/1/w/200/h/200")]
    [InlineData("String", "客服电话 400-800-400")]
    [InlineData("String", "例如 2016-04-02 10:15:41")]
    [InlineData("Integer", "用户会话统计")]
    [InlineData("String", "json格式: 见示例")]
    [InlineData("String", "type=1时有效")]
    [InlineData("Double", "位置经度")]
    [InlineData("String", "OP的ID(staffId)")]
    [InlineData("String", "营业时间，如 9:00-18:00")]
    [InlineData("String", "比例 1:1")]
    [InlineData("String", "金额，单位：元")]
    public void Read_OrdinaryRemarks_AreNoHintsAndNoProblems(string type, string cell)
    {
        // Given a remark that is prose, a reference, a format or an example value
        var result = Read(type, cell, cell);

        // Then it gives no hint and is not reported
        result.Problems.ShouldBeEmpty();
        result.Hints.IsEmpty.ShouldBeTrue();
    }

    [Theory]
    [InlineData("int", "a-未知 b-男", "a, b are not of type int")]
    [InlineData("Integer", "x:文本 2:图片", "x is not of type Integer")]
    [InlineData("Boolean", "1-是 0-否", "1, 0 are not of type Boolean")]
    [InlineData("int", "5~1", "minimum 5 is above its maximum 1")]
    [InlineData("int", "最小10，最大5", "minimum 10 is above its maximum 5")]
    [InlineData("Integer", "默认abc", "`默认abc` is not of type Integer")]
    [InlineData("int", "1-男", "`1-男` looks like an enum with only one value")]
    [InlineData("String", "0~5", "range `0~5` on a String field")]
    [InlineData("int", "0-未知 0-男", "names a value twice")]
    [InlineData("int", "默认9 0-未知 1-男", "the default 9 is not an allowed value")]
    [InlineData("Date", "0-未知 1-男", "enum `0-未知 1-男` on a Date field")]
    [InlineData("int", "1.5~3", "has a bound that is not an integer")]
    public void Read_UnreadableHints_AreProblemsAndNotApplied(string type, string cell, string problem)
    {
        // Given a hint that cannot be read as the field's type
        var result = Read(type, "", cell);

        // Then it is reported, and not guessed
        result.Problems.ShouldHaveSingleItem().ShouldContain(problem);
    }

    [Fact]
    public void Read_TwoDifferentEnumsInDescriptionAndRemark_AreAProblem()
    {
        var result = Read("int", "0-未知 1-男", "1-男 2-女");

        result.Problems.ShouldHaveSingleItem().ShouldContain("two different enums");
        result.Hints.HasOptions.ShouldBeFalse();
    }

    [Fact]
    public void Parse_UnreadableHint_IsAWarningWithFileLineFieldAndText()
    {
        // Given a doc whose int field has an enum of letters
        var text = "##1.1 测试\n###URL:\n/op/v2/test\n###方式:\npost\n###返回数据:\n|字段|类型|描述|备注|\n|---|---|---|---|\n|gender|int|性别|a-未知 b-男|\n";

        // When it is parsed
        var (doc, findings) = DocParser.Parse("t/1.1.txt", text);

        // Then lint gets a warning at the row, naming the field and the text; the field keeps only its type
        var warning = findings.ShouldHaveSingleItem();
        (warning.File, warning.Line, warning.Severity).ShouldBe(("t/1.1.txt", 9, Severity.Warning));
        warning.Message.ShouldContain("field `gender`");
        warning.Message.ShouldContain("a-未知 b-男");
        doc!.Output.Single().Hints.IsEmpty.ShouldBeTrue();
    }
}
