using System.Globalization;
using System.Text.RegularExpressions;

namespace OpMock.Core.Docs;

/// <summary>
/// A text or number format the docs name in a description (格式为`yyyy-MM-dd HH:mm:ss`).
/// The schema carries the name in <c>format</c> and a <c>pattern</c> for the shape, so any draft-07
/// validator checks the shape and OpMock's validator checks the value exactly.
/// </summary>
/// <param name="Name">The JSON Schema format name.</param>
/// <param name="Pattern">The Java pattern the docs write; null for non-text formats.</param>
/// <param name="Regex">The shape, for validators that do not know the format.</param>
internal sealed record HouseFormat(string Name, string? Pattern, string? Regex)
{
    /// <summary>Exact check: the shape and a real calendar value (2016-02-30 is not a date).</summary>
    public bool IsValid(string value) => Pattern is not null && DateTime.TryParseExact(
        value, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public string Format(DateTimeOffset instant) =>
        Pattern is null ? instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
            : instant.ToString(Pattern, CultureInfo.InvariantCulture);
}

internal static partial class HouseFormats
{
    public static readonly HouseFormat DateTime = new("op-datetime", "yyyy-MM-dd HH:mm:ss", @"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$");
    public static readonly HouseFormat Date = new("op-date", "yyyy-MM-dd", @"^\d{4}-\d{2}-\d{2}$");
    public static readonly HouseFormat Time = new("op-time", "HH:mm:ss", @"^\d{2}:\d{2}:\d{2}$");
    public static readonly HouseFormat Compact = new("op-datetime-compact", "yyyyMMddHHmmss", @"^\d{14}$");

    /// <summary>A time to the minute (a booking's slot, 预约时间 yyyy-MM-dd HH:mm).</summary>
    public static readonly HouseFormat DateTimeMinute = new("op-datetime-minute", "yyyy-MM-dd HH:mm", @"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$");

    /// <summary>A month (a schedule's or a bill's, 月份 yyyy-MM).</summary>
    public static readonly HouseFormat Month = new("op-month", "yyyy-MM", @"^\d{4}-\d{2}$");

    /// <summary>A clock time without seconds (a shift's start, 上班时间 HH:mm).</summary>
    public static readonly HouseFormat HourMinute = new("op-hour-minute", "HH:mm", @"^\d{2}:\d{2}$");

    /// <summary>Milliseconds since 1970 as an integer: what the servers write for a java.util.Date.</summary>
    public static readonly HouseFormat EpochMillis = new("epoch-millis", null, null);

    // A pattern that contains another comes first, so "yyyy-MM-dd HH:mm:ss" is not read as "yyyy-MM-dd" nor "HH:mm:ss" as "HH:mm".
    public static readonly IReadOnlyList<HouseFormat> All = [DateTime, DateTimeMinute, Compact, Date, Month, Time, HourMinute, EpochMillis];

    // Asked for every dated value the world writes: a lookup, not a walk with a case-insensitive compare each time.
    private static readonly System.Collections.Frozen.FrozenDictionary<string, HouseFormat> Named =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(All.DistinctBy(f => f.Name, StringComparer.OrdinalIgnoreCase), f => f.Name, StringComparer.OrdinalIgnoreCase);

    public static HouseFormat? ByName(string name) => Named.GetValueOrDefault(name);

    /// <summary>Finds a format named in free text such as 会话创建时间,格式为`yyyy-MM-dd HH:mm:ss`.</summary>
    public static HouseFormat? FindIn(string text) =>
        All.FirstOrDefault(f => f.Pattern is not null && text.Contains(f.Pattern, StringComparison.Ordinal));

    /// <summary>Text that looks like a date pattern but is none OpMock knows (lint reports it).</summary>
    public static string? FindUnknownPattern(string text)
    {
        var match = DatePatternLike().Match(text);
        return match.Success && FindIn(text) is null ? match.Value : null;
    }

    [GeneratedRegex(@"y{2,4}[-/.年]?M{1,2}[-/.月]?d{1,2}[^`|，,]*")]
    private static partial Regex DatePatternLike();
}
