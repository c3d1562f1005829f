using OpMock.Core.Health;
using OpMock.Tests.Support;

namespace OpMock.Tests.Health;

public sealed class HealthProbeTests
{
    [Theory]
    [InlineData(200, true)]
    [InlineData(404, true)] // a mock answers 404 to GET / and is up all the same
    [InlineData(499, true)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public async Task CheckAsync_ServerAnswering_IsAliveBelow500(int status, bool alive)
    {
        // Given a loopback server answering with the status
        await using var server = new StubHttpServer(status);

        // When it is probed
        var probe = await HealthProbe.CheckAsync(server.Url, TimeSpan.FromSeconds(5));

        // Then the status decides, and the message says it
        probe.Alive.ShouldBe(alive);
        probe.Message.ShouldBe($"{server.Url} answered {status}");
    }

    [Fact]
    public async Task CheckAsync_NothingListening_IsDownSayingWhy()
    {
        var url = new Uri($"http://127.0.0.1:{StubHttpServer.FreePort()}/");

        var probe = await HealthProbe.CheckAsync(url, TimeSpan.FromSeconds(5));

        probe.Alive.ShouldBeFalse();
        probe.Message.ShouldStartWith($"{url}: ");
    }

    [Fact]
    public async Task CheckAsync_ServerNeverAnswering_IsDownAfterTheTimeout()
    {
        // Given a server that accepts the connection and then says nothing
        await using var server = new StubHttpServer(null);

        // When it is probed with a short timeout
        var probe = await HealthProbe.CheckAsync(server.Url, TimeSpan.FromMilliseconds(200));

        // Then the probe gives up and says so
        probe.Alive.ShouldBeFalse();
        probe.Message.ShouldBe($"{server.Url}: no answer within 0.2 s");
    }
}
