using Microsoft.Extensions.Time.Testing;

namespace OpMock.Tests.Support;

/// <summary>The tests' clock: a <see cref="FakeTimeProvider"/> at one instant, moved only by the test.</summary>
internal static class TestClock
{
    /// <summary>The instant frozen clocks show, so foot.operationTime and logged times are predictable.</summary>
    public static readonly DateTimeOffset Instant = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static FakeTimeProvider Frozen() => new(Instant);
}
