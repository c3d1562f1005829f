using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace OpMock.Core.OpenApi;

/// <summary>
/// Turns one of our draft-07 schemas into an OpenAPI 3.0 schema object. Types with "null" in them become
/// the model's Null flag, which the 3.0 writer prints as "nullable": true; a nullable section
/// (anyOf [$ref, {type: null}]) stays an anyOf, the only form 3.0.3 agrees lets null through beside a $ref.
/// "#/definitions/X" points at the component the caller named for X.
/// </summary>
internal sealed class SchemaConverter(OpenApiDocument document, ImmutableDictionary<string, string> definitionNames)
{
    private const string DefinitionsPrefix = "#/definitions/";

    public IOpenApiSchema Convert(JsonObject source)
    {
        if (source["$ref"] is JsonValue reference)
        {
            return Reference(reference.GetValue<string>());
        }

        var schema = new OpenApiSchema();
        foreach (var (key, value) in source)
        {
            Apply(schema, key, value);
        }

        return schema;
    }

    private void Apply(OpenApiSchema schema, string key, JsonNode? value)
    {
        switch (key)
        {
            case "$schema" or "definitions":
                // The document has no dialect to declare; definitions are placed in components by the caller.
                break;
            case "title":
                schema.Title = Text(value);
                break;
            case "description":
                schema.Description = Text(value);
                break;
            case "type":
                schema.Type = Type(value);
                break;
            case "format":
                schema.Format = Text(value);
                break;
            case "pattern":
                schema.Pattern = Text(value);
                break;
            case "minimum":
                schema.Minimum = Number(value);
                break;
            case "maximum":
                schema.Maximum = Number(value);
                break;
            case "minLength":
                schema.MinLength = value!.GetValue<int>();
                break;
            case "maxLength":
                schema.MaxLength = value!.GetValue<int>();
                break;
            case "enum":
                schema.Enum = [.. List(value).Select(v => v?.DeepClone()!)];
                break;
            case "properties":
                schema.Properties = ((JsonObject)value!).ToDictionary(p => p.Key, p => Convert((JsonObject)p.Value!), StringComparer.Ordinal);
                break;
            case "required":
                schema.Required = new HashSet<string>(List(value).Select(v => v!.GetValue<string>()), StringComparer.Ordinal);
                break;
            case "additionalProperties" when value is JsonObject inner:
                schema.AdditionalProperties = Convert(inner);
                break;
            case "additionalProperties":
                schema.AdditionalPropertiesAllowed = value!.GetValue<bool>();
                break;
            case "items":
                schema.Items = Convert((JsonObject)value!);
                break;
            case "anyOf":
                schema.AnyOf = Schemas(value);
                break;
            case "oneOf":
                schema.OneOf = Schemas(value);
                break;
            case "allOf":
                schema.AllOf = Schemas(value);
                break;
            case var extension when extension.StartsWith("x-", StringComparison.Ordinal):
                schema.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
                schema.Extensions[key] = new JsonNodeExtension(value?.DeepClone()!);
                break;
            default:
                // The schema builder grew a keyword this export does not know: dropping it would silently
                // loosen the published contract, so this is a bug to fix here, not something to skip.
                throw new InvalidOperationException($"the JSON Schema keyword \"{key}\" has no OpenAPI mapping yet");
        }
    }

    public static JsonSchemaType Type(JsonNode? value)
    {
        var names = value is JsonArray list ? list.Select(Text) : [Text(value)];
        var type = default(JsonSchemaType);
        foreach (var name in names)
        {
            type |= name switch
            {
                "string" => JsonSchemaType.String,
                "integer" => JsonSchemaType.Integer,
                "number" => JsonSchemaType.Number,
                "boolean" => JsonSchemaType.Boolean,
                "object" => JsonSchemaType.Object,
                "array" => JsonSchemaType.Array,
                "null" => JsonSchemaType.Null,
                _ => throw new InvalidOperationException($"unknown JSON Schema type \"{name}\""),
            };
        }

        return type;
    }

    private IOpenApiSchema Reference(string reference)
    {
        if (!reference.StartsWith(DefinitionsPrefix, StringComparison.Ordinal)
            || !definitionNames.TryGetValue(reference[DefinitionsPrefix.Length..], out var name))
        {
            throw new InvalidOperationException($"the schema reference \"{reference}\" has no definition");
        }

        return new OpenApiSchemaReference(name, document);
    }

    private List<IOpenApiSchema> Schemas(JsonNode? value) => [.. List(value).Select(v => Convert((JsonObject)v!))];

    private static JsonArray List(JsonNode? value) => value as JsonArray ?? [];

    private static string Text(JsonNode? value) => value!.GetValue<string>();

    private static string Number(JsonNode? value) => value!.ToJsonString();
}
