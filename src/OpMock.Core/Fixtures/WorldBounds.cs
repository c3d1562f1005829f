namespace OpMock.Core.Fixtures;

/// <summary>
/// The ranges a fixture's settings are read within, so a value the server cannot serve is refused at load with its
/// file:line instead of failing on the first request (a window of a million days runs dates off the calendar; a
/// 204 cannot carry the envelope every OpMock answer has).
/// </summary>
internal static class WorldBounds
{
    /// <summary>Ten years of chats: more is no laptop's test data, and dates stay well inside the calendar.</summary>
    public const int MaxWindowDays = 3650;

    public const int MaxOps = 1_000_000;

    /// <summary>User ids carry their index in 32 bits; a hundred million is far past any test and inside that.</summary>
    public const int MaxUsers = 100_000_000;

    private static readonly DateTime EarliestAnchor = new(1980, 1, 1);
    private static readonly DateTime LatestAnchor = new(2200, 1, 1);

    /// <summary>Why a status cannot answer with the house envelope, or null when it can.</summary>
    public static string? StatusProblem(int status) => status switch
    {
        < 100 or > 599 => $"must be an HTTP status (200–599), found {status}",
        < 200 => $"{status} is an interim (1xx) status, which carries no body: the envelope cannot be sent with it; use 200–599",
        204 or 205 or 304 => $"{status} carries no body by HTTP's rules, so the envelope cannot be sent with it; use another status (200, 4xx, 5xx)",
        _ => null,
    };

    /// <summary>Why an anchor puts the world's dates where they cannot be written, or null.</summary>
    public static string? AnchorProblem(DateTime anchor) =>
        anchor < EarliestAnchor || anchor >= LatestAnchor ? $"must fall between {EarliestAnchor:yyyy-MM-dd} and {LatestAnchor:yyyy-MM-dd}" : null;
}
