namespace OpMock.Tests.Support;

/// <summary>
/// Tests that each run against a fresh write-docs server (xunit makes one class instance per test), directly and
/// through /opapp/transfer: the lifecycle and the <see cref="Ways"/> table they all repeated.
/// </summary>
/// <param name="moreDocs">More doc folders served beside the write docs, or null.</param>
public abstract class OnActionsHost(string? moreDocs = null) : IAsyncLifetime
{
    /// <summary>Directly (false) and through /opapp/transfer (true).</summary>
    public static TheoryData<bool> Ways => [false, true];

    private protected ActionsHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ActionsHost.StartAsync(moreDocs: moreDocs);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
