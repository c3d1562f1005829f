using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.Schemas;

/// <summary>
/// Builds standard draft-07 schemas from an endpoint: nullable as "type": [t, "null"], nested
/// sections under "definitions", house formats as "format" plus a "pattern" any validator checks.
/// Nothing tool-specific carries meaning: "x-" keys are only for the reader.
/// </summary>
internal static class SchemaBuilder
{
    public const string Draft07 = "http://json-schema.org/draft-07/schema#";

    public static JsonObject Request(Endpoint endpoint)
    {
        var schema = Header(endpoint, "request");
        schema["type"] = "object";
        var properties = Properties(endpoint.Input, forRequest: true);
        // A transfer doc relays to one direct route: its reqUrl can only be that route.
        if (endpoint.TransferTarget is { } target && properties["reqUrl"] is JsonObject reqUrl)
        {
            reqUrl["enum"] = new JsonArray(target);
        }

        schema["properties"] = properties;
        schema["required"] = Required(endpoint.Input);
        AddDefinitions(schema, endpoint, endpoint.Input, forRequest: true);
        return schema;
    }

    /// <summary>The whole response: the shared envelope with this endpoint's data in it.</summary>
    public static JsonObject Response(Endpoint endpoint, JsonObject envelope)
    {
        var schema = Header(endpoint, "response");
        foreach (var (key, value) in envelope)
        {
            if (key is not "$schema" and not "title" and not "description")
            {
                schema[key] = value?.DeepClone();
            }
        }

        if (schema["properties"] is JsonObject properties)
        {
            properties["data"] = Data(endpoint);
        }

        AddDefinitions(schema, endpoint, endpoint.Output, forRequest: false);
        return schema;
    }

    public static JsonObject Envelope(JsonObject inferred)
    {
        var schema = new JsonObject
        {
            ["$schema"] = Draft07,
            ["title"] = "OP API response envelope",
            ["description"] = "Common to every response; inferred from the docs' examples. Each response schema carries it with its own data.",
        };
        foreach (var (key, value) in inferred)
        {
            schema[key] = value?.DeepClone();
        }

        return schema;
    }

    public static JsonObject Data(Endpoint endpoint) => ObjectOf(endpoint.Output, forRequest: false, $"{endpoint.Doc.Number} {endpoint.Doc.Title}");

    private static JsonObject Header(Endpoint endpoint, string part)
    {
        var doc = endpoint.Doc;
        var schema = new JsonObject
        {
            ["$schema"] = Draft07,
            ["title"] = $"{doc.Number} {doc.Title} ({part})",
            ["description"] = $"{doc.Method} {doc.Route}",
            ["x-doc"] = doc.Path,
            ["x-route"] = doc.Route,
            ["x-method"] = doc.Method,
        };
        if (endpoint.ResponseSource != doc.Id)
        {
            schema["x-response-source"] = endpoint.ResponseSource;
        }

        if (endpoint.TransferTarget is { } target)
        {
            schema["x-transfer-target"] = target;
        }

        return schema;
    }

    private static JsonObject ObjectOf(ImmutableArray<DocField> fields, bool forRequest, string? description = null)
    {
        var schema = new JsonObject { ["type"] = "object" };
        if (description is not null)
        {
            schema["description"] = description;
        }

        schema["properties"] = Properties(fields, forRequest);
        schema["required"] = Required(fields);
        // Responses: a field the docs do not name is reported (the validator makes it a warning).
        if (!forRequest)
        {
            schema["additionalProperties"] = false;
        }

        return schema;
    }

    private static JsonObject Properties(ImmutableArray<DocField> fields, bool forRequest)
    {
        var properties = new JsonObject();
        foreach (var field in fields)
        {
            properties[field.Name] = Field(field, forRequest);
        }

        return properties;
    }

    private static JsonArray Required(ImmutableArray<DocField> fields) =>
        new([.. fields.Where(f => f.Required).Select(f => (JsonNode)f.Name!)]);

    public static JsonObject Field(DocField field, bool forRequest)
    {
        var schema = Value(field.Type, field.Target, field.Format);
        if (field.MayBeEmpty && schema["pattern"] is JsonValue pattern)
        {
            // 未打卡为空: the servers write "" until it happens, and the doc says so.
            schema["pattern"] = "^$|" + pattern.GetValue<string>();
        }

        if (forRequest && field.Required && field.Type.Kind is FieldKind.String or FieldKind.Date)
        {
            schema["minLength"] = 1;
        }

        HintRules.Add(schema, field.Hints, field.Nullable);
        if (field.Nullable)
        {
            schema = Nullable(schema);
        }

        var text = HintRules.Describe(field);
        if (text.Length > 0)
        {
            schema["description"] = text;
        }

        HintRules.AddLabels(schema, field.Hints);

        schema["x-type"] = field.Type.Raw.Trim();
        return schema;
    }

    private static JsonObject Value(FieldType type, string? target, string? formatName)
    {
        switch (type.Kind)
        {
            case FieldKind.String or FieldKind.Date:
                var format = HouseFormats.ByName(formatName ?? "") ?? (type.Kind == FieldKind.Date ? HouseFormats.DateTime : null);
                var text = new JsonObject { ["type"] = "string" };
                if (format?.Regex is not null)
                {
                    text["format"] = format.Name;
                    text["pattern"] = format.Regex;
                }

                return text;
            case FieldKind.Integer:
                var integer = new JsonObject { ["type"] = "integer" };
                if (formatName == HouseFormats.EpochMillis.Name)
                {
                    integer["format"] = HouseFormats.EpochMillis.Name;
                    integer["minimum"] = 0;
                }

                return integer;
            case FieldKind.Number:
                return new JsonObject { ["type"] = "number" };
            case FieldKind.Boolean:
                return new JsonObject { ["type"] = "boolean" };
            case FieldKind.Object:
                return target is null ? new JsonObject { ["type"] = "object" } : Ref(target);
            case FieldKind.Map:
                return new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = (JsonNode?)Inner(type, target) ?? JsonValue.Create(true),
                };
            case FieldKind.List:
                return new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = Inner(type, target) ?? new JsonObject(),
                };
            default:
                return new JsonObject();
        }
    }

    /// <summary>What a list's items or a map's values must be: a section, a named item type, or anything.</summary>
    private static JsonObject? Inner(FieldType type, string? target) =>
        target is not null ? Ref(target)
            : type.Item is { Kind: not FieldKind.Unknown } item ? Value(item, null, null)
            : null;

    private static JsonObject Ref(string section) => new() { ["$ref"] = $"#/definitions/{section}" };

    /// <summary>Adds null to what a schema accepts: to its type list, or beside a $ref.</summary>
    private static JsonObject Nullable(JsonObject schema)
    {
        if (schema["type"] is { } type)
        {
            schema["type"] = WithNull(type);
            return schema;
        }

        return schema.ContainsKey("$ref")
            ? new JsonObject { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) }
            : schema;
    }

    public static JsonNode? WithNull(JsonNode? type) => type switch
    {
        JsonValue value when value.GetValue<string>() == "null" => value.DeepClone(),
        JsonValue value => new JsonArray(value.GetValue<string>(), "null"),
        JsonArray list when list.Any(t => t?.GetValue<string>() == "null") => list.DeepClone(),
        JsonArray list => new JsonArray([.. list.Select(t => t?.DeepClone()), JsonValue.Create("null")]),
        _ => type,
    };

    /// <summary>The sections reachable from the given fields, in the order the doc writes them.</summary>
    private static void AddDefinitions(JsonObject schema, Endpoint endpoint, ImmutableArray<DocField> roots, bool forRequest)
    {
        var reachable = new HashSet<string>();
        var pending = new Stack<DocField>(roots);
        while (pending.TryPop(out var field))
        {
            if (field.Target is { } name && reachable.Add(name) && endpoint.Section(name) is { } section)
            {
                foreach (var inner in section.Fields)
                {
                    pending.Push(inner);
                }
            }
        }

        if (reachable.Count == 0)
        {
            return;
        }

        var definitions = new JsonObject();
        foreach (var section in endpoint.Sections.Where(s => reachable.Contains(s.Name)))
        {
            definitions[section.Name] = ObjectOf(section.Fields, forRequest, section.Caption == section.Name ? null : section.Caption);
        }

        schema["definitions"] = definitions;
    }
}
