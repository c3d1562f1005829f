using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace OpMock.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that says when code under test starts a timer, and for how long: a test
/// advances the clock once the deadline it means to pass exists, instead of guessing when that is.
/// </summary>
internal sealed class WatchedTime : TimeProvider
{
    private readonly Channel<TimeSpan> started = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        started.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits (bounded) until a timer of exactly this due time has been started.</summary>
    public async Task StartedAsync(TimeSpan dueTime, TimeSpan bound)
    {
        using var limit = new CancellationTokenSource(bound);
        while (await started.Reader.ReadAsync(limit.Token) != dueTime)
        {
        }
    }
}
