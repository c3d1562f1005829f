using Microsoft.AspNetCore.Http;
using OpMock.Core.Fixtures;

namespace OpMock.Core.Server;

/// <summary>
/// The one place OpMock's answers are written: status, headers and body, after the scenario's delay (through
/// the server's <see cref="TimeProvider"/>), or one of the three faults instead.
/// </summary>
internal static class ReplyWriter
{
    /// <summary>Waits the reply's delay, then sends it or its fault.</summary>
    public static async Task SendAsync(HttpContext context, MockReply reply, TimeProvider time, CancellationToken cancel, Action? beforeDrop = null)
    {
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, time, cancel);
        }

        switch (reply.Fault)
        {
            case Fault.DropConnection:
                // No answer at all: the connection closes under the client.
                beforeDrop?.Invoke();
                context.Abort();
                return;
            case Fault.MalformedChunk:
                await BrokenChunksAsync(context, cancel);
                return;
            case Fault.EmptyResponse:
                await WriteAsync(context, reply with { Body = [] });
                return;
            default:
                await WriteAsync(context, reply);
                return;
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
    /// The `malformed-chunk` fault: a 200 whose chunked body ends inside its first chunk (the chunk says it is
    /// longer than what follows), then the connection closes. HTTP clients raise a transport error, as they do
    /// on a real broken stream. OpMock frames this chunk itself (Kestrel leaves a body alone when the answer sets
    /// `Transfer-Encoding` itself), so the same bytes go out every time; an abort would race its own bytes.
    /// </summary>
    private static async Task BrokenChunksAsync(HttpContext context, CancellationToken cancel)
    {
        var part = "{\"code\":200,\"message\":\"成功\",\"data\":{"u8.ToArray();
        context.Response.StatusCode = 200;
        context.Response.ContentType = MockReply.ContentType;
        context.Response.Headers.TransferEncoding = "chunked";
        context.Response.Headers.Connection = "close";
        await context.Response.Body.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{part.Length + 64:x}\r\n"), cancel);
        await context.Response.Body.WriteAsync(part, cancel);
        await context.Response.CompleteAsync();
    }
}
