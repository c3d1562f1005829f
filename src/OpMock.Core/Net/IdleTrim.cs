using Microsoft.Extensions.Hosting;

namespace OpMock.Core.Net;

/// <summary>
/// Gives memory back once a burst is over. After a flood the server is idle: nothing allocates, so no
/// collection runs, and the heaps the flood grew (connections, buffers Kestrel's pool has since let go) stay
/// committed — 780 MB after a 44k-connection flood. When little was allocated since the last look, and either the
/// look before was busy (a burst just ended) or the GC holds much more than after the last trim, one aggressive
/// collection decommits the free memory. The first rule is what gives back the state of sessions reset at a burst's
/// end: a trim during the burst (a quiet ten seconds) had left "after the last trim" as large as that state.
/// </summary>
internal sealed class IdleTrim(TimeProvider time) : BackgroundService
{
    /// <summary>How often the server looks.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Less than this allocated over an interval is idle (an idle server allocates a few KB).</summary>
    public const long IdleBytes = 32L << 20;

    /// <summary>
    /// Below this much committed by the GC, there is nothing worth giving back. An idle server's heap is ~12 MB once
    /// trimmed; 160 MB here left a burst's 150 MB of garbage in place (RSS +180 MB after the state-bytes round).
    /// </summary>
    public const long FloorBytes = 64L << 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var allocated = GC.GetTotalAllocatedBytes();
        long afterTrim = 0;
        var wasBusy = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = GC.GetTotalAllocatedBytes();
                var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
                var trim = ShouldTrim(now - allocated, wasBusy, committed, afterTrim);
                wasBusy = now - allocated >= IdleBytes;
                if (trim)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    afterTrim = GC.GetGCMemoryInfo().TotalCommittedBytes;
                }

                allocated = GC.GetTotalAllocatedBytes();
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
    }

    /// <summary>
    /// Idle, above the floor, and either just after a busy look or half as big again as after the last trim (a large
    /// live world is trimmed once per burst, not over and over while idle).
    /// </summary>
    public static bool ShouldTrim(long allocatedSinceLastLook, bool lookBeforeWasBusy, long committed, long committedAfterLastTrim) =>
        allocatedSinceLastLook < IdleBytes && committed > FloorBytes && (lookBeforeWasBusy || committed > committedAfterLastTrim * 3 / 2);
}
