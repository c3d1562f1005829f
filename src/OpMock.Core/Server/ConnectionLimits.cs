using System.Globalization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpMock.Core.Net;

namespace OpMock.Core.Server;

/// <summary>
/// Kestrel's limits for both ports. WireMock sets none that bound a flood: with no connection cap, 19,900
/// half-open connections reached the file-descriptor limit and the runtime died ("Out of memory."). The cap
/// leaves room under that limit for the other port, the docs and fixtures files and the runtime itself; one
/// client address gets a share of it (<see cref="ClientConnectionLimit"/>). Per connection, what is buffered
/// either way is bounded: a client that pipelines thousands of requests and never reads its answers holds
/// at most <see cref="RequestBuffer"/> of them and <see cref="ResponseBuffer"/> of answers, and is cut off
/// when it reads slower than the minimum rate, and takes turns with other clients (<see cref="ConnectionTurns"/>);
/// new connections are accepted by a thread of their own (<see cref="AcceptThread"/>); memory a burst leaves
/// behind is given back (<see cref="IdleTrim"/>).
/// </summary>
internal static class ConnectionLimits
{
    /// <summary>Descriptors kept free for the runtime, files and the watcher.</summary>
    private const int Reserve = 256;

    /// <summary>Where no limit can be read (not Linux): a conservative cap.</summary>
    private const int Fallback = 1024;

    /// <summary>A client has this long to send its headers (Kestrel's default is 30 s).</summary>
    public static readonly TimeSpan HeadersTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An idle connection, kept alive or not yet used, is closed after this (Kestrel's default is 130 s). It is
    /// what frees the cap's slots a flood of idle connections holds: a new client is served after at most this.
    /// </summary>
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Unread input a connection may hold (Kestrel's default is 1 MiB: 1000 pipelining clients held 1 GB).</summary>
    public const int RequestBuffer = 64 * 1024;

    /// <summary>Answers a connection may hold unread before the server waits for the client (Kestrel's default is 64 KiB).</summary>
    public const int ResponseBuffer = 16 * 1024;

    /// <summary>
    /// The kernel's send buffer of each connection (Linux doubles it). Left to autotuning it grows to megabytes
    /// on loopback: a client pipelining 2000 requests and reading none had all 2000 answered into it, a
    /// thousand such clients kept the server busy for minutes and new clients waiting. Bounded, a connection
    /// that does not read stops the server's work for it after a few dozen answers.
    /// </summary>
    public const int SendBuffer = 32 * 1024;

    /// <summary>A client reading its answers slower than this (after a grace) is cut off.</summary>
    public static readonly MinDataRate MinResponseRate = new(240, TimeSpan.FromSeconds(5));

    /// <summary>The cap per port: half of what the descriptor limit leaves after the reserve, as two ports share it.</summary>
    public static int PerPort(long descriptors) => (int)Math.Clamp((descriptors - Reserve) / 2, 32, 10_000);

    /// <summary>A client address's share of a port's cap: a quarter, so one flooding host leaves three quarters to the rest.</summary>
    public static int PerClient(int cap) => Math.Max(16, cap / 4);

    /// <summary>The socket transport's options: unread input bounded per connection.</summary>
    private static SocketConnectionFactoryOptions Transport() => new() { MaxReadBufferSize = RequestBuffer };

    /// <summary>The process's soft limit on open files, from /proc (Linux), else a conservative guess.</summary>
    public static long Descriptors()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return soft is null ? Fallback
                : soft == "unlimited" ? 1 << 20
                : long.Parse(soft, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return Fallback;
        }
    }

    /// <summary>Registers the limits, after WireMock's own Kestrel options (which only lift the body limits).</summary>
    /// <param name="envelope">The house envelope for a status and message, for Kestrel's own refusals (none when null).</param>
    public static void Apply(IServiceCollection services, int cap, Func<int, string, byte[]>? envelope = null)
    {
        services.PostConfigure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxConcurrentConnections = cap;
            kestrel.Limits.MaxConcurrentUpgradedConnections = cap;
            kestrel.Limits.RequestHeadersTimeout = HeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = KeepAliveTimeout;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestBufferSize = RequestBuffer;
            kestrel.Limits.MaxResponseBufferSize = ResponseBuffer;
            kestrel.Limits.MinResponseDataRate = MinResponseRate;
            // Kestrel's default minimum rate (240 bytes/s after a 5 s grace) makes a stalled body a 408.
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(5));
            kestrel.AddServerHeader = false;
            kestrel.RequestHeaderEncodingSelector = _ => HeaderEncoding.Instance;
        });

        // Registered before Kestrel's own transport, which Kestrel then leaves out ("don't override an already-configured transport").
        services.AddSingleton<IConnectionListenerFactory>(provider => new ClientConnectionLimit(
            new AcceptThread(Transport(), provider.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, envelope),
            PerClient(cap)));
        services.AddHostedService(_ => new IdleTrim(TimeProvider.System));

        // First in each request's way (a startup filter runs before WireMock's middleware and OpMock's gate).
        services.AddSingleton<IStartupFilter, ConnectionTurns>();
    }
}
