namespace OpMock.Core.World.Catalog;

/// <summary>
/// When chats start: a home-services desk is busy mid-morning and in the evening, nearly idle at night
/// (about 5 % of chats between 00:00 and 07:00 China time).
/// </summary>
internal static class ServiceHours
{
    // Relative weight of each hour of the day, 00:00 to 23:00 China time.
    private static readonly Weighted<int> Hours = new(
        (0, 2), (1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (7, 6), (8, 10), (9, 14), (10, 15), (11, 13),
        (12, 9), (13, 9), (14, 11), (15, 11), (16, 10), (17, 9), (18, 10), (19, 13), (20, 14), (21, 12), (22, 8), (23, 4));

    /// <summary>
    /// An instant on one of the <paramref name="daysBack"/> days before the anchor, at a service hour,
    /// at least a minute before the anchor and no earlier than the world's window.
    /// </summary>
    public static DateTimeOffset Instant(Bogus.Randomizer random, WorldOptions options, int daysBack)
    {
        var window = Math.Max(1, options.WindowDays);
        var anchor = options.Anchor.ToOffset(WorldOptions.ChinaOffset);
        var day = new DateTimeOffset(anchor.Date, WorldOptions.ChinaOffset).AddDays(-random.Number(0, Math.Clamp(daysBack, 1, window) - 1));
        var time = day.AddSeconds((Hours.Pick(random) * 3600) + random.Number(0, 3599));
        var latest = anchor.AddMinutes(-1);
        var earliest = anchor.AddDays(-window);

        // The anchor's own day is cut short by the anchor: a later hour falls on the day before instead.
        time = time > latest ? time.AddDays(-1) : time;
        return time < earliest ? earliest : time > latest ? latest : time;
    }
}
