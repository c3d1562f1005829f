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
/// accepted by the kernel but not by Kestrel for 4–6 s. A thread of its own waiting on the listening socket is
/// woken by the kernel itself, so a new client waits for the thread pool's turn only (0.1–0.3 s under that load,
/// `bench/flood.sh soak`).
/// Sockets are then Kestrel's (<see cref="SocketConnectionContextFactory"/>, its public API for this).
/// </summary>
/// <param name="envelope">The house envelope for a status and message: Kestrel's own refusals are written in it (<see cref="BareAnswers"/>).</param>
internal sealed class AcceptThread(SocketConnectionFactoryOptions options, ILoggerFactory logs, Func<int, string, byte[]>? envelope = null)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector
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
        return ValueTask.FromResult<IConnectionListener>(new Listener(socket, new SocketConnectionContextFactory(options, logs.CreateLogger<AcceptThread>()), envelope));
    }

    private sealed class Listener : IConnectionListener
    {
        /// <summary>How long the thread waits for a connection before it looks whether the listener was unbound.</summary>
        private static readonly TimeSpan Look = TimeSpan.FromMilliseconds(200);

        private readonly Socket listening;
        private readonly SocketConnectionContextFactory contexts;
        private readonly Func<int, string, byte[]>? envelope;
        private readonly Channel<Socket> accepted = Channel.CreateBounded<Socket>(new BoundedChannelOptions(Backlog) { SingleWriter = true });
        private readonly ManualResetEventSlim stopping = new();
        private readonly Thread thread;

        public Listener(Socket listening, SocketConnectionContextFactory contexts, Func<int, string, byte[]>? envelope)
        {
            this.listening = listening;
            this.contexts = contexts;
            this.envelope = envelope;
            // Non-blocking, behind a bounded wait: the thread never sits in `accept` itself, so unbinding needs no
            // platform's promise that closing a socket wakes a thread blocked on it.
            listening.Blocking = false;
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
                    var connection = contexts.Create(socket);
                    if (envelope is not null)
                    {
                        // Before Kestrel reads the connection: its refusals of a head go out in the envelope.
                        connection.Transport = BareAnswers.Wrap(connection.Transport, envelope);
                    }

                    return connection;
                }
            }

            // Unbound: Kestrel's accept loop ends on null.
            return null;
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            if (!stopping.IsSet)
            {
                // The thread sees it within one look; completing the queue ends a wait for room in it.
                stopping.Set();
                accepted.Writer.TryComplete();
                thread.Join();
                listening.Dispose();
            }

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
                    if (Next() is not { } socket)
                    {
                        continue;
                    }

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
            finally
            {
                accepted.Writer.TryComplete();
            }
        }

        /// <summary>The next connection the kernel accepted, or null after a look that found none (or a failure).</summary>
        private Socket? Next()
        {
            try
            {
                if (!listening.Poll(Look, SelectMode.SelectRead))
                {
                    return null;
                }

                var socket = listening.Accept();
                socket.Blocking = true;
                socket.NoDelay = true;
                return socket;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                // The connection went away between the look and the accept.
                return null;
            }
            catch (SocketException)
            {
                // No descriptor left (or the connection was reset): the kernel keeps the others queued; try again
                // shortly rather than at once, which would spin while descriptors are out.
                stopping.Wait(Backoff);
                return null;
            }
        }
    }
}
