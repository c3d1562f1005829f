using OpMock.Core.World;
using OpMock.Core.World.Catalog;

namespace OpMock.Tests.World.Catalog;

public sealed class ServiceHoursTests
{
    [Theory]
    [InlineData(0, 0, 90, 90)]
    [InlineData(10, 30, 90, 1)]
    [InlineData(23, 59, 1, 1)]
    [InlineData(7, 0, 2, 2)]
    [InlineData(12, 0, 0, 5)]
    public void Instant_AnyAnchorAndWindow_StaysInsideTheWindowBeforeTheAnchor(int hour, int minute, int windowDays, int daysBack)
    {
        // Given an anchor at any time of day and any window
        var anchor = new DateTimeOffset(2026, 11, 1, hour, minute, 0, WorldOptions.ChinaOffset);
        var options = WorldOptions.Default with { Anchor = anchor, WindowDays = windowDays };
        var random = new Bogus.Randomizer(11);

        for (var i = 0; i < 2000; i++)
        {
            // Then every instant is at least a minute before the anchor and inside the window
            var instant = ServiceHours.Instant(random, options, daysBack);
            instant.ShouldBeLessThanOrEqualTo(anchor.AddMinutes(-1));
            instant.ShouldBeGreaterThanOrEqualTo(anchor.AddDays(-Math.Max(1, windowDays)));
            instant.ShouldBeGreaterThanOrEqualTo(anchor.AddDays(-Math.Max(1, Math.Min(daysBack, windowDays)) - 1));
        }
    }
}
