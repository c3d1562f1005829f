using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;

namespace OpMock.Core.World.Consistency;

/// <summary>
/// The docs' examples live in the present: every instant an example shows moves by one offset, the same for every
/// example of every doc — a whole number of days, so their order, spacing and time of day are kept — chosen so the
/// newest lands on the day before the world's anchor (00:00 China time today), hence before now. Ids (a date inside
/// <c>m20160308173245001</c>) and every other value stay as documented; a fixture's <c>world.examples: verbatim</c>
/// keeps the instants too.
/// </summary>
internal static class ExampleTimes
{
    // Instants outside these years are sentinels (2099-12-31 "never expires", 1970), not moments of the example's story.
    private static readonly DateTimeOffset Earliest = new(1990, 1, 1, 0, 0, 0, WorldOptions.ChinaOffset);
    private static readonly DateTimeOffset Latest = new(2090, 1, 1, 0, 0, 0, WorldOptions.ChinaOffset);

    /// <summary>The offset that moves the newest example instant of <paramref name="endpoints"/> to the day before <paramref name="anchor"/>.</summary>
    public static TimeSpan Offset(IEnumerable<Endpoint> endpoints, DateTimeOffset anchor) => Offset(endpoints.Select(Data), anchor);

    /// <summary>The offset that moves the newest instant of the examples' <paramref name="data"/> to the day before <paramref name="anchor"/>.</summary>
    public static TimeSpan Offset(IEnumerable<JsonNode?> data, DateTimeOffset anchor)
    {
        DateTimeOffset? newest = null;
        foreach (var node in data.OfType<JsonNode>())
        {
            Visit(node, null, (_, instant) => newest = newest is { } known && known >= instant ? known : instant);
        }

        if (newest is not { } last)
        {
            return TimeSpan.Zero;
        }

        var yesterday = anchor.ToOffset(WorldOptions.ChinaOffset).Date.AddDays(-1);
        return TimeSpan.FromDays((yesterday - last.ToOffset(WorldOptions.ChinaOffset).Date).TotalDays);
    }

    /// <summary>A copy of <paramref name="node"/> with every instant moved by <paramref name="offset"/>, each in the form it was written in.</summary>
    public static JsonNode? Shift(JsonNode? node, TimeSpan offset)
    {
        var copy = node?.DeepClone();
        if (copy is null || offset == TimeSpan.Zero)
        {
            return copy;
        }

        Visit(copy, null, (value, instant) => value.ReplaceWith(Write(value, instant + offset)));
        return copy;
    }

    /// <summary>The instant a value shows, with the name of the field holding it (null in a list), or null.</summary>
    public static DateTimeOffset? Read(JsonValue value, string? name)
    {
        var instant = value.GetValueKind() switch
        {
            JsonValueKind.String => Text(value.GetValue<string>(), name),
            // A number is an instant only in a time-named field (createTime 1457429565000), never a count or an amount.
            JsonValueKind.Number when name is not null && Rules.FieldWords.IsTimeName(name) && value.TryGetValue<long>(out var millis)
                && millis is > 0 and < 253_402_300_799_000 => DateTimeOffset.FromUnixTimeMilliseconds(millis),
            _ => (DateTimeOffset?)null,
        };
        return instant is { } t && t >= Earliest && t < Latest ? t : null;
    }

    private static DateTimeOffset? Text(string text, string? name)
    {
        // A full date-time is an instant wherever it stands; a day or a compact time only in a time-named field, and a birthday stays a birthday.
        var named = name is not null && Rules.FieldWords.IsTimeName(name) && !Rules.FieldWords.IsBirthday(name);
        foreach (var format in new[] { HouseFormats.DateTime, HouseFormats.Date, HouseFormats.Compact })
        {
            if ((named || ReferenceEquals(format, HouseFormats.DateTime)) && format.IsValid(text)
                && DateTime.TryParseExact(text, format.Pattern!, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return new DateTimeOffset(local, WorldOptions.ChinaOffset);
            }
        }

        return null;
    }

    private static JsonNode Write(JsonValue was, DateTimeOffset instant)
    {
        if (was.GetValueKind() == JsonValueKind.Number)
        {
            return JsonValue.Create(instant.ToUnixTimeMilliseconds());
        }

        var text = was.GetValue<string>();
        var format = new[] { HouseFormats.DateTime, HouseFormats.Date, HouseFormats.Compact }.First(f => f.IsValid(text));
        return JsonValue.Create(format.Format(instant.ToOffset(WorldOptions.ChinaOffset)));
    }

    private static void Visit(JsonNode node, string? name, Action<JsonValue, DateTimeOffset> found)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json.ToList())
                {
                    if (value is not null)
                    {
                        Visit(value, key, found);
                    }
                }

                break;
            case JsonArray list:
                foreach (var item in list.ToList())
                {
                    if (item is not null)
                    {
                        Visit(item, name, found);
                    }
                }

                break;
            case JsonValue value when Read(value, name) is { } instant:
                found(value, instant);
                break;
        }
    }

    private static JsonNode? Data(Endpoint endpoint) =>
        endpoint.Doc.Example is { } example && OpJson.TryParse(example.Text, out _, out _) is JsonObject envelope ? envelope["data"] : null;
}
