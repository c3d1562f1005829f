using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

/// <summary>One server on the shipped docs (frozen in TestDocs/base) and fixtures, shared by the tests that only read from it.</summary>
public sealed class SharedMockServer : IAsyncLifetime
{
    internal MockHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await MockHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
