using Microsoft.AspNetCore.Http;
using OpMock.Core.Fixtures;

namespace OpMock.Core.Server;

/// <summary>
/// The one place OpMock's answers are written: status, headers and body, after the scenario's delay (through
/// the server's <see cref="TimeProvider"/>), or one of the three faults instead.
/// </summary>
internal static class ReplyWriter
{
    /// <summary>Waits the reply's delay, then sends it or its fault; the status actually sent (0: none, on purpose).</summary>
    public static async Task<int> SendAsync(HttpContext context, MockReply reply, TimeProvider time, CancellationToken cancel)
    {
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, time, cancel);
        }

        switch (reply.Fault)
        {
            case Fault.DropConnection:
                // No answer at all: the connection closes under the client.
                context.Abort();
                return 0;
            case Fault.MalformedChunk:
                await BrokenChunksAsync(context, cancel);
                return 0;
            case Fault.EmptyResponse:
                await WriteAsync(context, reply with { Body = [] });
                return reply.Status;
            default:
                await WriteAsync(context, reply);
                return reply.Status;
        }
    }

    /// <summary>Sends a reply at once: status, the JSON content type, its length and its bytes.</summary>
    public static async Task WriteAsync(HttpContext context, MockReply reply)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = MockReply.ContentType;
        context.Response.ContentLength = reply.Body.Length;
        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
    }

    /// <summary>
    /// The `malformed-chunk` fault: a 200 whose chunked body is cut inside a chunk, with no terminating chunk,
    /// and the connection reset. HTTP clients raise a transport error, as they do on a real broken stream
    /// (WireMock's own fault sends well-formed chunks of random bytes, which clients accept as a body).
    /// </summary>
    private static async Task BrokenChunksAsync(HttpContext context, CancellationToken cancel)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = MockReply.ContentType;
        await context.Response.StartAsync(cancel);
        await context.Response.Body.WriteAsync("{\"code\":200,\"message\":\"成功\",\"data\":{"u8.ToArray(), cancel);
        await context.Response.Body.FlushAsync(cancel);
        context.Abort();
    }
}
