using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Core.World;
using OpMock.Tests.Support;

namespace OpMock.Tests.World;

public sealed class WorldDataTests
{
    /// <summary>Types and shapes the shipped docs do not use: maps, typed lists, dates, a section that refers to itself.</summary>
    private const string OddDoc = """
        * [Op Api接口文档](/markdown/get-op-api) > 9.9

        ##9.9 奇怪的接口

        ###URL:
        /op/v2/odd
        ###方式:
        post

        ###输入参数:
        |字段 |类型 |描述 |可为空 |备注 |
        |:----|:----|:----|:----|:----|
        |id|String|ID|否| |

        ###返回数据:
        |字段 |类型 |描述 |备注 |
        |:----|:----|:----|:----|
        |extras|Map|附加信息| |
        |scores|List<Integer>|分数| |
        |names|List<String>|名字| |
        |birthday|Date|生日| |
        |day|String|日期,格式为`yyyy-MM-dd`| |
        |stamp|String|时间,格式为`yyyyMMddHHmmss`| |
        |root|Object|树|详见`Node`|
        |total|Long|总数| |
        |ratio|Double|比例| |
        |ok|Boolean|成功| |

        #Node
        |字段 |类型 |描述 |备注 |
        |:----|:----|:----|:----|
        |nodeId|String|节点ID| |
        |children|List<Object>|子节点|详见`Node`|

        ###返回json格式示例：
        ```
        {"code": 200, "message": "成功", "data": null, "page": null, "foot": {"operationTime": "2016-03-08 17:32:45", "servicePhone": "400800400", "host": "ldx-pc"}}
        ```
        """;

    [Fact]
    public async Task For_UnknownDocWithOddTypes_GeneratesDataValidAgainstItsSchema()
    {
        // Given a doc with maps, typed lists, house formats and a recursive section
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        temp.Write("docs/get-op-api/9.9.txt", OddDoc);
        var contract = await ApiContract.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml"));
        var endpoint = contract.Direct("/op/v2/odd")!;
        var checker = await SchemaChecker.CompileAsync(endpoint.Response);

        for (var seed = 0; seed < 50; seed++)
        {
            // When its data is generated for many seeds and requests
            var data = new WorldData(new OpWorld(WorldOptions.Default with { Seed = seed }, Pins.None))
                .For(endpoint.Endpoint, new JsonObject { ["id"] = "x" + seed }, null).Data;

            // Then every answer validates
            var body = OpJson.ToCompactText(new JsonObject
            {
                ["code"] = 200, ["message"] = "成功", ["data"] = data, ["page"] = null,
                ["foot"] = new JsonObject { ["operationTime"] = "2026-01-01 00:00:00", ["servicePhone"] = "400800400", ["host"] = "h" },
            });
            checker.Check(body).Where(v => v.Severity == OpMock.Core.Diagnostics.Severity.Error).ShouldBeEmpty(body);
        }
    }

    [Theory]
    [InlineData("userId", "^u0001[0-9a-f]{32}$")]
    [InlineData("staffId", "^o0001[0-9a-f]{32}$")]
    [InlineData("groupId", @"^\d{18}$")]
    [InlineData("mobilePhone", @"^1[3-9]\d{9}$")]
    [InlineData("avatar", @"^/__opmock/avatars/i[0-9a-f]{16}\.svg$")]
    [InlineData("shopLogo", @"^/__opmock/avatars/i[0-9a-f]{16}\.svg$")]
    [InlineData("homeAddress", "^.+市.+区")]
    [InlineData("updateTime", @"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    [InlineData("realName", @"^\p{IsCJKUnifiedIdeographs}{2,4}$")]
    [InlineData("content", @"^(\p{IsCJKUnifiedIdeographs}|[，。？！])*$")]
    public void Scalar_StringFieldByName_HasTheShapeItsNameSuggests(string name, string pattern)
    {
        var generator = new ValueGenerator(new Bogus.Randomizer(7), WorldOptions.Default);
        var field = new DocField(name, new FieldType(FieldKind.String, "String"), "", "", null, null, true, true, 1);

        for (var i = 0; i < 50; i++)
        {
            generator.Scalar(field)!.GetValue<string>().ShouldMatch(pattern);
        }
    }

    [Fact]
    public void Object_KnownValueOfTheWrongType_IsReplacedByAValidOne()
    {
        // Given known data that breaks the documented types
        var fields = ImmutableArray.Create(
            new DocField("count", new FieldType(FieldKind.Integer, "Integer"), "", "", null, null, true, false, 1),
            new DocField("createTime", new FieldType(FieldKind.String, "String"), "", "", null, "op-datetime", true, false, 2));
        var endpoint = new Endpoint(new ApiDoc { Path = "x.txt", Number = "1", Title = "t", Url = "/x", Route = "/x", Method = "POST" }, [], fields, [], "x");
        var shaper = new DataShaper(endpoint, new ValueGenerator(new Bogus.Randomizer(1), WorldOptions.Default));

        // When it is shaped
        var data = shaper.Object(fields, new JsonObject { ["count"] = "many", ["createTime"] = 1442307258460, ["extra"] = 1 });

        // Then types are fixed, times take the field's format, and undocumented fields are dropped
        data["count"]!.GetValueKind().ShouldBe(System.Text.Json.JsonValueKind.Number);
        data["createTime"]!.GetValue<string>().ShouldBe("2015-09-15 16:54:18");
        data.ContainsKey("extra").ShouldBeFalse();
    }
}
