using OpMock.Core.Server;

namespace OpMock.Tests.Server;

public sealed class ConnectionLimitsTests
{
    [Theory]
    [InlineData(1024L, 384, 96)]
    [InlineData(4096L, 1920, 480)]
    [InlineData(20000L, 9872, 2468)]
    [InlineData(300L, 32, 16)]
    [InlineData(1L << 20, 10_000, 2500)]
    public void PerPortAndPerClient_DescriptorLimit_LeaveTheRestToOthers(long descriptors, int perPort, int perClient)
    {
        ConnectionLimits.PerPort(descriptors).ShouldBe(perPort);
        ConnectionLimits.PerClient(perPort).ShouldBe(perClient);
    }
}
