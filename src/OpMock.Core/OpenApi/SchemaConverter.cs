using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace OpMock.Core.OpenApi;

/// <summary>
/// Turns one of our draft-07 schemas into an OpenAPI 3.0 schema object, in forms every 3.0 tool reads the
/// same way (Prism, Spectral, openapi-typescript, Microsoft.OpenApi):
/// <list type="bullet">
/// <item>A type with "null" in it becomes the model's Null flag, which the 3.0 writer prints as "nullable": true.</item>
/// <item>A nullable section (anyOf [$ref, {type: null}]) becomes allOf [$ref to a nullable copy of the section]:
/// a $ref cannot carry nullable, and allOf [$ref] + nullable lets no null through (allOf still applies the
/// section's type: object, and Prism reads it so), while anyOf [$ref, {nullable, enum: [null]}] has Prism
/// add a second null to that enum and give up validating the whole body.</item>
/// <item>An enum of a nullable field keeps its null as oneOf [{enum: values}, {enum: [null]}] beside the nullable
/// type, for the same reason: 3.0.3 needs null in the enum, and Prism appends one to any enum beside nullable.
/// (oneOf, not anyOf: openapi-typescript intersects a oneOf with the type, giving `(0 | 1 | 2) | null`.)
/// An enum without null refuses null, as in draft-07, so its type is not nullable.</item>
/// </list>
/// "#/definitions/X" points at the component the caller named for X; <paramref name="nullable"/> gives the
/// reference to X's nullable copy.
/// </summary>
internal sealed class SchemaConverter(
    OpenApiDocument document,
    ImmutableDictionary<string, string> definitionNames,
    Func<string, IOpenApiSchema>? nullable = null)
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

        if (schema.Enum is { Count: > 0 } values && values.Any(v => v is null))
        {
            NullableEnum(schema, values);
        }
        else if (schema.Enum is { Count: > 0 } && schema.Type is { } type)
        {
            schema.Type = type & ~JsonSchemaType.Null;
        }

        if (source["x-type"] is JsonValue raw && raw.TryGetValue<string>(out var docType))
        {
            IntegerFormat(schema, Docs.TypeReader.Read(docType));
        }

        return schema;
    }

    /// <summary>
    /// An integer's format from the doc's Java type, as the server checks it (a request's Integer past 2^31 − 1 is
    /// refused): int32 for Integer, int, short and byte; int64 for Long. A list's or map's items follow their type
    /// (List&lt;Long&gt;). BigInteger has no bound, so no format; a house format (epoch-millis) stays.
    /// </summary>
    private static void IntegerFormat(OpenApiSchema schema, Docs.FieldType type)
    {
        if (type.Item is { } item)
        {
            IntegerFormat((schema.Items ?? schema.AdditionalProperties) as OpenApiSchema ?? new OpenApiSchema(), item);
        }

        if (type.Kind == Docs.FieldKind.Integer && schema.Format is null && schema.Type is { } kind && kind.HasFlag(JsonSchemaType.Integer))
        {
            schema.Format = type.Raw.Trim().ToLowerInvariant() switch
            {
                "long" => "int64",
                "integer" or "int" or "short" or "byte" => "int32",
                _ => null,
            };
        }
    }

    /// <summary>The enum's values without null, and null as the other branch; the type says nullable.</summary>
    private static void NullableEnum(OpenApiSchema schema, IList<JsonNode> values)
    {
        var others = values.Where(v => v is not null).ToList();
        schema.Enum = null;
        schema.Type = schema.Type is { } type ? type | JsonSchemaType.Null : null;
        schema.OneOf = others.Count == 0
            ? null
            : [new OpenApiSchema { Enum = others }, new OpenApiSchema { Enum = [null!] }];
    }

    /// <summary>anyOf/oneOf [X, {type: null}]: X, nullable. X a section reference: the section's nullable copy.</summary>
    private IOpenApiSchema? NullableBranch(JsonNode? value)
    {
        var branches = List(value).OfType<JsonObject>().ToList();
        var nulls = branches.Where(IsNullOnly).ToList();
        if (nulls.Count == 0 || branches.Count - nulls.Count != 1)
        {
            return null;
        }

        var other = branches.Single(b => !IsNullOnly(b));
        if (other["$ref"] is JsonValue reference)
        {
            var name = ((OpenApiSchemaReference)Reference(reference.GetValue<string>())).Reference.Id!;
            return nullable?.Invoke(name) ?? throw new InvalidOperationException($"no nullable form of the section \"{name}\"");
        }

        var converted = (OpenApiSchema)Convert(other);
        converted.Type = converted.Type is { } type ? type | JsonSchemaType.Null
            : throw new InvalidOperationException("a nullable branch without a type has no OpenAPI 3.0 form");
        return converted;
    }

    private static bool IsNullOnly(JsonObject branch) =>
        branch.Count == 1 && branch["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "null";

    private void Apply(OpenApiSchema schema, string key, JsonNode? value)
    {
        switch (key)
        {
            case "$schema" or "$comment" or "definitions":
                // The document has no dialect to declare; comments are for schema readers; definitions are placed
                // in components by the caller.
                break;
            case "examples":
                // 3.0 has a single example per schema: the writer prints the first.
                schema.Examples = [.. List(value).Select(v => v?.DeepClone()!)];
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
            case "anyOf" or "oneOf" when NullableBranch(value) is { } branch:
                // One branch and null: allOf [branch] says the same, and the branch carries the null.
                schema.AllOf = [branch];
                break;
            case "anyOf":
                schema.AnyOf = Schemas(value);
                break;
            case "oneOf":
                schema.OneOf = Schemas(value);
                break;
            case "not":
                schema.Not = Convert((JsonObject)value!);
                break;
            case "const":
                schema.Enum = [value?.DeepClone()!];
                break;
            case "default":
                schema.Default = value?.DeepClone();
                break;
            case "multipleOf":
                schema.MultipleOf = decimal.Parse(Number(value), System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "exclusiveMinimum":
                // The model keeps draft-07's number; the 3.0 writer prints minimum with exclusiveMinimum: true.
                schema.ExclusiveMinimum = Number(value);
                break;
            case "exclusiveMaximum":
                schema.ExclusiveMaximum = Number(value);
                break;
            case "minItems":
                schema.MinItems = value!.GetValue<int>();
                break;
            case "maxItems":
                schema.MaxItems = value!.GetValue<int>();
                break;
            case "uniqueItems":
                schema.UniqueItems = value!.GetValue<bool>();
                break;
            case "minProperties":
                schema.MinProperties = value!.GetValue<int>();
                break;
            case "maxProperties":
                schema.MaxProperties = value!.GetValue<int>();
                break;
            case "readOnly":
                schema.ReadOnly = value!.GetValue<bool>();
                break;
            case "deprecated":
                schema.Deprecated = value!.GetValue<bool>();
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
