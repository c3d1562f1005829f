namespace OpMock.Core.World;

/// <summary>
/// What a world is generated from. Chat times fall in the <see cref="WindowDays"/> before
/// <see cref="Anchor"/>, a fixed instant, so responses do not change from one day to the next.
/// </summary>
internal sealed record WorldOptions(int Seed, int Ops, int Users, DateTimeOffset Anchor, int WindowDays)
{
    /// <summary>China Standard Time: the servers write their local times in it.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static WorldOptions Default { get; } = new(20160308, 50, 100_000, new DateTimeOffset(2026, 11, 1, 0, 0, 0, ChinaOffset), 90);
}
