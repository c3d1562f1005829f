using System.Text.Json;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.Schemas;

/// <summary>
/// The envelope {code, message, data, page, foot} is in no field table, only in the examples, so its
/// schema is inferred from every example at once: a member seen in all of them is required, a
/// member ever null is nullable, a member only ever null is left unconstrained.
/// </summary>
internal static class EnvelopeInference
{
    public static JsonObject Infer(IReadOnlyList<JsonObject> examples)
    {
        var schema = InferObject(examples);
        if (schema["properties"] is JsonObject properties && properties.ContainsKey("data"))
        {
            properties["data"] = new JsonObject { ["description"] = "the endpoint's own data; see each response schema" };
        }

        return schema;
    }

    private static JsonObject InferObject(IReadOnlyList<JsonObject> objects)
    {
        var names = objects.SelectMany(o => o.Select(p => p.Key)).Distinct().ToList();
        var properties = new JsonObject();
        foreach (var name in names)
        {
            properties[name] = InferValue([.. objects.Select(o => o.TryGetPropertyValue(name, out var v) ? (v, true) : (null, false)).Where(v => v.Item2).Select(v => v.Item1)]);
        }

        var required = names.Where(n => objects.All(o => o.ContainsKey(n))).Select(n => (JsonNode)n!).ToArray();
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray(required),
        };
    }

    private static JsonObject InferValue(IReadOnlyList<JsonNode?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!).ToList();
        if (present.Count == 0)
        {
            return new JsonObject { ["description"] = "only null in the docs' examples; not constrained" };
        }

        var kinds = present.Select(v => v.GetValueKind()).Distinct().ToList();
        JsonObject schema;
        if (kinds is [JsonValueKind.Object])
        {
            schema = InferObject([.. present.Cast<JsonObject>()]);
        }
        else
        {
            var types = present.Select(TypeName).Distinct().ToList();
            if (types.Contains("integer") && types.Contains("number"))
            {
                types.Remove("integer");
            }

            schema = new JsonObject { ["type"] = types.Count == 1 ? types[0] : new JsonArray([.. types.Select(t => (JsonNode)t!)]) };
            if (types is ["string"] && present.All(v => HouseFormats.DateTime.IsValid(v.GetValue<string>())))
            {
                schema["format"] = HouseFormats.DateTime.Name;
                schema["pattern"] = HouseFormats.DateTime.Regex;
            }
        }

        if (present.Count < values.Count)
        {
            schema["type"] = SchemaBuilder.WithNull(schema["type"]);
        }

        return schema;
    }

    private static string TypeName(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.AsValue().TryGetValue<long>(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };
}
