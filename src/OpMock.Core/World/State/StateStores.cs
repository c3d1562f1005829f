namespace OpMock.Core.World.State;

/// <summary>Opens the store the settings name: in memory, or a Redis reached (and checked) before the server listens.</summary>
internal static class StateStores
{
    /// <param name="world">The key prefix of this world in a shared store (<see cref="StateNamespace"/>); asked only for Redis.</param>
    /// <exception cref="Diagnostics.OpMockException">Redis cannot be reached: the start fails naming the URL.</exception>
    public static async Task<IStateStore> OpenAsync(StateSettings settings, StateLimits limits, Func<string> world, TimeProvider time, CancellationToken cancel)
    {
        if (settings.Redis is not { } url)
        {
            return new MemoryStateStore(limits, time);
        }

        // The prefix first: it reads the docs and fixtures, and a failure there must not leave a connection open.
        var prefix = world();
        var connection = await RedisConnection.ConnectAsync(settings, cancel);
        return new RedisStateStore(connection, url, prefix, limits, time);
    }
}
