using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>Numbers as rules read and write them: any JSON number or numeric text in; the field's own type out, money with two decimals.</summary>
internal static class Amounts
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The value as a number: a JSON number (read from its text, so a long or a double alike) or text such as "12.50".</summary>
    public static decimal? Read(JsonNode? node) => node is JsonValue value && value.GetValueKind() switch
    {
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.String => value.GetValue<string>(),
        _ => null,
    } is { } text && decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>A number in the field's type: a whole number for an Integer, two decimals for money; null when the field holds no number.</summary>
    public static JsonNode? Write(DocField field, decimal value, bool money) => field.Type.Kind switch
    {
        FieldKind.Integer => JsonValue.Create((long)decimal.Round(value, 0, MidpointRounding.AwayFromZero)),
        FieldKind.Number => JsonValue.Create(money ? Money(value) : value),
        FieldKind.String => JsonValue.Create(money ? Money(value).ToString("F2", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture)),
        _ => null,
    };

    /// <summary>Yuan with two decimals, written as such (268.00, not 268).</summary>
    public static decimal Money(decimal value) =>
        decimal.Parse(decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
