using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.Schemas;

/// <summary>
/// Turns a field's doc hints into standard draft-07 keywords every validator reads alike (enum,
/// minimum, maximum, default) and shows the enum labels in the description, where people read them.
/// </summary>
internal static class HintRules
{
    public const string LabelsKey = "x-enum-labels";

    public static void Add(JsonObject schema, FieldHints hints, bool nullable)
    {
        if (hints.HasOptions)
        {
            // draft-07 checks enum apart from type: a nullable field's enum must list null itself.
            var values = new JsonArray([.. hints.Options.Select(o => FieldHints.ToJson(o.Value))]);
            if (nullable)
            {
                values.Add(null);
            }

            schema["enum"] = values;
        }

        if (hints.Minimum is { } minimum)
        {
            schema["minimum"] = Number(minimum);
        }

        if (hints.Maximum is { } maximum)
        {
            schema["maximum"] = Number(maximum);
        }

        if (hints.Default is { } value)
        {
            schema["default"] = FieldHints.ToJson(value);
        }
    }

    /// <summary>"性别 (0: 未知, 1: 男, 2: 女)": the cells' text, with the enum as written replaced by its readable form.</summary>
    public static string Describe(DocField field)
    {
        var cells = new[] { field.Description, field.Remark }.Where(t => t.Length > 0).ToList();
        if (field.Hints.Source is { } source)
        {
            cells = [.. cells.Select(c => c.Replace(source, "", StringComparison.Ordinal).Trim(' ', ',', '，', '、', ';', '；', ':', '：'))
                .Where(c => c.Length > 0)];
        }

        var text = string.Join(" ", cells);
        return !field.Hints.HasOptions ? text
            : text.Length == 0 ? $"({field.Hints.Labels})"
            : $"{text} ({field.Hints.Labels})";
    }

    /// <summary>The labels by value, for readers and for the validator's messages; no tool gives it meaning.</summary>
    public static void AddLabels(JsonObject schema, FieldHints hints)
    {
        if (hints.HasOptions)
        {
            schema[LabelsKey] = new JsonObject(hints.Options.Select(o => KeyValuePair.Create(o.Text, (JsonNode?)o.Label)));
        }
    }

    private static JsonNode Number(decimal value) =>
        value == decimal.Truncate(value) ? JsonValue.Create((long)value) : JsonValue.Create(value);
}
