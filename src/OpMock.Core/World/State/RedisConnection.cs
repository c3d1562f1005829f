using StackExchange.Redis;

namespace OpMock.Core.World.State;

/// <summary>
/// The one connection to the shared state store. Its timeouts keep every request bounded while Redis is
/// gone: a command fails at once when there is no connection (no queue that would hold requests), a
/// connection that stops answering fails its commands within <see cref="CommandTimeout"/>, and the
/// connection is retried in the background, so service resumes when Redis returns.
/// </summary>
internal static class RedisConnection
{
    /// <summary>Connecting, and any one command, may take this long; well inside a client's request timeout.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How often a lost connection is tried again.</summary>
    private static readonly TimeSpan ReconnectEvery = TimeSpan.FromMilliseconds(500);

    public static ConfigurationOptions Options(StateSettings settings)
    {
        var url = settings.Redis ?? throw new ArgumentException("state is in memory", nameof(settings));
        var options = new ConfigurationOptions
        {
            DefaultDatabase = url.Database,
            User = url.User,
            Password = settings.Password,
            Ssl = url.Tls,
            ClientName = "opmock",
            ConnectTimeout = (int)CommandTimeout.TotalMilliseconds,
            SyncTimeout = (int)CommandTimeout.TotalMilliseconds,
            AsyncTimeout = (int)CommandTimeout.TotalMilliseconds,
            ConnectRetry = 1,

            // INFO, to read the eviction policy at start (StackExchange.Redis counts it an admin command).
            AllowAdmin = true,

            // Serving goes on without Redis (reads of the seeded world; writes answer 503), and reconnects
            // in the background: a start that cannot connect is refused by ConnectAsync below instead.
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
            ReconnectRetryPolicy = new LinearRetry((int)ReconnectEvery.TotalMilliseconds),
        };
        options.EndPoints.Add(url.Host, url.Port);
        return options;
    }

    /// <summary>Connects and checks that Redis answers (with the password, on that database).</summary>
    /// <exception cref="Diagnostics.OpMockException">Redis cannot be reached or refuses us: the start fails naming the URL.</exception>
    public static async Task<ConnectionMultiplexer> ConnectAsync(StateSettings settings, CancellationToken cancel)
    {
        var url = settings.Redis!;
        var connecting = ConnectionMultiplexer.ConnectAsync(Options(settings));
        try
        {
            var connection = await connecting.WaitAsync(CommandTimeout * 2, cancel);
            await connection.GetDatabase().PingAsync().WaitAsync(CommandTimeout, cancel);
            if (!settings.AllowEviction && await EvictionAsync(connection, cancel) is { } policy)
            {
                await connection.DisposeAsync();
                throw new Diagnostics.OpMockException(
                    $"state store {url} has maxmemory-policy {policy}: Redis may evict OpMock's session keys when it is full (every key OpMock writes has an expiry), leaving sessions half there; "
                    + "set `maxmemory-policy noeviction` (CONFIG SET maxmemory-policy noeviction, or in redis.conf), or start with --state-allow-eviction to accept it (sessions found partly evicted are then answered as lost)");
            }

            return connection;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            Abandon();
            throw new Diagnostics.OpMockException($"state store {url} is unreachable: {Reason(e)}", e);
        }
        catch
        {
            Abandon();
            throw;
        }

        // Given up on (or refused): the connection closes now, or whenever its attempt finishes.
        void Abandon() => connecting.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>
    /// The maxmemory-policy when it lets Redis evict OpMock's keys (anything but noeviction: the volatile-* policies
    /// evict keys with an expiry, which all of OpMock's have), else null. Read from INFO, which managed Redis services
    /// answer where they rename CONFIG; a Redis that answers neither is taken as it is.
    /// </summary>
    public static async Task<string?> EvictionAsync(ConnectionMultiplexer connection, CancellationToken cancel)
    {
        IGrouping<string, KeyValuePair<string, string>>[] info;
        try
        {
            info = await connection.GetServer(connection.GetEndPoints()[0]).InfoAsync("memory").WaitAsync(CommandTimeout, cancel);
        }
        catch (RedisServerException)
        {
            // INFO renamed or refused (some managed services): nothing to read the policy from.
            return null;
        }

        var policy = info.SelectMany(g => g).FirstOrDefault(p => p.Key == "maxmemory_policy").Value;
        return policy is null or "noeviction" ? null : policy;
    }

    /// <summary>The first sentence of StackExchange.Redis' message (the rest is its diagnostic dump).</summary>
    public static string Reason(Exception e)
    {
        var message = e is TimeoutException ? "no answer in time" : e.Message;
        var cut = message.IndexOfAny(['\r', '\n']);
        message = cut > 0 ? message[..cut] : message;
        return message.Length > 300 ? message[..300] + "…" : message;
    }
}
