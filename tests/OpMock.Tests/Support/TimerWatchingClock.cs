using Microsoft.Extensions.Time.Testing;

namespace OpMock.Tests.Support;

/// <summary>
/// A fake clock that tells a test when the code under test starts waiting on it: a server's scenario delay
/// (`Task.Delay(delay, time)`) creates a timer of that due time, so a test awaits that, checks nothing was answered,
/// and moves the clock — no sleeps, no polling.
/// </summary>
internal sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly List<(TimeSpan DueTime, int After, TaskCompletionSource Started)> waits = [];
    private readonly List<(int Count, TaskCompletionSource Started)> counts = [];
    private readonly List<TimeSpan> started = [];
    private readonly Lock gate = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (gate)
        {
            started.Add(dueTime);
            foreach (var wait in waits.Where(w => w.DueTime == dueTime && started.Count > w.After).ToList())
            {
                wait.Started.TrySetResult();
                waits.Remove(wait);
            }

            foreach (var wait in counts.Where(c => c.Count <= started.Count).ToList())
            {
                wait.Started.TrySetResult();
                counts.Remove(wait);
            }
        }

        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers (of any due time) were created on this clock.</summary>
    public Task TimersStartedAsync(int count)
    {
        lock (gate)
        {
            if (started.Count >= count)
            {
                return Task.CompletedTask;
            }

            var wait = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            counts.Add((count, wait));
            return wait.Task;
        }
    }

    /// <summary>How many timers were created on this clock so far (a mark for <see cref="TimerStartedAsync"/>).</summary>
    public int TimersStarted
    {
        get
        {
            lock (gate)
            {
                return started.Count;
            }
        }
    }

    /// <summary>
    /// Completes once a timer of <paramref name="dueTime"/> was created on this clock, after the first
    /// <paramref name="after"/> timers (a <see cref="TimersStarted"/> mark taken before the request that starts it).
    /// </summary>
    public Task TimerStartedAsync(TimeSpan dueTime, int after = 0)
    {
        lock (gate)
        {
            if (started.Skip(after).Contains(dueTime))
            {
                return Task.CompletedTask;
            }

            var wait = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waits.Add((dueTime, after, wait));
            return wait.Task;
        }
    }
}
