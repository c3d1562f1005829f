namespace OpMock.Core.World.State;

/// <summary>
/// The shared state store cannot be reached (Redis stopped, restarted or out of the network): a write, a reset or a
/// listing could not be done. The server answers it with the house 503 envelope naming the store, whose message this
/// is; reads go on from the last state this replica read (the seeded world for sessions it never read).
/// </summary>
internal sealed class StateUnavailableException(string store, string reason, Exception? inner = null)
    : Exception($"{Prefix}: {store} ({reason}); writes resume when it is back", inner)
{
    /// <summary>"State store unavailable", as the house's messages start (参数错误, 接口不存在 …).</summary>
    public const string Prefix = "状态存储不可用";

    /// <summary>The HTTP status and envelope code: the service is unavailable, not the request wrong.</summary>
    public const int Status = 503;

    /// <summary>The store as messages name it (redis://HOST:PORT/DB), never a password.</summary>
    public string Store { get; } = store;
}
