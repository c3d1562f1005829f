using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OpMock.Core.OpenApi;

namespace OpMock.Tests.OpenApi;

public sealed class SchemaConverterTests
{
    private static SchemaConverter Converter(OpenApiDocument? document = null) =>
        new(document ?? new OpenApiDocument(), ImmutableDictionary<string, string>.Empty.Add("User", "GetOpApi_2_36_User"));

    [Theory]
    [InlineData("\"string\"", JsonSchemaType.String)]
    [InlineData("[\"integer\", \"null\"]", JsonSchemaType.Integer | JsonSchemaType.Null)]
    [InlineData("[\"array\", \"null\"]", JsonSchemaType.Array | JsonSchemaType.Null)]
    [InlineData("\"null\"", JsonSchemaType.Null)]
    [InlineData("[\"number\", \"boolean\"]", JsonSchemaType.Number | JsonSchemaType.Boolean)]
    public void Type_Draft07Type_BecomesTheFlags(string type, JsonSchemaType expected)
    {
        SchemaConverter.Type(JsonNode.Parse(type)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("""{"type": "integer", "x-type": "Integer"}""", "int32", null)]
    [InlineData("""{"type": ["integer", "null"], "x-type": "int"}""", "int32", null)]
    [InlineData("""{"type": "integer", "x-type": "short"}""", "int32", null)]
    [InlineData("""{"type": "integer", "x-type": " Long "}""", "int64", null)]
    [InlineData("""{"type": ["integer", "null"], "x-type": "long"}""", "int64", null)]
    [InlineData("""{"type": "integer", "x-type": "BigInteger"}""", null, null)]
    [InlineData("""{"type": "integer", "format": "epoch-millis", "x-type": "Long"}""", "epoch-millis", null)]
    [InlineData("""{"type": "string", "x-type": "String"}""", null, null)]
    [InlineData("""{"type": "array", "items": {"type": "integer"}, "x-type": "List<Long>"}""", null, "int64")]
    [InlineData("""{"type": ["array", "null"], "items": {"type": "integer"}, "x-type": "Integer[]"}""", null, "int32")]
    [InlineData("""{"type": "object", "additionalProperties": {"type": "integer"}, "x-type": "Map<String, Long>"}""", null, "int64")]
    public void Convert_IntegerOfADocType_HasTheFormatOfThatJavaType(string json, string? format, string? itemFormat)
    {
        // When a field the schema builder wrote is converted
        var schema = (OpenApiSchema)Converter().Convert(JsonNode.Parse(json)!.AsObject());

        // Then integers carry the format of their doc type (the range the server checks), items and map values too
        schema.Format.ShouldBe(format);
        ((schema.Items ?? schema.AdditionalProperties) as OpenApiSchema)?.Format.ShouldBe(itemFormat);
    }

    [Fact]
    public void Convert_HouseFormatField_KeepsFormatPatternBoundsAndXType()
    {
        // Given a field as the schema builder writes an epoch-millis createTime
        var source = JsonNode.Parse("""{"type": ["integer", "null"], "format": "epoch-millis", "minimum": 0, "description": "会话创建时间", "x-type": "Long"}""")!.AsObject();

        // When it is converted
        var schema = Converter().Convert(source);

        // Then nothing is lost
        schema.Type.ShouldBe(JsonSchemaType.Integer | JsonSchemaType.Null);
        schema.Format.ShouldBe("epoch-millis");
        schema.Minimum.ShouldBe("0");
        schema.Description.ShouldBe("会话创建时间");
        schema.Extensions!["x-type"].ShouldBeOfType<JsonNodeExtension>().Node.GetValue<string>().ShouldBe("Long");
    }

    [Fact]
    public void Convert_DefinitionReference_PointsAtTheNamedComponent()
    {
        // Given a list of sections, referenced the draft-07 way
        var source = JsonNode.Parse("""{"type": "array", "items": {"$ref": "#/definitions/User"}}""")!.AsObject();

        // When it is converted
        var schema = Converter().Convert(source);

        // Then the items point at the component the caller named
        schema.Items.ShouldBeOfType<OpenApiSchemaReference>().Reference.Id.ShouldBe("GetOpApi_2_36_User");
    }

    [Theory]
    [InlineData("""{"$ref": "#/definitions/Nobody"}""", "#/definitions/Nobody")]
    [InlineData("""{"type": "string", "contentEncoding": "base64"}""", "contentEncoding")]
    [InlineData("""{"type": "text"}""", "text")]
    public void Convert_SomethingWithoutAMapping_FailsNamingIt(string json, string named)
    {
        // A keyword dropped silently would loosen the published contract, so it fails loudly instead
        var error = Should.Throw<InvalidOperationException>(() => Converter().Convert(JsonNode.Parse(json)!.AsObject()));

        error.Message.ShouldContain(named);
    }
}
