using OpMock.Core.Fixtures;
using OpMock.Core.World;
using OpMock.Tests.Support;

namespace OpMock.Tests.World;

public sealed class WorldOptionsTests
{
    [Theory]
    [InlineData("2026-03-09T16:00:00Z", "2026-03-10T00:00:00+08:00")]
    [InlineData("2026-03-10T15:59:59Z", "2026-03-10T00:00:00+08:00")]
    [InlineData("2026-03-10T16:00:00Z", "2026-03-11T00:00:00+08:00")]
    [InlineData("2026-12-31T23:30:00+08:00", "2026-12-31T00:00:00+08:00")]
    public void On_AnyMomentOfAChinaDay_AnchorsAtThatDaysStart(string now, string anchor) =>
        WorldOptions.Default.On(DateTimeOffset.Parse(now)).Anchor.ShouldBe(DateTimeOffset.Parse(anchor));

    [Fact]
    public void On_FrozenAnchor_StaysWhateverTheClockSays()
    {
        var frozen = new DateTimeOffset(2026, 11, 1, 0, 0, 0, WorldOptions.ChinaOffset);
        var options = WorldOptions.Default with { FrozenAnchor = frozen };

        options.On(DateTimeOffset.Parse("2030-05-05T05:05:05Z")).Anchor.ShouldBe(frozen);
    }

    [Fact]
    public async Task Fixtures_Shipped_FollowTheClock()
    {
        // The shipped fixtures name no anchor: a served world's times are relative to today
        var set = await FixtureLoader.LoadAsync(TestFixtures.Base);

        set.World.FrozenAnchor.ShouldBeNull();
    }

    [Fact]
    public void Fixtures_WorldAnchor_FreezesIt()
    {
        var set = FixtureLoader.Parse([("world.yaml", "world: {anchor: \"2026-11-01 08:30:00\"}")]);

        set.World.FrozenAnchor.ShouldBe(new DateTimeOffset(2026, 11, 1, 8, 30, 0, WorldOptions.ChinaOffset));
        set.World.On(DateTimeOffset.UtcNow).Anchor.ShouldBe(set.World.FrozenAnchor!.Value);
    }
}
