namespace OpMock.Tests.Support;

/// <summary>A clock frozen at one instant, so foot.operationTime is predictable.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Instant = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public FixedTime() : this(Instant)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
