using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bogus;
using OpMock.Core.Docs;

namespace OpMock.Core.World;

internal enum ShapeKind
{
    /// <summary>yyyyMMddHHmmss (or yyyyMMdd) then a sequence: 201601061102350017.</summary>
    DatedSequence,

    /// <summary>Letters then digits: i1001, g0001, SKU-0012.</summary>
    PrefixedDigits,

    /// <summary>Letters (maybe none) then hex digits: 9f8e7d6c…, o0001c90a….</summary>
    PrefixedHex,

    /// <summary>8-4-4-4-12 hex digits.</summary>
    Uuid,

    /// <summary>Only digits: 106268050147246664.</summary>
    Digits,

    /// <summary>Chinese text.</summary>
    Chinese,

    /// <summary>Latin letters only.</summary>
    Latin,

    /// <summary>Latin letters and digits mixed.</summary>
    Alphanumeric,

    /// <summary>A number: its order of magnitude and decimals.</summary>
    Number,

    /// <summary>Milliseconds since 1970 (1442307258460): a time.</summary>
    EpochMillis,

    /// <summary>Seconds since 1970: a time.</summary>
    EpochSeconds,
}

/// <summary>
/// The shape a doc's example gives a field, so a generated value looks like the documented one: an id keeps its length,
/// prefix and alphabet (a date-and-sequence id gets a real, recent date), a number its order of magnitude and decimals,
/// a text its script. Read from every value the example shows for the field; values of different shapes give none.
/// </summary>
/// <param name="Upper">Hex digits, a UUID or Latin letters in upper case.</param>
/// <param name="Capitalised">Latin letters with the first in upper case (Service).</param>
/// <param name="LeadingZero">Digits that may start with 0 (g0001); for a number, an example of 0 (so 0 may come).</param>
internal sealed partial record ValueShape(ShapeKind Kind, string Prefix = "", int Length = 0, bool Upper = false, bool Capitalised = false, string DateFormat = "",
    bool LeadingZero = false, int LowExponent = 0, int HighExponent = 0, int Decimals = 0, bool Negative = false)
{
    /// <summary>The shape all <paramref name="samples"/> share; null when they share none (or there are none).</summary>
    public static ValueShape? Of(IReadOnlyList<JsonValue> samples)
    {
        ValueShape? shape = null;
        foreach (var sample in samples)
        {
            var one = sample.GetValueKind() switch
            {
                JsonValueKind.String => OfText(sample.GetValue<string>()),
                JsonValueKind.Number => OfNumber(sample),
                _ => null,
            };
            if (one is null)
            {
                continue;
            }

            if (shape is null)
            {
                shape = one;
                continue;
            }

            if (shape.Kind != one.Kind || shape.Prefix != one.Prefix || (shape.Kind is ShapeKind.Digits or ShapeKind.PrefixedHex or ShapeKind.DatedSequence && shape.Length != one.Length))
            {
                return null;
            }

            shape = shape with
            {
                Length = Math.Max(shape.Length, one.Length),
                LeadingZero = shape.LeadingZero || one.LeadingZero,
                LowExponent = Math.Min(shape.LowExponent, one.LowExponent),
                HighExponent = Math.Max(shape.HighExponent, one.HighExponent),
                Decimals = Math.Max(shape.Decimals, one.Decimals),
                Negative = shape.Negative && one.Negative,
            };
        }

        return shape;
    }

    /// <summary>Whether the shape is text in another script than Chinese: a kind that writes Chinese yields to it.</summary>
    public bool IsNonChineseText => Kind is not (ShapeKind.Chinese or ShapeKind.Number or ShapeKind.EpochMillis or ShapeKind.EpochSeconds);

    /// <summary>A value of this shape, for a field of type <paramref name="type"/>; null when the shape does not fit the type.</summary>
    public JsonNode? Make(Randomizer random, WorldOptions options, FieldKind type)
    {
        switch (Kind)
        {
            case ShapeKind.EpochMillis:
                return type is FieldKind.Integer or FieldKind.Number ? Instant(random, options).ToUnixTimeMilliseconds() : null;
            case ShapeKind.EpochSeconds:
                return type is FieldKind.Integer or FieldKind.Number ? Instant(random, options).ToUnixTimeSeconds() : null;
            case ShapeKind.Number:
                return type switch
                {
                    FieldKind.Integer => (long)Magnitude(random),
                    FieldKind.Number => Math.Round((decimal)Magnitude(random) + (Decimals > 0 ? random.Decimal() : 0m), Decimals),
                    FieldKind.String => Magnitude(random).ToString(CultureInfo.InvariantCulture),
                    _ => null,
                };
        }

        if (type != FieldKind.String)
        {
            // Digits in a number field: a number with as many digits.
            return Kind == ShapeKind.Digits && type == FieldKind.Integer && Length is > 0 and < 19 ? long.Parse(Digits(random, Length, false), CultureInfo.InvariantCulture) : null;
        }

        return Kind switch
        {
            ShapeKind.DatedSequence => DateFormatted(random, options),
            ShapeKind.PrefixedDigits => Prefix + (DateFormat.Length > 0 ? DateFormatted(random, options) : Digits(random, Length, LeadingZero)),
            ShapeKind.PrefixedHex => Prefix + Hex(random, Length),
            ShapeKind.Uuid => Upper ? new Guid(random.Bytes(16)).ToString().ToUpperInvariant() : new Guid(random.Bytes(16)).ToString(),
            ShapeKind.Digits => Digits(random, Length, LeadingZero),
            ShapeKind.Chinese => Chinese(random),
            ShapeKind.Latin => Latin(random),
            _ => Alphanumeric(random),
        };
    }

    private static ValueShape? OfText(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (UuidText().IsMatch(text))
        {
            return new ValueShape(ShapeKind.Uuid, Length: 36, Upper: text.Any(char.IsAsciiLetterUpper));
        }

        if (text.All(char.IsAsciiDigit))
        {
            foreach (var format in new[] { "yyyyMMddHHmmss", "yyyyMMdd" })
            {
                if (text.Length >= format.Length + 4 && DateTime.TryParseExact(text[..format.Length], format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    && date.Year is >= 1990 and <= 2100)
                {
                    return new ValueShape(ShapeKind.DatedSequence, Length: text.Length, DateFormat: format);
                }
            }

            return new ValueShape(ShapeKind.Digits, Length: text.Length, LeadingZero: text[0] == '0');
        }

        if (PrefixedDigitsText().Match(text) is { Success: true } digits)
        {
            // GD201603090001, m20160308173245001: the digits start with a date (World/Rules/IdShapes), generated recent.
            return new ValueShape(ShapeKind.PrefixedDigits, digits.Groups[1].Value, digits.Groups[2].Length, LeadingZero: digits.Groups[2].Value[0] == '0',
                DateFormat: Rules.IdShape.Of(text)?.DateFormat ?? "");
        }

        if (PrefixedHexText().Match(text) is { Success: true } hex && hex.Groups[2].Value.Any(char.IsAsciiDigit) && hex.Groups[2].Value.Any(char.IsAsciiLetter))
        {
            return new ValueShape(ShapeKind.PrefixedHex, hex.Groups[1].Value, hex.Groups[2].Length, Upper: hex.Groups[2].Value.Any(char.IsAsciiLetterUpper));
        }

        if (text.Any(c => c is >= '\u4e00' and <= '\u9fff'))
        {
            return new ValueShape(ShapeKind.Chinese, Length: text.Length);
        }

        if (text.All(char.IsAsciiLetter))
        {
            return new ValueShape(ShapeKind.Latin, Length: text.Length, Upper: text.All(char.IsAsciiLetterUpper), Capitalised: char.IsAsciiLetterUpper(text[0]));
        }

        return text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? new ValueShape(ShapeKind.Alphanumeric, Length: text.Length, Upper: text.Any(char.IsAsciiLetterUpper) && !text.Any(char.IsAsciiLetterLower))
            : null;
    }

    private static ValueShape? OfNumber(JsonValue value)
    {
        var text = value.ToJsonString();
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        if (number == decimal.Truncate(number) && !text.Contains('.'))
        {
            if (number is >= 946_684_800_000m and <= 4_102_444_800_000m)
            {
                return new ValueShape(ShapeKind.EpochMillis);
            }

            if (number is >= 946_684_800m and <= 4_102_444_800m)
            {
                return new ValueShape(ShapeKind.EpochSeconds);
            }
        }

        var exponent = number == 0 ? 0 : (int)Math.Floor(Math.Log10((double)Math.Abs(number)));
        var point = text.IndexOf('.');
        var decimals = point < 0 ? 0 : text.Length - point - 1;
        return new ValueShape(ShapeKind.Number, LeadingZero: number == 0, LowExponent: Math.Max(0, exponent), HighExponent: Math.Max(0, exponent),
            Decimals: Math.Min(decimals, 6), Negative: number < 0);
    }

    /// <summary>A whole number in the samples' orders of magnitude (3 → 1–9, 35 → 10–99, 0 → 0–9).</summary>
    private long Magnitude(Randomizer random)
    {
        var exponent = random.Number(Math.Min(LowExponent, 17), Math.Min(HighExponent, 17));
        var low = exponent == 0 ? (LeadingZero ? 0 : 1) : Pow10(exponent);
        var value = random.Long(low, (Pow10(exponent + 1)) - 1);
        return Negative ? -value : value;
    }

    private static long Pow10(int exponent)
    {
        var value = 1L;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    private string DateFormatted(Randomizer random, WorldOptions options)
    {
        var date = Instant(random, options).ToOffset(WorldOptions.ChinaOffset).ToString(DateFormat, CultureInfo.InvariantCulture);
        // The sequence after the date: small numbers, as a counter of the day writes them.
        var rest = Length - date.Length;
        var sequence = random.Number(1, (int)Math.Min(Pow10(Math.Min(rest, 9)) - 1, 9999));
        return date + sequence.ToString(CultureInfo.InvariantCulture).PadLeft(rest, '0');
    }

    private static DateTimeOffset Instant(Randomizer random, WorldOptions options) => Catalog.ServiceHours.Instant(random, options, options.WindowDays);

    private static string Digits(Randomizer random, int length, bool leadingZero)
    {
        var digits = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            digits.Append((char)('0' + random.Number(i == 0 && !leadingZero && length > 1 ? 1 : 0, 9)));
        }

        return digits.ToString();
    }

    private string Hex(Randomizer random, int length)
    {
        var hex = Convert.ToHexStringLower(random.Bytes((length + 1) / 2))[..length];
        return Upper ? hex.ToUpperInvariant() : hex;
    }

    private string Chinese(Randomizer random)
    {
        var text = ChineseText.Word(random);
        return text.Length > Math.Max(Length, 2) ? text[..Math.Max(Length, 2)] : text;
    }

    /// <summary>Letters in the example's case: lower, Capitalised, or UPPER.</summary>
    private string Latin(Randomizer random)
    {
        var letters = new StringBuilder(Length);
        for (var i = 0; i < Length; i++)
        {
            var c = (char)('a' + random.Number(0, 25));
            letters.Append(Upper || (Capitalised && i == 0) ? char.ToUpperInvariant(c) : c);
        }

        return letters.ToString();
    }

    private string Alphanumeric(Randomizer random)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var text = new StringBuilder(Length);
        for (var i = 0; i < Length; i++)
        {
            text.Append(Alphabet[random.Number(0, Alphabet.Length - 1)]);
        }

        return Upper ? text.ToString().ToUpperInvariant() : text.ToString();
    }

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidText();

    [GeneratedRegex("^([A-Za-z][A-Za-z_-]*)([0-9]+)$")]
    private static partial Regex PrefixedDigitsText();

    [GeneratedRegex("^([A-Za-z_-]*?)([0-9a-f]{6,}|[0-9A-F]{6,})$")]
    private static partial Regex PrefixedHexText();
}
