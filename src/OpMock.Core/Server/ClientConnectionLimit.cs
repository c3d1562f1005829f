using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;

namespace OpMock.Core.Server;

/// <summary>
/// Kestrel's transport with a limit per client address on top: one client (a flood from one host) cannot
/// take every connection slot of a port, so other clients still get in. A connection over its client's
/// share is closed as it is accepted, as Kestrel closes one over the port's cap. Local processes all come
/// from 127.0.0.1 and share one share: this protects a server others reach (`--host 0.0.0.0`), not a laptop
/// from itself (there the port's cap and the idle timeout bound a flood).
/// </summary>
internal sealed class ClientConnectionLimit(IConnectionListenerFactory inner, int perClient) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endpoint) => inner is not IConnectionListenerFactorySelector selector || selector.CanBind(endpoint);

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        new Listener(await inner.BindAsync(endpoint, cancellationToken), perClient);

    private sealed class Listener(IConnectionListener inner, int perClient) : IConnectionListener
    {
        private readonly ConcurrentDictionary<IPAddress, int> open = new();

        public EndPoint EndPoint => inner.EndPoint;

        /// <summary>How many connections a client address holds now (tests).</summary>
        public int Open(IPAddress client) => open.TryGetValue(client, out var count) ? count : 0;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            while (true)
            {
                var connection = await inner.AcceptAsync(cancellationToken);
                if (connection?.RemoteEndPoint is not IPEndPoint { Address: var address })
                {
                    return connection;
                }

                var client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
                if (open.AddOrUpdate(client, 1, (_, count) => count + 1) <= perClient)
                {
                    connection.ConnectionClosed.Register(() => Release(client));
                    return connection;
                }

                Release(client);
                connection.Abort(new ConnectionAbortedException($"client {client} holds {perClient} connections already"));
                await connection.DisposeAsync();
            }
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default) => inner.UnbindAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private void Release(IPAddress client)
        {
            // Remove the entry at zero, so a scan of many addresses leaves no trace.
            while (open.TryGetValue(client, out var count))
            {
                if (count <= 1 ? open.TryRemove(new KeyValuePair<IPAddress, int>(client, count)) : open.TryUpdate(client, count - 1, count))
                {
                    return;
                }
            }
        }
    }
}
