using OpMock.Core.Net;

namespace OpMock.Tests.Net;

public sealed class IdleTrimTests
{
    private const long MB = 1L << 20;

    [Theory]
    [InlineData(1 * MB, false, 700 * MB, 0L, true)]          // idle after a flood: trim
    [InlineData(500 * MB, false, 700 * MB, 0L, false)]       // busy: the GC is running anyway
    [InlineData(500 * MB, true, 700 * MB, 0L, false)]        // still busy
    [InlineData(1 * MB, true, 50 * MB, 0L, false)]           // small: nothing worth giving back
    [InlineData(1 * MB, true, 150 * MB, 0L, true)]           // a burst's garbage, though under the old 160 MB floor
    [InlineData(1 * MB, false, 300 * MB, 250 * MB, false)]   // as big as after the last trim, idle a while: a large live world, not garbage
    [InlineData(1 * MB, false, 400 * MB, 250 * MB, true)]    // grown half again since: trim again
    [InlineData(1 * MB, true, 300 * MB, 300 * MB, true)]     // a burst just ended (its sessions reset): trim once, whatever the last trim kept
    public void ShouldTrim_AllocationAndCommitted_TrimsAnIdleHeapOncePerBurstOrWhenGrown(long allocated, bool wasBusy, long committed, long afterLastTrim, bool trim) =>
        IdleTrim.ShouldTrim(allocated, wasBusy, committed, afterLastTrim).ShouldBe(trim);
}
