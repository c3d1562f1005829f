using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpMock.Tests.Support;

/// <summary>
/// Compares an answer with a doc's example as the served world shows examples: in the present and offline. Every value
/// equal, except instants, which may all differ by one offset of whole days (the same for every instant compared through
/// one <see cref="PresentExamples"/>), and image URLs, which may be OpMock's <c>/__opmock/images/</c> URL of the same
/// file. Written apart from the server's code so it checks the rule rather than restating it.
/// </summary>
internal sealed class PresentExamples
{
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "yyyyMMddHHmmss"];

    /// <summary>The one offset every instant compared so far moved by (null while none differed).</summary>
    public TimeSpan? Offset { get; private set; }

    /// <summary>Whether <paramref name="answer"/> is <paramref name="documented"/> with its instants moved by this comparison's offset.</summary>
    public bool Matches(JsonNode? answer, JsonNode? documented)
    {
        switch (answer, documented)
        {
            case (JsonObject a, JsonObject d):
                return a.Count == d.Count && d.All(p => a.TryGetPropertyValue(p.Key, out var v) && Matches(v, p.Value));
            case (JsonArray a, JsonArray d):
                return a.Count == d.Count && a.Zip(d).All(p => Matches(p.First, p.Second));
            case (JsonValue a, JsonValue d) when !JsonNode.DeepEquals(a, d):
                return (Instant(a) is { } x && Instant(d) is { } y && Moved(x - y)) || ServedImage(a, d);
            default:
                return JsonNode.DeepEquals(answer, documented);
        }
    }

    private bool Moved(TimeSpan by)
    {
        if (by.Ticks % TimeSpan.TicksPerDay != 0 || (Offset is { } known && known != by))
        {
            return false;
        }

        Offset = by;
        return true;
    }

    /// <summary>An OpMock image URL (<c>http://host/__opmock/images/f.png</c>) for a documented URL of the same file name.</summary>
    private static bool ServedImage(JsonValue answer, JsonValue documented)
    {
        if (!answer.TryGetValue<string>(out var served) || !documented.TryGetValue<string>(out var url)
            || !Uri.TryCreate(served, UriKind.Absolute, out var ours) || !Uri.TryCreate(url, UriKind.Absolute, out var theirs)
            || !ours.AbsolutePath.StartsWith("/__opmock/images/", StringComparison.Ordinal))
        {
            return false;
        }

        var file = theirs.Segments[^1];
        return ours.Segments[^1] == file || ours.Segments[^1] == file + ".png";
    }

    private static DateTime? Instant(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String when DateTime.TryParseExact(value.GetValue<string>(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) => t,
        JsonValueKind.Number when value.TryGetValue<long>(out var millis) && millis > 946_684_800_000 => DateTimeOffset.FromUnixTimeMilliseconds(millis).ToOffset(TimeSpan.FromHours(8)).DateTime,
        _ => null,
    };
}
