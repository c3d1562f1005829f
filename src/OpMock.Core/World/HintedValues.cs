using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bogus;
using OpMock.Core.Docs;

namespace OpMock.Core.World;

/// <summary>
/// Keeps every value the mock sends inside its field's doc hints: a value the hints allow is kept, any
/// other (generated from the field's name, or known from the world) is replaced by one drawn from them,
/// evenly, so every enum value appears and a range is not always its bound. Fields without hints draw
/// nothing, so their data stays byte for byte what it was.
/// </summary>
internal static class HintedValues
{
    /// <summary>How far a range with one bound (最大50, 最小1) reaches on its open side.</summary>
    private const long OpenSpan = 99;

    public static JsonNode? Constrain(DocField field, JsonNode? value, Randomizer random) => Allows(field, value) ? value : Draw(field, random);

    /// <summary>Whether the field's hints allow the value (a field without hints allows any).</summary>
    public static bool Allows(DocField field, JsonNode? value)
    {
        var hints = field.Hints;
        return value is null || (!hints.HasOptions && hints.Minimum is null && hints.Maximum is null)
            || (Typed(field.Type.Kind, value) is { } typed && HintReader.Allows(hints, typed));
    }

    private static JsonNode? Draw(DocField field, Randomizer random)
    {
        var hints = field.Hints;
        if (hints.HasOptions)
        {
            return FieldHints.ToJson(random.ArrayElement(hints.Options.ToArray()).Value);
        }

        var low = hints.Minimum ?? (hints.Maximum >= 0 ? 0 : hints.Maximum!.Value - OpenSpan);
        var high = hints.Maximum ?? low + OpenSpan;
        return field.Type.Kind == FieldKind.Integer
            ? JsonValue.Create(random.Long((long)decimal.Ceiling(low), (long)decimal.Floor(high)))
            : JsonValue.Create(Math.Round(random.Decimal(low, high), 2));
    }

    /// <summary>The value as the hints type theirs (long, decimal, bool, string); null when it is not of the field's kind.</summary>
    private static object? Typed(FieldKind kind, JsonNode value)
    {
        if (value is not JsonValue scalar)
        {
            return null;
        }

        return (kind, scalar.GetValueKind()) switch
        {
            // Read from the JSON text: a value built in code (JsonValue.Create(2)) converts to no other number type.
            (FieldKind.Integer, JsonValueKind.Number) => long.TryParse(scalar.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null,
            (FieldKind.Number, JsonValueKind.Number) => decimal.TryParse(scalar.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            (FieldKind.Boolean, JsonValueKind.True) => true,
            (FieldKind.Boolean, JsonValueKind.False) => false,
            (FieldKind.String, JsonValueKind.String) => scalar.GetValue<string>(),
            _ => null,
        };
    }
}
