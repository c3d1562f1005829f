using System.Globalization;

namespace OpMock.Core.World.Kinds;

/// <summary>
/// How a kind's ids look, read from the docs' examples: a prefix, optionally the entity's creation date
/// (<c>GD201603090001</c>: GD + yyyyMMdd + a sequence) and a sequence of at least <see cref="Digits"/> digits.
/// A generated entity's sequence is its number in the world, so an id always leads back to its entity (lazily, with
/// nothing stored); without an example the ids are the kind's initial and digits.
/// </summary>
internal sealed record IdShape(string Prefix, bool Dated, int Digits)
{
    public static IdShape Fallback { get; } = new("", false, 8);

    /// <summary>The shape of an example id: its leading letters, a yyyyMMdd date when its digits start with one, the rest as the sequence.</summary>
    public static IdShape? Of(string example)
    {
        var letters = example.TakeWhile(char.IsAsciiLetter).Count();
        var digits = example[letters..];
        if (letters == example.Length || !digits.All(char.IsAsciiDigit) || digits.Length > 18)
        {
            return null;
        }

        // A date and at least three digits of sequence (MC20160301008); fewer digits after a date-like start are a number.
        var dated = digits.Length >= 11 && DateTime.TryParseExact(digits[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
        return new IdShape(example[..letters], dated, Math.Max(1, dated ? digits.Length - 8 : digits.Length));
    }

    /// <summary>The id of entity number <paramref name="number"/> (from 0), created at <paramref name="created"/>.</summary>
    public string Format(long number, DateTimeOffset created)
    {
        // Undated sequences start at 1 followed by zeros (r1000, r1001 …), as hand-written examples do.
        var sequence = Dated ? number + 1 : Base + number;
        var date = Dated ? created.ToOffset(WorldOptions.ChinaOffset).ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "";
        return Prefix + date + sequence.ToString(CultureInfo.InvariantCulture).PadLeft(Digits, '0');
    }

    /// <summary>The entity number an id of this shape carries; null for an id of another shape.</summary>
    public long? Number(string id)
    {
        if (!id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var digits = id[Prefix.Length..];
        if (Dated)
        {
            digits = digits.Length > 8 ? digits[8..] : "";
        }

        if (digits.Length < Digits || digits.Length > 18 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var sequence = long.Parse(digits, CultureInfo.InvariantCulture);
        var number = Dated ? sequence - 1 : sequence - Base;
        return number >= 0 ? number : null;
    }

    private long Base => Digits >= 2 ? (long)Math.Pow(10, Digits - 1) : 0;
}
