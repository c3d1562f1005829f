using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// A connection's requests after its first wait their turn behind everyone else's work whenever other work is
/// queued, and every <see cref="Turn"/>th does regardless. Kestrel answers the requests a client pipelined one
/// after another in one go until the connection's buffers are full: a thousand connections pipelining 2000
/// requests each made a thousand long runs that new clients queued behind for seconds. Yielding puts the rest of
/// a run at the back of the queue; a client sending one request at a time (keep-alive, no pipelining) pays one
/// hop per request on a busy server and one per <see cref="Turn"/> on an idle one.
/// </summary>
internal sealed class ConnectionTurns : IStartupFilter
{
    public const int Turn = 8;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(InvokeAsync);
        next(app);
    };

    internal static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (context.Features.Get<IConnectionItemsFeature>()?.Items is { } items)
        {
            var served = items.TryGetValue(typeof(ConnectionTurns), out var count) && count is int n ? n + 1 : 1;
            items[typeof(ConnectionTurns)] = served;
            // When other work waits (a new client's first request among it), every request after a connection's
            // first goes to the back of the queue: each queued turn is then one request, not a run of them.
            if (served % Turn == 0 || (served > 1 && ThreadPool.PendingWorkItemCount > 0))
            {
                await Task.Yield();
            }
        }

        await next();
    }
}
