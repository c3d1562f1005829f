using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World;

namespace OpMock.Tests.World;

public sealed class HintedValuesTests
{
    private static DocField Field(string name, string type, string remark) =>
        new(name, TypeReader.Read(type), "", remark, null, null, true, true, 1) { Hints = HintReader.Read(TypeReader.Read(type), [remark]).Hints };

    private static DataShaper Shaper(DocField field, int seed) =>
        new(new Endpoint(new ApiDoc { Path = "x.txt", Number = "1", Title = "t", Url = "/x", Route = "/x", Method = "POST" }, [], [field], [], "x"),
            new ValueGenerator(new Bogus.Randomizer(seed), WorldOptions.Default));

    private static List<string> Shaped(DocField field, int count, JsonObject? known = null, int seed = 5)
    {
        var shaper = Shaper(field, seed);
        return [.. Enumerable.Range(0, count).Select(_ => OpMock.Core.Json.OpJson.ToCompactText(shaper.Object([field], known?.DeepClone().AsObject())[field.Name]))];
    }

    [Theory]
    [InlineData("gender", "int", "0-未知 1-男 2-女", "0,1,2")]
    [InlineData("senderType", "INTEGER", "`1`:用户 `2`:OP `3`:系统", "1,2,3")]
    [InlineData("msgType", "String", "text:文本 image:图片 voice:语音", "\"image\",\"text\",\"voice\"")]
    [InlineData("isOnline", "BOOLEAN", "true上线 false下线", "false,true")]
    public void Object_GeneratedEnumField_VariesOverEveryAllowedValue(string name, string type, string remark, string expected)
    {
        // Given a field with an enum hint and no known value
        var field = Field(name, type, remark);

        // When many objects are shaped
        var values = Shaped(field, 200);

        // Then only the enum's values appear, and each of them does
        string.Join(",", values.Distinct().Order(StringComparer.Ordinal)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("level", "int", "0~5", 0, 5)]
    [InlineData("unreadCount", "Integer", "0~99", 0, 99)]
    [InlineData("limit", "int", "1-50", 1, 50)]
    [InlineData("pageSize", "int", "最大50", 0, 50)]
    [InlineData("score", "int", "最小1000", 1000, 1099)]
    public void Object_GeneratedRangeField_StaysInsideAndIsNotAlwaysTheBound(string name, string type, string remark, int minimum, int maximum)
    {
        var values = Shaped(Field(name, type, remark), 200).Select(int.Parse).ToList();

        values.ShouldAllBe(v => v >= minimum && v <= maximum);
        values.Distinct().Count().ShouldBeGreaterThan(3);
    }

    [Fact]
    public void Object_KnownValueOutsideHints_IsReplacedAndAllowedOneKept()
    {
        var field = Field("gender", "int", "0-未知 1-男 2-女");

        Shaped(field, 50, JsonNode.Parse("""{"gender":58}""")!.AsObject()).ShouldAllBe(v => v == "0" || v == "1" || v == "2");
        Shaped(field, 5, JsonNode.Parse("""{"gender":2}""")!.AsObject()).ShouldAllBe(v => v == "2");
        Shaped(field, 5, JsonNode.Parse("""{"gender":null}""")!.AsObject()).ShouldAllBe(v => v == "null");
    }

    [Fact]
    public void Object_SameSeed_SameValues()
    {
        var field = Field("level", "int", "0~5");

        Shaped(field, 100, seed: 11).ShouldBe(Shaped(field, 100, seed: 11));
    }

    [Fact]
    public void Object_FieldsWithoutHints_DrawNothingMore()
    {
        // Given fields without hints
        var fields = ImmutableArray.Create(Field("remark", "String", ""), Field("count", "int", ""), Field("title", "String", ""));

        // When they are shaped, and generated directly from the same seed
        var shaped = Shaper(fields[0], 3).Object(fields, null);
        var generator = new ValueGenerator(new Bogus.Randomizer(3), WorldOptions.Default);
        var direct = new JsonObject(fields.Select(f => KeyValuePair.Create(f.Name, generator.Scalar(f))));

        // Then the values are the same: the hint step draws nothing, so data without hints keeps its bytes
        shaped.ToJsonString().ShouldBe(direct.ToJsonString());
    }
}
