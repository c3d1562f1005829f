using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;
using OpMock.Tests.Support;

namespace OpMock.Tests.Docs;

public sealed class DocParserTests
{
    private static ApiDoc ParseShipped(string path)
    {
        var (doc, _) = DocParser.Parse(path, File.ReadAllText(Path.Combine(TestDocs.Base, path)));
        return doc.ShouldNotBeNull();
    }

    private static (ApiDoc? Doc, IReadOnlyList<Finding> Findings) Parse(string text) => DocParser.Parse("t/1.1.txt", text);

    private static string Doc(string body) => $"##1.1 测试\n###URL:\n/op/v2/test\n###方式:\npost\n{body}";

    [Theory]
    [InlineData("get-op-api/2.19.txt", "2.19", "服务中会话用户列表", "/op/v2/receives", "120.55.94.183", 8080)]
    [InlineData("get-op-api/2.36.txt", "2.36", "获取用户最近会话信息", "/op/v2/getChatInfoByUserId", null, null)]
    [InlineData("get-op-app/2.9.txt", "2.9", "获取用户最近会话信息接口(中转)", "/opapp/transfer", "120.55.94.183", 8086)]
    public void Parse_ShippedDocs_ReadTitleRouteAndMethod(string path, string number, string title, string route, string? host, int? port)
    {
        var doc = ParseShipped(path);

        doc.Number.ShouldBe(number);
        doc.Title.ShouldBe(title);
        doc.Route.ShouldBe(route);
        doc.Host.ShouldBe(host);
        doc.Port.ShouldBe(port);
        doc.Method.ShouldBe("POST");
    }

    [Theory]
    [InlineData("##2.9 标题", nameof(Part.Title))]
    [InlineData("#User", nameof(Part.Section))]
    [InlineData("#####会话集合 chats ：", nameof(Part.Section))]
    [InlineData("###URL:", nameof(Part.Url))]
    [InlineData("###方式:", nameof(Part.Method))]
    [InlineData("###输入参数:", nameof(Part.Input))]
    [InlineData("###返回数据: ", nameof(Part.Output))]
    [InlineData("###返回json格式示例：", nameof(Part.Example))]
    [InlineData("####测试环境：", nameof(Part.Sample))]
    [InlineData("####开发环境：", nameof(Part.Sample))]
    [InlineData("####线上环境：", nameof(Part.Online))]
    [InlineData("###版本历史：", nameof(Part.History))]
    public void TryRead_HeadingsWithOrWithoutSpace_AreClassified(string line, string part)
    {
        Heading.TryRead(line, 1).ShouldNotBeNull().Part.ToString().ShouldBe(part);
    }

    [Theory]
    [InlineData("#####会话集合 chats ：", "chats", "会话集合")]
    [InlineData("#User", "User", "User")]
    [InlineData("## Channel:", "Channel", "Channel")]
    public void ReadSection_NameIsTheIdentifierAndCaptionTheRest(string line, string name, string caption)
    {
        Heading.TryRead(line, 1)!.ReadSection().ShouldBe((name, caption));
    }

    [Fact]
    public void Parse_CellsPaddedWithTabsAndSpaces_AreTrimmed()
    {
        var doc = ParseShipped("get-op-api/2.19.txt");

        doc.Output.Select(f => (f.Name, f.Type.Raw)).ShouldBe([("isOnline", "boolean"), ("chats", "List")]);
        doc.Sections.Single().Fields.Select(f => f.Name).ShouldContain("userGradeServiceCount");
    }

    [Fact]
    public void Parse_FullWidthBarRow_IsAField()
    {
        var user = ParseShipped("get-op-api/2.36.txt").Sections.Single(s => s.Name == "User");

        user.Fields.Last().Name.ShouldBe("serviceCount");
        user.Fields.Last().Type.Kind.ShouldBe(FieldKind.Integer);
    }

    [Fact]
    public void Parse_SeparatorWiderThanHeader_KeepsEveryRow()
    {
        var doc = ParseShipped("get-op-api/2.36.txt");

        doc.Output.Length.ShouldBe(14);
        doc.Sections.Select(s => (s.Name, s.Fields.Length)).ShouldBe(
            [("User", 10), ("Address", 3), ("Contact", 3), ("Location", 3), ("Channel", 2), ("Client", 3)]);
    }

    [Theory]
    [InlineData("|a|Object|x|详细请参考`Shop`|", "Shop")]
    [InlineData("|a|Object|x|详细信息参考`Shop` |", "Shop")]
    [InlineData("|a|List|x|详见`shops`|", "shops")]
    [InlineData("|a|Object|x|详见 Shop|", "Shop")]
    [InlineData("|a|Object|x| |", null)]
    public void Parse_ReferencesInRemark_AreRead(string row, string? reference)
    {
        var (doc, _) = Parse(Doc($"###返回数据:\n|字段|类型|描述|备注|\n|:--|:--|:--|:--|\n{row}\n"));

        doc.ShouldNotBeNull().Output.Single().Reference.ShouldBe(reference);
    }

    [Theory]
    [InlineData("否", true, false)]
    [InlineData("是", false, true)]
    [InlineData("N", true, false)]
    public void Parse_InputNullableColumn_SetsRequiredAndNullable(string cell, bool required, bool nullable)
    {
        var (doc, _) = Parse(Doc($"###输入参数:\n|字段|类型|描述|可为空|备注|\n|:--|:--|:--|:--|:--|\n|userId|String|x|{cell}| |\n"));

        var field = doc.ShouldNotBeNull().Input.Single();
        field.Required.ShouldBe(required);
        field.Nullable.ShouldBe(nullable);
    }

    [Theory]
    [InlineData("|createTime|String|创建时间|yyyy-MM-dd HH:mm:ss|", "op-datetime")]
    [InlineData("|createTime|String|会话创建时间,格式为`yyyy-MM-dd HH:mm:ss`| |", "op-datetime")]
    [InlineData("|day|String|日期,格式为`yyyy-MM-dd`| |", "op-date")]
    [InlineData("|bookTime|String|预约时间|yyyy-MM-dd HH:mm，精确到分|", "op-datetime-minute")]
    [InlineData("|month|String|月份|格式yyyy-MM|", "op-month")]
    [InlineData("|startTime|String|上班时间|HH:mm，休息时为空|", "op-hour-minute")]
    [InlineData("|at|String|时刻|HH:mm:ss|", "op-time")]
    [InlineData("|compact|String|时间|yyyyMMddHHmmss|", "op-datetime-compact")]
    [InlineData("|name|String|名称| |", null)]
    public void Parse_FormatHints_BecomeNamedFormats(string row, string? format)
    {
        var (doc, _) = Parse(Doc($"###返回数据:\n|字段|类型|描述|备注|\n|:--|:--|:--|:--|\n{row}\n"));

        doc.ShouldNotBeNull().Output.Single().Format.ShouldBe(format);
    }

    [Theory]
    [InlineData("|checkInTime|String|打卡时间|yyyy-MM-dd HH:mm:ss，未打卡为空|", true)]
    [InlineData("|auditTime|String|审核时间|待审核时为空|", true)]
    [InlineData("|closeTime|String|结束时间，会话未结束返回空字符串| |", true)]
    [InlineData("|createTime|String|创建时间|yyyy-MM-dd HH:mm:ss，不能为空|", false)]
    [InlineData("|createTime|String|创建时间，不可为空|yyyy-MM-dd HH:mm:ss|", false)]
    [InlineData("|createTime|String|创建时间|yyyy-MM-dd HH:mm:ss|", false)]
    public void Parse_EmptyWords_SayWhetherTheFieldMayBeEmpty(string row, bool mayBeEmpty)
    {
        var (doc, _) = Parse(Doc($"###返回数据:\n|字段|类型|描述|备注|\n|:--|:--|:--|:--|\n{row}\n"));

        doc.ShouldNotBeNull().Output.Single().MayBeEmpty.ShouldBe(mayBeEmpty);
    }

    [Fact]
    public void Parse_BareUrlPath_HasNoHost()
    {
        var doc = ParseShipped("get-op-api/2.36.txt");

        doc.Url.ShouldBe("/op/v2/getChatInfoByUserId");
        doc.Host.ShouldBeNull();
    }

    [Fact]
    public void Parse_FencedExampleAndSample_AreKeptWithTheirLines()
    {
        var doc = ParseShipped("get-op-api/2.36.txt");

        doc.Example.ShouldNotBeNull().Line.ShouldBe(83);
        doc.Example.Text.ShouldStartWith("{");
        doc.Sample.ShouldNotBeNull().Body.ShouldNotBeNull().Text.ShouldContain("u00012b2e588bd93843168dfb67ae12cc2ee9");
        doc.Sample.Query.Select(q => q.Key).ShouldBe(["apiVersion", "client", "token", "sign"]);
        doc.Sample.Query[2].Value.ShouldBe("o0001403351be22c648efa24c20e842fd7351");
    }

    [Fact]
    public void Parse_UnfencedSampleBody_IsCaptured()
    {
        var doc = ParseShipped("get-op-app/2.9.txt");

        doc.Sample.ShouldNotBeNull().Body.ShouldNotBeNull().Text
            .ShouldBe("""{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"u00012b2e588bd93843168dfb67ae12cc2ee9"}""");
    }

    [Fact]
    public void Parse_DevelopmentEnvironmentWithoutBody_HasQueryOnly()
    {
        var sample = ParseShipped("get-op-api/2.19.txt").Sample.ShouldNotBeNull();

        sample.Body.ShouldBeNull();
        sample.Query.Single(q => q.Key == "token").Value.ShouldBe("o0001403351be22c648efa24c20e842fd7351");
    }

    [Fact]
    public void Parse_ResponseGivenAsLink_KeepsTheLink()
    {
        var link = ParseShipped("get-op-app/2.9.txt").ResponseLink.ShouldNotBeNull();

        link.Target.ShouldBe("/markdown/get-op-api/2.36.txt");
    }

    [Fact]
    public void Parse_VersionHistory_IsKeptAsMetadata()
    {
        ParseShipped("get-op-api/2.36.txt").History.ShouldBe([new VersionEntry("01", "2016-03-03", "基础版", "刘定湘")]);
    }

    [Theory]
    [InlineData("###URL:\n/op/v2/x\n###方式:\npost\n", 1, "expected a title heading")]
    [InlineData("##1.1 t\n###方式:\npost\n", 1, "expected `###URL:`")]
    [InlineData("##1.1 t\n###URL:\nnot a url\n###方式:\npost\n", 3, "expected a URL or a path")]
    [InlineData("##1.1 t\n###URL:\n/op/x\n###方式:\nsend\n", 5, "expected a method")]
    [InlineData("##1.1 t\n###URL:\n/op/x\n", 1, "expected `###方式:`")]
    [InlineData("##1.1 t\n###URL:\n/op/x\n###方式:\n", 4, "expected `###方式:`")]
    public void Parse_MissingEssentials_GivesNoDocAndAFindingAtTheLine(string text, int line, string message)
    {
        var (doc, findings) = Parse(text);

        doc.ShouldBeNull();
        var error = findings.First(f => f.Severity == Severity.Error);
        error.Line.ShouldBe(line);
        error.Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("|a|Strin|x| |", nameof(Severity.Error), "unknown type `Strin`")]
    [InlineData("|a|List<Ordr>|x| |", nameof(Severity.Error), "unknown type `List<Ordr>`")]
    [InlineData("|a| |x| |", nameof(Severity.Error), "has no type")]
    [InlineData("|a|字符串|x| |", nameof(Severity.Error), "unknown type `字符串`")]
    [InlineData("|a|Object|x|详见`Shpo`|", nameof(Severity.Warning), "`Shpo`, which is misspelled; using the closest section, `Shop`")]
    [InlineData("|a|Object|x|详见`Nothing`|", nameof(Severity.Error), "no section has that name (sections: Shop)")]
    public void Load_BadTypeOrReference_IsAFindingAtTheRow(string row, string severity, string message)
    {
        var text = Doc($"###返回数据:\n|字段|类型|描述|备注|\n|:--|:--|:--|:--|\n{row}\n|b|Shop|y| |\n#Shop\n|字段|类型|描述|备注|\n|:--|:--|:--|:--|\n|id|String|z| |\n");

        var docs = DocSet.FromTexts("docs", [("t/1.1.txt", text)]);

        docs.Findings.ShouldContain(f => f.Severity.ToString() == severity && f.Line == 9 && f.Message.Contains(message), string.Join("\n", docs.Findings));
    }

    [Fact]
    public void Parse_DuplicateField_KeepsTheFirstAndWarns()
    {
        var (doc, findings) = Parse(Doc("###返回数据:\n|字段|类型|描述|备注|\n|:--|:--|:--|:--|\n|a|String|x| |\n|a|Integer|y| |\n"));

        doc!.Output.Single().Type.Kind.ShouldBe(FieldKind.String);
        findings.ShouldContain(f => f.Line == 10 && f.Message.StartsWith("duplicate field `a`"));
    }

    [Fact]
    public void Parse_UnclosedFence_IsAnError()
    {
        var (_, findings) = Parse(Doc("###返回json格式示例：\n```\n{\"code\": 200}\n"));

        findings.ShouldContain(f => f.Severity == Severity.Error && f.Line == 7 && f.Message.Contains("never closed"));
    }

    [Fact]
    public void Parse_ByteOrderMarkAndCrLf_AreTolerated()
    {
        var (doc, findings) = Parse("\uFEFF" + Doc("").Replace("\n", "\r\n"));

        findings.ShouldBeEmpty();
        doc.ShouldNotBeNull().Route.ShouldBe("/op/v2/test");
    }
}
