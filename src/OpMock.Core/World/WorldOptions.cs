namespace OpMock.Core.World;

/// <summary>
/// What a world is generated from. Chat times fall in the <see cref="WindowDays"/> before <see cref="Anchor"/>.
/// A served world's anchor follows the clock (<see cref="On"/>: the start of the current China day), so times read
/// as recent every day while the bytes stay the same all day; a fixture's <c>world.anchor</c> freezes it
/// (<see cref="FrozenAnchor"/>).
/// </summary>
internal sealed record WorldOptions(int Seed, int Ops, int Users, DateTimeOffset Anchor, int WindowDays)
{
    /// <summary>China Standard Time: the servers write their local times in it.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static WorldOptions Default { get; } = new(20160308, 50, 100_000, new DateTimeOffset(2026, 11, 1, 0, 0, 0, ChinaOffset), 90);

    /// <summary>A fixture's <c>world.anchor</c>: the anchor stays there whatever the clock says. Null: it follows the clock.</summary>
    public DateTimeOffset? FrozenAnchor { get; init; }

    /// <summary>
    /// A fixture's <c>world.examples: verbatim</c>: the docs' example instants stay as documented. Otherwise they move to
    /// the present as one block (<see cref="Consistency.ExampleTimes"/>).
    /// </summary>
    public bool VerbatimExamples { get; init; }

    /// <summary>A fixture's <c>world.images: documented</c>: the examples' image URLs stay as documented instead of being served by OpMock (<see cref="ExampleImages"/>).</summary>
    public bool DocumentedImages { get; init; }

    /// <summary>The options of the world served at <paramref name="now"/>: anchored at the frozen anchor, else at the start of now's China day.</summary>
    public WorldOptions On(DateTimeOffset now) => this with { Anchor = AnchorOn(now) };

    /// <summary>The anchor of the world served at <paramref name="now"/>.</summary>
    public DateTimeOffset AnchorOn(DateTimeOffset now) => FrozenAnchor ?? ChinaDay(now);

    /// <summary>
    /// 00:00 China time of the day <paramref name="now"/> falls on. The anchor is the start of today rather than now, so
    /// every generated time is already past and a day's answers are byte-identical; a chat "started within the last
    /// day" started yesterday.
    /// </summary>
    public static DateTimeOffset ChinaDay(DateTimeOffset now) => new(now.ToOffset(ChinaOffset).Date, ChinaOffset);
}
