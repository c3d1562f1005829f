namespace OpMock.Tests.Support;

/// <summary>
/// <see cref="MockHost"/>'s default clock: "now" frozen at <see cref="TestClock.Instant"/> while its timers run on
/// real time, because many hosts serve scenarios with delays and bodies with deadlines and do not move a clock.
/// Everything else uses <see cref="TestClock"/> (a FakeTimeProvider); moving the hosts to one is issue 30's
/// remaining step (each delay test then advances the clock, as <see cref="TimerWatchingClock"/> lets it).
/// </summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public FixedTime() : this(TestClock.Instant)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
