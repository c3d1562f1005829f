namespace OpMock.Core.World.State;

/// <summary>
/// The shared state store cannot be reached (Redis stopped, restarted or out of the network): a write, a reset or a
/// listing could not be done. The server answers the house 503 envelope (状态存储不可用: then this message), naming
/// the store; reads go on from the last state this replica read (the seeded world for sessions it never read).
/// </summary>
internal sealed class StateUnavailableException(string store, string reason, Exception? inner = null)
    : Exception($"{store} ({reason}); writes resume when it is back", inner)
{
    /// <summary>The store as messages name it (redis://HOST:PORT/DB), never a password.</summary>
    public string Store { get; } = store;
}
