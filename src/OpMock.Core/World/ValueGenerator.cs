using System.Text.Json.Nodes;
using Bogus;
using OpMock.Core.Docs;

namespace OpMock.Core.World;

/// <summary>
/// Realistic values for any documented field, from its name and type alone, so a newly added doc is
/// served with no code change: …Id gets an id, phone a mobile number, createTime a date in the
/// field's house format, lat/lng a point near a Chinese city, message Chinese text.
/// </summary>
internal sealed class ValueGenerator(Randomizer random, WorldOptions options)
{
    public JsonNode? Scalar(DocField field)
    {
        var name = field.Name.ToLowerInvariant();
        var format = HouseFormats.ByName(field.Format ?? "");
        switch (field.Type.Kind)
        {
            case FieldKind.Boolean:
                return random.Bool(name.StartsWith("is", StringComparison.Ordinal) ? 0.6f : 0.5f);
            case FieldKind.Integer:
                return Integer(name, format);
            case FieldKind.Number:
                return Number(name);
            case FieldKind.Date:
                return (format ?? HouseFormats.DateTime).Format(Instant());
            case FieldKind.String:
                return Text(name, format);
            default:
                return null;
        }
    }

    public string ListText(DocField field) =>
        field.Name.Contains("tag", StringComparison.OrdinalIgnoreCase) ? ChineseText.Tag(random) : ChineseText.Word(random);

    public int ListLength() => random.Number(1, 3);

    /// <summary>The value, or one drawn from the field's doc hints when it breaks them.</summary>
    public JsonNode? Hinted(DocField field, JsonNode? value) => HintedValues.Constrain(field, value, random);

    /// <summary>The length of a list that pages: long enough to need pages.</summary>
    public int ListLength(int max) => random.Number(0, max);

    private JsonNode Integer(string name, HouseFormat? format)
    {
        if (format == HouseFormats.EpochMillis || name.EndsWith("time", StringComparison.Ordinal) || name.EndsWith("date", StringComparison.Ordinal))
        {
            return Instant().ToUnixTimeMilliseconds();
        }

        if (name.EndsWith("id", StringComparison.Ordinal))
        {
            return random.Number(1, 9999);
        }

        return name.Contains("amount") || name.Contains("price") || name.Contains("money") ? random.Number(1, 2000) * 100
            : name.Contains("type") || name.Contains("status") || name.Contains("level") ? random.Number(0, 5)
            : random.Number(0, 99);
    }

    private JsonNode Number(string name)
    {
        var city = random.ArrayElement(ChinaPlaces.Cities);
        var (lat, lng) = ChinaPlaces.Near(random, city);
        return name is "lat" or "latitude" ? lat
            : name is "lng" or "lon" or "longitude" ? lng
            : Math.Round(random.Double(1, 2000), 2);
    }

    private string Text(string name, HouseFormat? format)
    {
        if (format?.Pattern is not null || name.EndsWith("time", StringComparison.Ordinal) || name.EndsWith("date", StringComparison.Ordinal))
        {
            return (format?.Pattern is null ? HouseFormats.DateTime : format).Format(Instant());
        }

        var city = random.ArrayElement(ChinaPlaces.Cities);
        return name switch
        {
            _ when name.EndsWith("id", StringComparison.Ordinal) => Id(name),
            _ when name.Contains("phone") || name.Contains("mobile") || name.Contains("tel") => ChineseMobile.Number(random),
            _ when name.Contains("icon") || name.Contains("avatar") || name.Contains("image") || name.Contains("pic") || name.Contains("url") => Icons.UserIcon(random),
            _ when name.Contains("logo") => Icons.Logo(random),
            _ when name.Contains("address") => ChinaPlaces.Address(random, city),
            _ when name.Contains("nick") => ChineseNames.Nickname(random),
            _ when name.Contains("name") => ChineseNames.FullName(random),
            _ when name.Contains("status") => "Service",
            _ when name.Contains("message") || name.Contains("content") => ChineseText.Message(random),
            _ when name.Contains("title") => ChineseText.Title(random),
            _ when name.Contains("remark") || name.Contains("desc") => ChineseText.Remark(random),
            _ when name.Contains("amount") || name.Contains("price") => random.Number(1, 2000) + ".00",
            _ when name.Contains("version") => "1." + random.Number(0, 9) + "." + random.Number(0, 9),
            _ => ChineseText.Word(random),
        };
    }

    private string Id(string name) =>
        name.Contains("user") ? WorldIds.UserPrefix + random.Hexadecimal(32, "")
        : name.Contains("operator") || name.Contains("staff") || name.StartsWith("op", StringComparison.Ordinal) ? WorldIds.OpPrefix + random.Hexadecimal(32, "")
        : name.Contains("group") ? "1" + random.Number(10_000_000, 99_999_999) + random.Number(100_000_000, 999_999_999)
        : name.Contains("chat") ? WorldIds.UserPrefix + random.Hexadecimal(32, "")
        : random.Hexadecimal(32, "");

    private DateTimeOffset Instant() => Catalog.ServiceHours.Instant(random, options, options.WindowDays);
}
