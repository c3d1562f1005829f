using OpMock.Core.World.Catalog;

namespace OpMock.Core.World;

/// <summary>
/// Mainland mobile numbers in the segments (号段) the MIIT allocated to 中国移动, 中国联通 and 中国电信
/// for phones (not the 14x data-only or 1064 IoT ranges), weighted towards the older, far larger
/// 13x/15x/18x ranges as a real user base is.
/// </summary>
internal static class ChineseMobile
{
    private static readonly Weighted<string> Segments = new(
        ("130", 10), ("131", 10), ("132", 10), ("133", 10), ("134", 10), ("135", 10), ("136", 10), ("137", 10), ("138", 10), ("139", 10),
        ("145", 2), ("147", 2),
        ("150", 8), ("151", 8), ("152", 8), ("153", 8), ("155", 8), ("156", 8), ("157", 8), ("158", 8), ("159", 8),
        ("166", 2),
        ("170", 1), ("171", 1), ("173", 3), ("175", 2), ("176", 3), ("177", 3), ("178", 3),
        ("180", 8), ("181", 8), ("182", 8), ("183", 8), ("184", 4), ("185", 8), ("186", 8), ("187", 8), ("188", 8), ("189", 8),
        ("191", 2), ("198", 2), ("199", 2));

    /// <summary>The segments numbers are drawn from, for tests and docs.</summary>
    public static System.Collections.Immutable.ImmutableArray<string> Prefixes => Segments.Items;

    public static string Number(Bogus.Randomizer random) =>
        Segments.Pick(random) + random.Number(0, 99_999_999).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>138****1234, as apps show a number to staff.</summary>
    public static string Masked(string phone) => phone.Length == 11 ? phone[..3] + "****" + phone[7..] : phone;
}
