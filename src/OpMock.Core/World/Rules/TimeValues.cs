using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>Instants as rules read and write them: epoch millis or China time in any house format.</summary>
internal static class TimeValues
{
    private static readonly HouseFormat[] Texts = [HouseFormats.DateTime, HouseFormats.Compact, HouseFormats.Date];

    public static DateTimeOffset? Read(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.GetValueKind() == JsonValueKind.Number)
        {
            return Amounts.Read(value) is { } millis && millis is > 0 and < 253_402_300_799_000 ? DateTimeOffset.FromUnixTimeMilliseconds((long)millis) : null;
        }

        if (value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetValue<string>();
        foreach (var format in Texts)
        {
            if (DateTime.TryParseExact(text, format.Pattern!, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return new DateTimeOffset(local, WorldOptions.ChinaOffset);
            }
        }

        return null;
    }

    /// <summary>
    /// The instant in the field's type and format: millis for an Integer, the documented format for text, a Date as the
    /// house writes one; <paramref name="untyped"/> for text with no format (a birthday is a day, a time a second).
    /// </summary>
    public static JsonNode? Write(DocField field, DateTimeOffset instant, HouseFormat untyped)
    {
        var local = instant.ToOffset(WorldOptions.ChinaOffset);
        var format = HouseFormats.ByName(field.Format ?? "");
        return field.Type.Kind switch
        {
            FieldKind.Integer => JsonValue.Create(local.ToUnixTimeMilliseconds()),
            FieldKind.Date => JsonValue.Create((format?.Pattern is null ? HouseFormats.DateTime : format).Format(local)),
            FieldKind.String when format is { Pattern: null } => null,
            FieldKind.String => JsonValue.Create((format ?? untyped).Format(local)),
            _ => null,
        };
    }
}
