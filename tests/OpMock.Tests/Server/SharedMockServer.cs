using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

/// <summary>One server on the shipped docs (frozen in TestDocs/base) and fixtures, shared by the tests that only read from it.</summary>
public sealed class SharedMockServer : IAsyncLifetime
{
    internal MockHost Host { get; private set; } = null!;

    /// <summary>The server's clock: frozen, moved only by a test that waits on a server's timer (a stalled body's deadline).</summary>
    internal TimerWatchingClock Clock { get; } = new(TestClock.Instant);

    public async Task InitializeAsync() => Host = await MockHost.StartAsync(
        new Core.Server.MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, TestFixtures.Base, Port: 0, AppPort: 0), Clock);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
