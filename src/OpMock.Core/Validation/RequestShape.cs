using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpMock.Core.Validation;

/// <summary>
/// A request schema compiled to a check over the parsed body (<see cref="JsonNode"/>) that can only say "valid":
/// when it does, NJsonSchema would find no error either, and the server skips writing the body out as text and
/// reading it back for NJsonSchema (a fifth of a request's time). When it cannot tell — a value it does not
/// understand, a keyword it does not know, anything wrong — it says so, and <see cref="SchemaChecker"/> answers
/// with NJsonSchema's findings, so every refusal still reads as NJsonSchema's. A property test over generated and
/// mutated requests holds the two to this.
/// </summary>
internal sealed class RequestShape
{
    // Words that only describe, or hold subschemas only a $ref (unknown here) reaches: they never make a body invalid.
    private static readonly FrozenSet<string> Annotations = new[] { "$schema", "title", "description", "default", "examples", "$comment", "definitions", "$defs" }
        .ToFrozenSet(StringComparer.Ordinal);

    private readonly Types types;
    private readonly FrozenDictionary<string, RequestShape>? properties;
    private readonly string[] required;
    private readonly bool extrasChecked;
    private readonly RequestShape? items;
    private readonly JsonNode?[]? options;
    private readonly decimal? minimum;
    private readonly decimal? maximum;
    private readonly int? minLength;
    private readonly int? maxLength;

    /// <summary>False when the schema uses a keyword this check does not know: any value it governs is left to NJsonSchema.</summary>
    private readonly bool known;

    private RequestShape(JsonObject schema)
    {
        known = true;
        types = Types.Any;
        required = [];
        foreach (var (key, value) in schema)
        {
            switch (key)
            {
                case "type":
                    types = TypesOf(value, ref known);
                    break;
                case "properties" when value is JsonObject fields:
                    properties = fields.ToFrozenDictionary(p => p.Key, p => p.Value is JsonObject field ? new RequestShape(field) : Unknown, StringComparer.Ordinal);
                    break;
                case "required" when value is JsonArray names && names.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String):
                    required = [.. names.Select(n => n!.GetValue<string>())];
                    break;
                case "additionalProperties":
                    // An undocumented field is a warning, never an error; only a schema for them could refuse one.
                    extrasChecked = value is not JsonValue { } flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False);
                    break;
                case "items" when value is JsonObject item:
                    items = new RequestShape(item);
                    break;
                case "enum" when value is JsonArray values:
                    options = [.. values];
                    break;
                case "minimum" when Number(value) is { } least:
                    minimum = least;
                    break;
                case "maximum" when Number(value) is { } most:
                    maximum = most;
                    break;
                case "minLength" when Count(value) is { } shortest:
                    minLength = shortest;
                    break;
                case "maxLength" when Count(value) is { } longest:
                    maxLength = longest;
                    break;
                default:
                    // x-type: a Java range; only integers past int reach it, and those are left to NJsonSchema anyway.
                    known &= Annotations.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal);
                    break;
            }
        }
    }

    private RequestShape()
    {
        required = [];
    }

    private static readonly RequestShape Unknown = new();

    /// <summary>The check of a request schema.</summary>
    public static RequestShape Compile(JsonObject schema) => new(schema);

    /// <summary>True only when the body certainly passes the schema (no errors; undocumented fields are warnings).</summary>
    public bool Valid(JsonNode? value)
    {
        try
        {
            return Passes(value);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // Text .NET cannot read as a string (a lone surrogate's escape): NJsonSchema says what it makes of it.
            return false;
        }
    }

    private bool Passes(JsonNode? value)
    {
        if (!known)
        {
            return false;
        }

        var kind = KindOf(value, out var number);
        if (kind == Types.None || (types & kind) == 0)
        {
            return false;
        }

        if (options is not null && !options.Any(o => Same(o, value)))
        {
            return false;
        }

        switch (value)
        {
            case JsonObject obj:
                return Object(obj);
            case JsonArray array:
                return items is null || array.All(items.Passes);
            case JsonValue text when kind == Types.String:
                var s = text.GetValue<string>();
                return Length(s, minLength, maxLength);
            default:
                return !kind.HasFlag(Types.Number) || ((minimum is null || number >= minimum) && (maximum is null || number <= maximum));
        }
    }

    private bool Object(JsonObject obj)
    {
        foreach (var name in required)
        {
            if (!obj.ContainsKey(name))
            {
                return false;
            }
        }

        foreach (var (name, field) in obj)
        {
            if (properties is not null && properties.TryGetValue(name, out var shape))
            {
                if (!shape.Passes(field))
                {
                    return false;
                }
            }
            else if (extrasChecked)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Both ways of counting a string's length agree with the bounds (UTF-16 units and text elements), or it is left to NJsonSchema.</summary>
    private static bool Length(string text, int? least, int? most)
    {
        if (least is null && most is null)
        {
            return true;
        }

        var units = text.Length;
        var elements = new StringInfo(text).LengthInTextElements;
        return (least is null || (units >= least && elements >= least)) && (most is null || (units <= most && elements <= most));
    }

    /// <summary>
    /// What JSON type a value is, as NJsonSchema reads its text: integers only as plain digits within int (wider ones
    /// meet Java's ranges), other numbers only as plain decimals of at most 15 digits; anything else is None (unsure).
    /// </summary>
    private static Types KindOf(JsonNode? value, out decimal number)
    {
        number = 0;
        switch (value)
        {
            case null:
                return Types.Null;
            case JsonObject:
                return Types.Object;
            case JsonArray:
                return Types.Array;
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String:
                        return v.TryGetValue<string>(out _) ? Types.String : Types.None;
                    case JsonValueKind.True or JsonValueKind.False:
                        return Types.Boolean;
                    case JsonValueKind.Null:
                        return Types.Null;
                    case JsonValueKind.Number:
                        var text = v.ToJsonString();
                        if (PlainInteger(text) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                        {
                            number = whole;
                            return Types.Integer | Types.Number;
                        }

                        return PlainDecimal(text) && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)
                            ? Types.Number : Types.None;
                }

                return Types.None;
        }

        return Types.None;
    }

    private static bool PlainInteger(string text) => text.Length is > 0 and <= 11 && text.AsSpan(text[0] == '-' ? 1 : 0) is { Length: > 0 } digits && !digits.ContainsAnyExceptInRange('0', '9');

    private static bool PlainDecimal(string text)
    {
        var digits = text.AsSpan(text.StartsWith('-') ? 1 : 0);
        var point = digits.IndexOf('.');
        return point > 0 && point < digits.Length - 1 && digits.Length <= 16 && !digits[..point].ContainsAnyExceptInRange('0', '9')
            && !digits[(point + 1)..].ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>An enum's option and a value are the same JSON (strings and booleans exactly, numbers by their text).</summary>
    private static bool Same(JsonNode? option, JsonNode? value) => option is null || value is null
        ? option is null && value is null
        : option is JsonValue && value is JsonValue && option.GetValueKind() == value.GetValueKind() && option.ToJsonString() == value.ToJsonString();

    private static Types TypesOf(JsonNode? type, ref bool known)
    {
        var names = type switch
        {
            JsonValue one when one.GetValueKind() == JsonValueKind.String => [one.GetValue<string>()],
            JsonArray many when many.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String) => many.Select(n => n!.GetValue<string>()).ToArray(),
            _ => null,
        };
        if (names is null)
        {
            known = false;
            return Types.None;
        }

        var types = Types.None;
        foreach (var name in names)
        {
            var one = name switch
            {
                "object" => Types.Object,
                "array" => Types.Array,
                "string" => Types.String,
                "integer" => Types.Integer,
                "number" => Types.Number,
                "boolean" => Types.Boolean,
                "null" => Types.Null,
                _ => Types.None,
            };
            known &= one != Types.None;
            types |= one;
        }

        return types;
    }

    private static decimal? Number(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<decimal>(out var n) ? n : null;

    private static int? Count(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) && n >= 0 ? n : null;

    [Flags]
    private enum Types
    {
        None = 0,
        Object = 1,
        Array = 2,
        String = 4,
        Integer = 8,
        Number = 16,
        Boolean = 32,
        Null = 64,
        Any = Object | Array | String | Integer | Number | Boolean | Null,
    }
}
