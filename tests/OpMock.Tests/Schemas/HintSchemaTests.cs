using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Tests.Support;

namespace OpMock.Tests.Schemas;

/// <summary>The wiki test docs' hints as draft-07 rules: what the schemas say and what a validator makes of them.</summary>
public sealed class HintSchemaTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private Task<ApiContract> WikiContract() =>
        ApiContract.LoadAsync(TestDocs.BaseWithWiki(temp), Path.Combine(temp.Path, "overrides.yaml"));

    [Theory]
    [InlineData("get-op-api/5.1.request.schema.json")]
    [InlineData("get-op-api/5.1.response.schema.json")]
    [InlineData("get-op-api/5.2.request.schema.json")]
    [InlineData("get-op-api/5.2.response.schema.json")]
    public async Task Files_WikiDocsWithHints_MatchGolden(string file)
    {
        // Given the shipped docs plus the wiki docs (enums, ranges, defaults in 描述 and 备注)
        var contract = await WikiContract();

        // When the schemas are generated, Then they match the reviewed golden files
        Golden.Match("wiki/" + Path.GetFileName(file), contract.Files()[file]);
    }

    [Fact]
    public async Task Build_WikiDocs_HintsBecomeDraft07Keywords()
    {
        var contract = await WikiContract();
        var user = contract.Direct("/op/v2/getUserDetail")!.Response["properties"]!["data"]!["properties"]!;
        var page = contract.Direct("/op/v2/getChatPage")!.Request["properties"]!;

        // A nullable enum lists null itself, or draft-07 rejects null; the labels are in the description
        user["gender"]!["enum"]!.ToJsonString().ShouldBe("[0,1,2,null]");
        user["gender"]!["description"]!.GetValue<string>().ShouldBe("性别 (0: 未知, 1: 男, 2: 女)");
        OpMock.Core.Json.OpJson.ToCompactText(user["gender"]![HintRules.LabelsKey]).ShouldBe("""{"0":"未知","1":"男","2":"女"}""");
        (user["level"]!["minimum"]!.GetValue<long>(), user["level"]!["maximum"]!.GetValue<long>()).ShouldBe((0, 5));
        user["birthday"]!["format"]!.GetValue<string>().ShouldBe("op-date");
        (page["pageSize"]!["default"]!.GetValue<long>(), page["pageSize"]!["maximum"]!.GetValue<long>()).ShouldBe((20, 50));
        page["pageNo"]!["default"]!.GetValue<long>().ShouldBe(1);
        page["status"]!["description"]!.GetValue<string>().ShouldBe("会话状态 (1: 待接入, 2: 服务中, 3: 已结束)");
    }

    /// <summary>
    /// What draft-07 says of each value (ajv 8 agrees with every row: see the report of this change);
    /// NJsonSchema, which the mock and `opmock validate` use, must say the same.
    /// </summary>
    [Theory]
    [InlineData("/op/v2/getUserDetail", "gender", "0", true)]
    [InlineData("/op/v2/getUserDetail", "gender", "2", true)]
    [InlineData("/op/v2/getUserDetail", "gender", "null", true)]
    [InlineData("/op/v2/getUserDetail", "gender", "7", false)]
    [InlineData("/op/v2/getUserDetail", "gender", "-1", false)]
    [InlineData("/op/v2/getUserDetail", "gender", "\"1\"", false)]
    [InlineData("/op/v2/getUserDetail", "level", "0", true)]
    [InlineData("/op/v2/getUserDetail", "level", "5", true)]
    [InlineData("/op/v2/getUserDetail", "level", "6", false)]
    [InlineData("/op/v2/getUserDetail", "level", "-1", false)]
    [InlineData("/op/v2/getUserDetail", "birthday", "\"1988-06-21\"", true)]
    [InlineData("/op/v2/getUserDetail", "birthday", "\"1988/06/21\"", false)]
    [InlineData("/op/v2/getChatMessages", "operator.isOnline", "false", true)]
    [InlineData("/op/v2/getChatMessages", "operator.isOnline", "\"true\"", false)]
    [InlineData("/op/v2/getChatMessages", "messages.0.senderType", "3", true)]
    [InlineData("/op/v2/getChatMessages", "messages.0.senderType", "4", false)]
    [InlineData("/op/v2/getChatMessages", "messages.0.msgType", "\"voice\"", true)]
    [InlineData("/op/v2/getChatMessages", "messages.0.msgType", "\"video\"", false)]
    [InlineData("/op/v2/getChatPage", "chats.0.unreadCount", "99", true)]
    [InlineData("/op/v2/getChatPage", "chats.0.unreadCount", "100", false)]
    public async Task Check_ResponseValueAgainstHints_AgreesWithDraft07(string route, string path, string value, bool valid)
    {
        // Given a doc's own example with one value of its data replaced
        var contract = await WikiContract();
        var endpoint = contract.Direct(route)!;
        var example = JsonNode.Parse(endpoint.Endpoint.Doc.Example!.Text)!;
        Set(example["data"]!, path, JsonNode.Parse(value));

        // When NJsonSchema checks it against the generated response schema
        var violations = (await SchemaChecker.CompileAsync(endpoint.Response)).Check(example.ToJsonString());

        // Then it accepts exactly what draft-07 accepts
        violations.Where(v => v.Severity == Severity.Error).Any().ShouldBe(!valid, string.Join("; ", violations.Select(v => v.Message)));
    }

    [Theory]
    [InlineData("{}", true)]
    [InlineData("""{"status":1,"pageNo":1,"pageSize":50}""", true)]
    [InlineData("""{"status":null,"pageSize":null}""", true)]
    [InlineData("""{"status":9}""", false)]
    [InlineData("""{"pageSize":80}""", false)]
    [InlineData("""{"status":"1"}""", false)]
    public async Task Check_RequestAgainstHints_AgreesWithDraft07(string body, bool valid)
    {
        var contract = await WikiContract();
        var checker = await SchemaChecker.CompileAsync(contract.Direct("/op/v2/getChatPage")!.Request);

        checker.Check(body).Any(v => v.Severity == Severity.Error).ShouldBe(!valid);
    }

    [Theory]
    [InlineData("gender", "7", "data.gender", "expected one of 0 (未知), 1 (男), 2 (女), found integer 7")]
    [InlineData("level", "80", "data.level", "expected at most 5, found integer 80")]
    [InlineData("level", "-3", "data.level", "expected at least 0, found integer -3")]
    public async Task Check_ValueOutsideHints_MessageNamesTheAllowedValues(string field, string value, string path, string message)
    {
        var contract = await WikiContract();
        var endpoint = contract.Direct("/op/v2/getUserDetail")!;
        var example = JsonNode.Parse(endpoint.Endpoint.Doc.Example!.Text)!;
        example["data"]![field] = JsonNode.Parse(value);

        var violation = (await SchemaChecker.CompileAsync(endpoint.Response)).Check(example.ToJsonString()).ShouldHaveSingleItem();

        (violation.Path, violation.Message).ShouldBe((path, message));
    }

    [Fact]
    public async Task Check_StringOutsideEnum_MessageShowsTheLabels()
    {
        var contract = await WikiContract();
        var checker = await SchemaChecker.CompileAsync(contract.Direct("/op/v2/getChatPage")!.Response);
        var example = JsonNode.Parse(contract.Direct("/op/v2/getChatPage")!.Endpoint.Doc.Example!.Text)!;
        example["data"]!["chats"]![1]!["msgType"] = "video";

        var violation = checker.Check(example.ToJsonString()).ShouldHaveSingleItem();

        violation.Path.ShouldBe("data.chats[1].msgType");
        violation.Message.ShouldBe("expected one of text (文本), image (图片), voice (语音), found string \"video\"");
    }

    [Fact]
    public async Task Build_OverrideRetypesHintedField_HintsFollowTheDecidedType()
    {
        // Given 5.3's msgType (String, text:文本 …) and senderType (INTEGER, `1`:用户 …), and decisions retyping both
        var docs = DocSet.FromTexts("docs", [("get-op-api/5.3.txt", await File.ReadAllTextAsync(Path.Combine(TestDocs.Wiki, "get-op-api", "5.3.txt")))]);
        var (overrides, _) = OverridesFile.Parse("o.yaml",
            "get-op-api/5.3:\n  messages[].senderType:\n    type: String\n    reason: r\n  messages[].msgType:\n    type: Integer\n    reason: r\n");

        // When the contract is built
        var contract = ApiContract.Build(docs, overrides);

        // Then the enum is typed by the decided type, and an enum that no longer fits is a warning, not applied
        var message = contract.Endpoints.Single().Response["definitions"]!["Message"]!["properties"]!;
        message["senderType"]!["enum"]!.ToJsonString().ShouldBe("""["1","2","3",null]""");
        message["msgType"]!.AsObject().ContainsKey("enum").ShouldBeFalse();
        contract.Findings.ShouldContain(f => f.File == "o.yaml" && f.Severity == Severity.Warning && f.Message.Contains("text, image, voice are not of type Integer"));
    }

    private static void Set(JsonNode node, string path, JsonNode? value)
    {
        var keys = path.Split('.');
        foreach (var key in keys[..^1])
        {
            node = int.TryParse(key, out var index) ? node[index]! : node[key]!;
        }

        node[keys[^1]] = value;
    }
}
