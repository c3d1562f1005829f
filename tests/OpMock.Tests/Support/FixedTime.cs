namespace OpMock.Tests.Support;

/// <summary>A clock stopped at one instant, so timestamps in generated output can be asserted.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
