using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;

namespace OpMock.Core.Server;

/// <summary>
/// Kestrel's socket connections, accepted by a thread of their own. Kestrel's own listener learns of a new
/// connection from the runtime's socket event queue, the one every connection's reads and writes go through:
/// while 1000 connections pipelining thousands of requests kept that queue long, a new client's connection sat
/// accepted by the kernel but not by Kestrel for 4–6 s. A thread blocked in `accept` is woken by the kernel
/// itself, so a new client waits for the thread pool's turn only (tens of milliseconds under that load).
/// Sockets are then Kestrel's (<see cref="SocketConnectionContextFactory"/>, its public API for this).
/// </summary>
internal sealed class AcceptThread(SocketConnectionFactoryOptions options, ILoggerFactory logs) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    /// <summary>Connections the kernel holds accepted-but-not-taken, and that this thread holds for Kestrel.</summary>
    public const int Backlog = 512;

    /// <summary>After a failed accept (out of descriptors), the thread waits this long before trying again.</summary>
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(50);

    /// <summary>OpMock listens on IP addresses only (`--host`).</summary>
    public bool CanBind(EndPoint endpoint) => endpoint is IPEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        Socket socket;
        try
        {
            socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // What Kestrel's own listener throws, so Kestrel words the error as it always does.
            throw new AddressInUseException(e.Message, e);
        }

        socket.SendBufferSize = ConnectionLimits.SendBuffer;
        socket.Listen(Backlog);
        return ValueTask.FromResult<IConnectionListener>(new Listener(socket, new SocketConnectionContextFactory(options, logs.CreateLogger<AcceptThread>())));
    }

    private sealed class Listener : IConnectionListener
    {
        private readonly Socket listening;
        private readonly SocketConnectionContextFactory contexts;
        private readonly Channel<Socket> accepted = Channel.CreateBounded<Socket>(new BoundedChannelOptions(Backlog) { SingleWriter = true });
        private readonly ManualResetEventSlim stopping = new();
        private readonly Thread thread;

        public Listener(Socket listening, SocketConnectionContextFactory contexts)
        {
            this.listening = listening;
            this.contexts = contexts;
            EndPoint = listening.LocalEndPoint!;
            thread = new Thread(Run) { IsBackground = true, Name = $"opmock accept {EndPoint}" };
            thread.Start();
        }

        public EndPoint EndPoint { get; }

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            while (await accepted.Reader.WaitToReadAsync(cancellationToken))
            {
                if (accepted.Reader.TryRead(out var socket))
                {
                    return contexts.Create(socket);
                }
            }

            // Unbound: Kestrel's accept loop ends on null.
            return null;
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            stopping.Set();
            // Closing the listening socket wakes the thread out of `accept`; completing the queue, out of waiting on it.
            accepted.Writer.TryComplete();
            listening.Dispose();
            thread.Join(TimeSpan.FromSeconds(5));
            return ValueTask.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            await UnbindAsync();
            while (accepted.Reader.TryRead(out var socket))
            {
                socket.Dispose();
            }

            contexts.Dispose();
            stopping.Dispose();
        }

        private void Run()
        {
            try
            {
                while (!stopping.IsSet)
                {
                    Socket socket;
                    try
                    {
                        socket = listening.Accept();
                    }
                    catch (SocketException) when (!stopping.IsSet)
                    {
                        // A connection reset before it was taken, or no descriptor left: the kernel keeps the others
                        // queued; try again shortly (at once would spin while descriptors are out).
                        stopping.Wait(Backoff);
                        continue;
                    }

                    socket.NoDelay = true;
                    // Bounded: the thread waits while Kestrel has not taken the last Backlog connections.
                    while (!accepted.Writer.TryWrite(socket))
                    {
                        if (!accepted.Writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult())
                        {
                            socket.Dispose();
                            return;
                        }
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException && stopping.IsSet)
            {
                // Unbound while accepting.
            }
            finally
            {
                accepted.Writer.TryComplete();
            }
        }
    }
}
