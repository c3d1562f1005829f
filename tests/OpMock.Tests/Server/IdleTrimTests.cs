using OpMock.Core.Server;

namespace OpMock.Tests.Server;

public sealed class IdleTrimTests
{
    private const long MB = 1L << 20;

    [Theory]
    [InlineData(1 * MB, 700 * MB, 0L, true)]          // idle after a flood: trim
    [InlineData(500 * MB, 700 * MB, 0L, false)]       // busy: the GC is running anyway
    [InlineData(1 * MB, 100 * MB, 0L, false)]         // small: nothing worth giving back
    [InlineData(1 * MB, 300 * MB, 250 * MB, false)]   // as big as after the last trim: a large live world, not garbage
    [InlineData(1 * MB, 400 * MB, 250 * MB, true)]    // grown half again since: trim again
    public void ShouldTrim_AllocationAndCommitted_TrimsOnlyAnIdleGrownHeap(long allocated, long committed, long afterLastTrim, bool trim) =>
        IdleTrim.ShouldTrim(allocated, committed, afterLastTrim).ShouldBe(trim);
}
