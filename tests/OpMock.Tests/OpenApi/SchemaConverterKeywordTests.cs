using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OpMock.Core.OpenApi;

namespace OpMock.Tests.OpenApi;

/// <summary>The keywords the docs' hints bring (enum labels, ranges, formats, defaults), as OpenAPI 3.0 writes them.</summary>
public sealed class SchemaConverterKeywordTests
{
    /// <summary>A draft-07 fragment converted and written as OpenAPI 3.0 JSON.</summary>
    private static JsonObject Written(string draft07)
    {
        var document = new OpenApiDocument();
        var converter = new SchemaConverter(document, ImmutableDictionary<string, string>.Empty.Add("User", "Doc_User"),
            section => new OpenApiSchemaReference(section + "_OrNull", document));
        var schema = converter.Convert(JsonNode.Parse(draft07)!.AsObject());
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        schema.SerializeAsV3(new OpenApiJsonWriter(text));
        return JsonNode.Parse(text.ToString())!.AsObject();
    }

    [Fact]
    public void Convert_EnumWithLabels_KeepsValuesDefaultAndDescription()
    {
        var schema = Written("""{"type": "integer", "enum": [0, 1, 2], "default": 0, "description": "性别 0-未知 1-男 2-女"}""");

        schema["type"]!.GetValue<string>().ShouldBe("integer");
        schema["enum"]!.AsArray().Select(v => v!.GetValue<int>()).ShouldBe([0, 1, 2]);
        schema["default"]!.GetValue<int>().ShouldBe(0);
        schema["description"]!.GetValue<string>().ShouldBe("性别 0-未知 1-男 2-女");
    }

    [Fact]
    public void Convert_NullableEnum_KeepsNullAsItsOwnBranch()
    {
        // Given a nullable field whose enum lets null through (draft-07 needs null in the enum)
        var schema = Written("""{"type": ["integer", "null"], "enum": [0, 1, 2, null], "description": "性别"}""");

        // Then the type is nullable and null is an enum branch of its own: 3.0.3 needs null in an enum, and
        // Prism appends one to an enum beside nullable (a second null makes it drop the whole schema)
        schema["type"]!.GetValue<string>().ShouldBe("integer");
        schema["nullable"]!.GetValue<bool>().ShouldBeTrue();
        schema.ContainsKey("enum").ShouldBeFalse();
        var branches = schema["oneOf"]!.AsArray();
        branches[0]!["enum"]!.AsArray().Select(v => v!.GetValue<int>()).ShouldBe([0, 1, 2]);
        branches[1]!["enum"]!.AsArray().Single().ShouldBeNull();
    }

    [Fact]
    public void Convert_NullableTypeWithAnEnumWithoutNull_RefusesNullAsDraft07Does()
    {
        var schema = Written("""{"type": ["string", "null"], "enum": ["text", "image"]}""");

        schema["type"]!.GetValue<string>().ShouldBe("string");
        schema.ContainsKey("nullable").ShouldBeFalse();
        schema["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["text", "image"]);
    }

    [Fact]
    public void Convert_RangePatternFormatAndLengths_AreKept()
    {
        var range = Written("""{"type": "integer", "minimum": 0, "maximum": 5, "description": "评分 0~5"}""");
        var text = Written("""{"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$", "minLength": 1, "maxLength": 50, "default": "2016-01-01"}""");
        var size = Written("""{"type": "integer", "minimum": 1, "maximum": 50, "default": 20, "description": "每页条数，默认20，最大50"}""");

        (range["minimum"]!.GetValue<int>(), range["maximum"]!.GetValue<int>()).ShouldBe((0, 5));
        text["format"]!.GetValue<string>().ShouldBe("date");
        text["pattern"]!.GetValue<string>().ShouldBe("^\\d{4}-\\d{2}-\\d{2}$");
        (text["minLength"]!.GetValue<int>(), text["maxLength"]!.GetValue<int>()).ShouldBe((1, 50));
        text["default"]!.GetValue<string>().ShouldBe("2016-01-01");
        (size["minimum"]!.GetValue<int>(), size["maximum"]!.GetValue<int>(), size["default"]!.GetValue<int>()).ShouldBe((1, 50, 20));
    }

    [Fact]
    public void Convert_ConstAndExclusiveBounds_BecomeTheir30Forms()
    {
        var constant = Written("""{"type": "string", "const": "/op/v2/receives"}""");
        var exclusive = Written("""{"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 90}""");

        constant["enum"]!.AsArray().Single()!.GetValue<string>().ShouldBe("/op/v2/receives");
        (exclusive["minimum"]!.GetValue<int>(), exclusive["exclusiveMinimum"]!.GetValue<bool>()).ShouldBe((0, true));
        (exclusive["maximum"]!.GetValue<int>(), exclusive["exclusiveMaximum"]!.GetValue<bool>()).ShouldBe((90, true));
    }

    [Fact]
    public void Convert_ExamplesAndComment_BecomeOneExampleAndNothing()
    {
        var schema = Written("""{"type": "string", "examples": ["阿洋", "小明"], "$comment": "from the doc's example"}""");

        schema["example"]!.GetValue<string>().ShouldBe("阿洋");
        schema.ContainsKey("$comment").ShouldBeFalse();
    }

    [Fact]
    public void Convert_NullableSectionOrInlineObject_CarriesTheNullInTheBranch()
    {
        var section = Written("""{"anyOf": [{"$ref": "#/definitions/User"}, {"type": "null"}], "description": "用户"}""");
        var inline = Written("""{"anyOf": [{"type": "object", "properties": {"a": {"type": "string"}}}, {"type": "null"}]}""");

        section["allOf"]!.AsArray().Single()!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/Doc_User_OrNull");
        section["description"]!.GetValue<string>().ShouldBe("用户");
        var branch = inline["allOf"]!.AsArray().Single()!;
        (branch["type"]!.GetValue<string>(), branch["nullable"]!.GetValue<bool>()).ShouldBe(("object", true));
    }
}
