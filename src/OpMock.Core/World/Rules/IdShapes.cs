using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// Issue 25.7, an id shaped by its example — the one reading of ids for generated values, kinds and writes: letters
/// (maybe none), then a date when the digits start with one (yyyyMMddHHmmss tried first, then yyyyMMdd), then a sequence
/// of <paramref name="Digits"/> digits. <c>GD201603090001</c> is GD + the entity's creation day + 4 digits,
/// <c>m20160308173245001</c> m + the message's time + 3, <c>201601061102350017</c> the order's time (2016-01-06 11:02:35)
/// + 4, <c>r1001</c> r + 4 digits. Generated values draw their sequence from the lower half of its range and fresh
/// (created) ids count up from the middle, so a fresh id is never one the world shows; a kind's entities carry their
/// number in the sequence (<see cref="Format"/>, <see cref="Number"/>). Entry points: <see cref="Of(string?)"/> (read an
/// example), <see cref="Make"/>, <see cref="DateOf"/>, <see cref="Fresh"/>, <see cref="Generated"/>, <see cref="Format"/>,
/// <see cref="Number"/>, <see cref="Fits"/> (an id against a sample of its kind, for writes); <see cref="IdRule"/> applies
/// them to every shaped object, the kinds table to its entities, Actions to created ones.
/// </summary>
/// <param name="LeadingZero">The sequence may start with 0 (g0001, and always after a date).</param>
internal sealed record IdShape(string Prefix, string DateFormat, int Digits, bool LeadingZero)
{
    private static readonly string[] DateFormats = ["yyyyMMddHHmmss", "yyyyMMdd"];

    /// <summary>A kind's ids when no example shows one: 8 digits, from 10000000.</summary>
    public static IdShape Fallback { get; } = new("", "", 8, false);

    /// <summary>Whether the id holds a date (or a time) after its prefix.</summary>
    public bool IsDated => DateFormat.Length > 0;

    /// <summary>The shape of an example id; null for an id that is not letters then digits (hex, UUIDs, text).</summary>
    public static IdShape? Of(string? example)
    {
        if (string.IsNullOrEmpty(example))
        {
            return null;
        }

        var p = 0;
        while (p < example.Length && (char.IsAsciiLetter(example[p]) || example[p] is '_' or '-'))
        {
            p++;
        }

        var digits = example[p..];
        if (digits.Length is 0 or > 40 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        foreach (var format in DateFormats)
        {
            // A date then at least two digits of sequence, in this century: 20160309 0001.
            if (digits.Length >= format.Length + 2 && Parse(digits[..format.Length], format) is not null)
            {
                return new IdShape(example[..p], format, Math.Min(digits.Length - format.Length, 18), true);
            }
        }

        return digits.Length > 18 ? null : new IdShape(example[..p], "", digits.Length, digits[0] == '0' || digits.Length == 1);
    }

    /// <summary>The shape of an example value: text, or a number written as digits.</summary>
    public static IdShape? Of(JsonNode? example) => example is JsonValue value
        ? Of(value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.GetValueKind() == JsonValueKind.Number ? value.ToJsonString() : null)
        : null;

    /// <summary>The shape a field's example gives it (<see cref="ValueShape"/>): letters then digits, a date and a sequence, or digits.</summary>
    public static IdShape? From(ValueShape shape) => shape.Kind switch
    {
        ShapeKind.PrefixedDigits or ShapeKind.DatedSequence when shape.DateFormat.Length > 0 && shape.Length - shape.DateFormat.Length >= 1 =>
            new IdShape(shape.Prefix, shape.DateFormat, Math.Min(shape.Length - shape.DateFormat.Length, 18), true),
        ShapeKind.PrefixedDigits or ShapeKind.Digits when shape.Length is > 0 and <= 18 => new IdShape(shape.Prefix, "", shape.Length, shape.LeadingZero || shape.Length == 1),
        _ => null,
    };

    /// <summary>The id of this shape for an instant (when dated, in China time) and a sequence number (taken modulo its digits).</summary>
    public string Make(DateTimeOffset time, long sequence) =>
        Prefix + (IsDated ? time.ToOffset(WorldOptions.ChinaOffset).ToString(DateFormat, CultureInfo.InvariantCulture) : "")
        + (((sequence % Span) + Span) % Span).ToString(CultureInfo.InvariantCulture).PadLeft(Digits, '0');

    /// <summary>Whether an id has this shape (its prefix, a real date, its length of digits).</summary>
    public bool Matches(string id) =>
        id.Length == Prefix.Length + DateFormat.Length + Digits && id.StartsWith(Prefix, StringComparison.Ordinal)
        && id[Prefix.Length..].All(char.IsAsciiDigit) && (!IsDated || DateOf(id) is not null)
        && (LeadingZero || Digits <= 1 || id[Prefix.Length + DateFormat.Length] != '0');

    /// <summary>The date (or time) an id of this shape holds, in China time; null when it holds none.</summary>
    public DateTimeOffset? DateOf(string id) =>
        IsDated && id.Length >= Prefix.Length + DateFormat.Length && id.StartsWith(Prefix, StringComparison.Ordinal)
            ? Parse(id.Substring(Prefix.Length, DateFormat.Length), DateFormat) : null;

    /// <summary>The sequence number after the prefix and date.</summary>
    public long? SequenceOf(string id) =>
        Matches(id) && long.TryParse(id[(Prefix.Length + DateFormat.Length)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The id of a generated entity: its time (when dated) and a sequence from the lower half of the range, by a stable fraction in [0, 1).</summary>
    public string Generated(DateTimeOffset time, double fraction) =>
        Make(time, Low + (long)Math.Floor(Math.Clamp(fraction, 0, 0.999999) * (Middle - Low)));

    /// <summary>The id of an entity created now: the <paramref name="sequence"/>th of the session (from 1), counting up from the middle of the range.</summary>
    public string Fresh(DateTimeOffset now, long sequence) =>
        Make(now, Middle + ((Math.Max(sequence, 1) - 1) % Math.Max(Span - Middle, 1)));

    /// <summary>
    /// The id of a kind's entity number <paramref name="number"/> (from 0), created at <paramref name="created"/>: the
    /// date when dated, then the sequence counting from the first the example's digits allow (0001, or 1000 for r1001);
    /// a number past the digits makes a longer sequence, so <see cref="Number"/> always reads it back.
    /// </summary>
    public string Format(long number, DateTimeOffset created) =>
        Prefix + (IsDated ? created.ToOffset(WorldOptions.ChinaOffset).ToString(DateFormat, CultureInfo.InvariantCulture) : "")
        + (Low + number).ToString(CultureInfo.InvariantCulture).PadLeft(Digits, '0');

    /// <summary>The entity number an id of this shape carries (<see cref="Format"/>); null for an id of another shape.</summary>
    public long? Number(string id)
    {
        if (!id.StartsWith(Prefix, StringComparison.Ordinal) || id.Length < Prefix.Length + DateFormat.Length)
        {
            return null;
        }

        var digits = id[(Prefix.Length + DateFormat.Length)..];
        if (digits.Length < Digits || digits.Length > 18 || !digits.All(char.IsAsciiDigit) || !id[Prefix.Length..].All(char.IsAsciiDigit))
        {
            return null;
        }

        var number = long.Parse(digits, CultureInfo.InvariantCulture) - Low;
        return number >= 0 ? number : null;
    }

    /// <summary>
    /// Whether an id is shaped like <paramref name="sample"/>, an id of its kind: the same leading letters, the same
    /// length, and a body of the same characters (digits only, or hex). `nonexistent` and `12345` are no chat's id; a
    /// u0001 + 18 digits id is one, though no example shows it (the world has a chat for any such id).
    /// </summary>
    public static bool Fits(string id, string sample)
    {
        if (id.Length != sample.Length)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < sample.Length && char.IsAsciiLetter(sample[prefix]))
        {
            prefix++;
        }

        if (prefix == sample.Length || !id.AsSpan(0, prefix).SequenceEqual(sample.AsSpan(0, prefix)))
        {
            return false;
        }

        var body = sample.AsSpan(prefix);
        var digits = !body.ContainsAnyExcept("0123456789");
        var allowed = digits ? "0123456789" : "0123456789abcdefABCDEF";
        return !body.ContainsAnyExcept(allowed.AsSpan()) && !id.AsSpan(prefix).ContainsAnyExcept(allowed.AsSpan());
    }

    /// <summary>How many sequences the digits hold (10^Digits), capped to stay a long.</summary>
    private long Span => (long)Math.Pow(10, Math.Min(Digits, 18));

    /// <summary>The smallest sequence: 1, or 10^(Digits−1) when the example's digits do not start with 0 (r1001).</summary>
    private long Low => LeadingZero || Digits <= 1 ? 1 : Span / 10;

    private long Middle => Low + ((Span - Low) / 2);

    private static DateTimeOffset? Parse(string digits, string format) =>
        DateTime.TryParseExact(digits, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && local.Year is >= 2000 and <= 2099
            ? new DateTimeOffset(local, WorldOptions.ChinaOffset) : null;
}

/// <summary>
/// A generated id of an example's shape (<see cref="IdShape"/>) tied to the object's creation time (<paramref name="Time"/>,
/// when shown): a generated id takes the time's date and a lower-half sequence; an id that is not generated (asked for,
/// an example's) sets a generated creation time to its date, moving the object's other generated stage times with it.
/// </summary>
/// <param name="Times">The object's other generated life-cycle times, moved with its creation time.</param>
internal sealed record IdRule(int Id, IdShape Shape, int? Time, System.Collections.Immutable.ImmutableArray<int> Times) : Rule
{
    public override void Apply(RuleContext context)
    {
        if (!context.Shows(Id) || context.Value(Id) is not JsonValue shown)
        {
            return;
        }

        var current = shown.GetValueKind() == JsonValueKind.String ? shown.GetValue<string>() : shown.ToJsonString();
        var field = context.Field(Id);
        var created = Time is { } t && context.Shows(t) ? TimeValues.Read(context.Value(t)) : null;
        if (context.Writable(Id))
        {
            var fraction = StableHash.Of(context.Scope.Options.Seed, "id:" + context.Scope.SeedPath, current) / (double)ulong.MaxValue;
            var made = Shape.Generated(created ?? Shape.DateOf(current) ?? context.Scope.Options.Anchor, fraction);
            context.Set(Id, field.Type.Kind is FieldKind.Integer or FieldKind.Number && long.TryParse(made, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number) : JsonValue.Create(made));
            return;
        }

        if (Time is not { } time || !context.Writable(time) || created is not { } generated || Shape.DateOf(current) is not { } dated)
        {
            return;
        }

        // The id says when the entity was made: the day (keeping the generated time of day) or, with a time inside, the instant.
        var local = generated.ToOffset(WorldOptions.ChinaOffset);
        var target = Shape.DateFormat.Contains('H', StringComparison.Ordinal) ? dated : dated + local.TimeOfDay;
        var shift = target - generated;
        foreach (var moved in Times.Prepend(time).Distinct().Where(context.Writable))
        {
            if (TimeValues.Read(context.Value(moved)) is { } value)
            {
                context.Set(moved, TimeValues.Write(context.Field(moved), value + shift, HouseFormats.DateTime));
            }
        }
    }
}
