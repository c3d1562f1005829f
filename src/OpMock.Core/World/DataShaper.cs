using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World;

/// <summary>
/// Shapes data to an endpoint's documented fields: a known value is kept when its type fits the
/// field (a time is written in the field's own format), every other documented field is generated,
/// and anything undocumented is dropped. So what the server sends always validates, even after a
/// doc or an override changes.
/// </summary>
internal sealed class DataShaper(Endpoint endpoint, ValueGenerator generator)
{
    private const int MaxDepth = 5;

    public JsonObject Object(ImmutableArray<DocField> fields, JsonObject? known, int depth = 0)
    {
        var result = new JsonObject();
        foreach (var field in fields)
        {
            JsonNode? value = null;
            var has = known is not null && known.TryGetPropertyValue(field.Name, out value);
            if (!has && known is not null && !field.Required)
            {
                // The known data (a captured example) leaves an optional field out: so does the answer.
                continue;
            }

            // Last step for every value: inside the doc's hints (enum, range), whatever made it.
            result[field.Name] = generator.Hinted(field, has ? Fit(field, value, depth) : Generate(field, depth));
        }

        return result;
    }

    private JsonNode? Fit(DocField field, JsonNode? value, int depth)
    {
        if (value is null)
        {
            return field.Nullable ? null : Generate(field, depth);
        }

        var kind = value.GetValueKind();
        switch (field.Type.Kind)
        {
            case FieldKind.String or FieldKind.Date:
                if (kind == System.Text.Json.JsonValueKind.Number && value.AsValue().TryGetValue<long>(out var millis) && Format(field) is { } format)
                {
                    return format.Format(DateTimeOffset.FromUnixTimeMilliseconds(millis).ToOffset(WorldOptions.ChinaOffset));
                }

                return kind == System.Text.Json.JsonValueKind.String && FitsFormat(field, value.GetValue<string>()) ? value.DeepClone() : Generate(field, depth);
            case FieldKind.Integer:
                if (kind == System.Text.Json.JsonValueKind.String && HouseFormats.DateTime.IsValid(value.GetValue<string>()))
                {
                    var local = DateTime.ParseExact(value.GetValue<string>(), HouseFormats.DateTime.Pattern!, CultureInfo.InvariantCulture);
                    return new DateTimeOffset(local, WorldOptions.ChinaOffset).ToUnixTimeMilliseconds();
                }

                return kind == System.Text.Json.JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _) ? value.DeepClone() : Generate(field, depth);
            case FieldKind.Number:
                return kind == System.Text.Json.JsonValueKind.Number ? value.DeepClone() : Generate(field, depth);
            case FieldKind.Boolean:
                return kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False ? value.DeepClone() : Generate(field, depth);
            case FieldKind.Object:
                return value is JsonObject inner
                    ? endpoint.Section(field.Target) is { } section ? Object(section.Fields, inner, depth + 1) : inner.DeepClone()
                    : Generate(field, depth);
            case FieldKind.Map:
                return value is JsonObject ? value.DeepClone() : Generate(field, depth);
            case FieldKind.List:
                return value is JsonArray items ? List(field, items, depth) : Generate(field, depth);
            default:
                return value.DeepClone();
        }
    }

    private JsonArray List(DocField field, JsonArray items, int depth)
    {
        var section = endpoint.Section(field.Target);
        var result = new JsonArray();
        foreach (var item in items)
        {
            result.Add(section is not null
                ? item is JsonObject o ? Object(section.Fields, o, depth + 1) : Object(section.Fields, null, depth + 1)
                : item?.DeepClone());
        }

        return result;
    }

    private JsonNode? Generate(DocField field, int depth)
    {
        var section = endpoint.Section(field.Target);
        switch (field.Type.Kind)
        {
            case FieldKind.Object:
                return section is not null && depth < MaxDepth ? Object(section.Fields, null, depth + 1)
                    : section is not null && field.Nullable ? null : new JsonObject();
            case FieldKind.Map:
                return new JsonObject();
            case FieldKind.List:
                if (section is not null)
                {
                    return depth < MaxDepth ? new JsonArray([.. Enumerable.Range(0, generator.ListLength()).Select(_ => (JsonNode)Object(section.Fields, null, depth + 1))]) : [];
                }

                return field.Type.Item?.Kind switch
                {
                    null or FieldKind.String => new JsonArray([.. Enumerable.Range(0, generator.ListLength()).Select(_ => (JsonNode)generator.ListText(field)).DistinctBy(n => n.GetValue<string>())]),
                    _ => [],
                };
            default:
                return generator.Scalar(field) ?? (field.Nullable ? null : "");
        }
    }

    private static HouseFormat? Format(DocField field) =>
        HouseFormats.ByName(field.Format ?? "") is { Pattern: not null } format ? format
            : field.Type.Kind == FieldKind.Date ? HouseFormats.DateTime : null;

    private static bool FitsFormat(DocField field, string text) => Format(field) is not { } format || format.IsValid(text);
}
