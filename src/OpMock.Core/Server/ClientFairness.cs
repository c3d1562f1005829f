using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// A share of the server's work per client address: at most <see cref="PerClient"/> of one client's requests
/// are answered at once; its others wait their turn (without a thread, without reading their bodies). A
/// client that pipelines thousands of requests on a thousand connections and never reads the answers holds
/// that many requests, each stuck writing, while any other client's request is answered at once — without
/// it, the server worked through the flood's requests first and new clients waited 5 s and more. A request
/// holds its turn until its answer is written, so a client reading slowly slows only itself.
/// </summary>
internal sealed class ClientFairness : IStartupFilter, IDisposable
{
    /// <summary>One client's requests answered at once (a load test with 32 or 64 connections is not slowed).</summary>
    public const int PerClient = 64;

    private readonly PartitionedRateLimiter<IPAddress> limiter;

    /// <param name="waiting">How many of one client's requests may wait: its share of connections, one request each.</param>
    public ClientFairness(int waiting) =>
        limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(client => RateLimitPartition.GetConcurrencyLimiter(client, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = PerClient,
            QueueLimit = waiting,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(InvokeAsync);
        next(app);
    };

    public void Dispose() => limiter.Dispose();

    internal async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var client = context.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : context.Connection.RemoteIpAddress ?? IPAddress.None;
        using var turn = await limiter.AcquireAsync(client, 1, context.RequestAborted);
        if (!turn.IsAcquired)
        {
            // Unreachable while each connection carries one request at a time; said plainly if it ever is.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("too many requests at once from one client; retry", context.RequestAborted);
            return;
        }

        await next();
    }
}
