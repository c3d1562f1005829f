using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Console;

/// <summary>
/// Writes the live log to one page as server-sent events (`text/event-stream`): the kept entries it has not seen,
/// then each new one as it is published (`event: exchange`, its sequence as the event id, so a reconnecting
/// browser resumes with `Last-Event-ID`), `event: dropped` when its queue overflowed, a comment line every
/// <see cref="Heartbeat"/> (proxies and browsers keep a quiet connection open, and a page that went away is found
/// out by the write failing), and `event: end` when the server stops. A page past the client cap gets a 503 naming the cap.
/// </summary>
internal sealed class EventStream(LiveFeed feed, TimeProvider time)
{
    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(15);

    /// <summary>How long a browser waits before reconnecting a broken stream.</summary>
    private static readonly byte[] Retry = "retry: 3000\n\n"u8.ToArray();

    private static readonly byte[] HeartbeatLine = ": heartbeat\n\n"u8.ToArray();

    private static readonly byte[] EndEvent = "event: end\ndata: {\"reason\":\"the server is stopping\"}\n\n"u8.ToArray();

    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    public TimeSpan Heartbeat { get; init; } = DefaultHeartbeat;

    /// <summary>Serves one page until it goes away or the feed ends.</summary>
    public async Task ServeAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        // Another machine's streams count against its own share; pages on this machine share the feed, where the idlest gives way.
        var owner = context.Connection.RemoteIpAddress is { } address && !System.Net.IPAddress.IsLoopback(address) ? address.ToString() : "";
        using var client = feed.Subscribe(LastEventId(context.Request), out var replay, owner, context.Abort, out var why);
        if (client is null)
        {
            await ConsoleJson.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, why ?? "the live log is full");
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        // Reverse proxies (nginx) hold streamed answers in a buffer unless told not to.
        response.Headers["X-Accel-Buffering"] = "no";

        // The heartbeat's timer starts before the stream does: one comment line every period from then on.
        using var beat = new PeriodicTimer(Heartbeat, time);
        try
        {
            await response.StartAsync(aborted);
            await WriteAsync(response, Retry, aborted);
            foreach (var entry in replay)
            {
                await WriteEntryAsync(response, entry, aborted);
            }

            await response.Body.FlushAsync(aborted);
            client.Touch();
            await PumpAsync(response, client, beat, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The page went away: nothing to tell it.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
    }

    private static async Task PumpAsync(HttpResponse response, FeedClient client, PeriodicTimer beat, CancellationToken aborted)
    {
        var reader = client.Reader;
        var tick = beat.WaitForNextTickAsync(aborted).AsTask();
        var read = reader.WaitToReadAsync(aborted).AsTask();
        while (true)
        {
            if (await Task.WhenAny(read, tick) == tick)
            {
                await tick;
                await WriteAsync(response, HeartbeatLine, aborted);
                await response.Body.FlushAsync(aborted);
                client.Touch();
                tick = beat.WaitForNextTickAsync(aborted).AsTask();
                continue;
            }

            var more = await read;
            await WriteDroppedAsync(response, client, aborted);
            if (!more)
            {
                await WriteAsync(response, EndEvent, aborted);
                await response.Body.FlushAsync(aborted);
                return;
            }

            while (reader.TryRead(out var entry))
            {
                await WriteDroppedAsync(response, client, aborted);
                await WriteEntryAsync(response, entry, aborted);
            }

            await response.Body.FlushAsync(aborted);
            client.Touch();
            read = reader.WaitToReadAsync(aborted).AsTask();
        }
    }

    private static async Task WriteDroppedAsync(HttpResponse response, FeedClient client, CancellationToken aborted)
    {
        var dropped = client.TakeDropped();
        if (dropped > 0)
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"event: dropped\ndata: {{\"dropped\":{dropped},\"total\":{client.DroppedTotal}}}\n\n");
            await WriteAsync(response, Encoding.UTF8.GetBytes(text), aborted);
        }
    }

    private static async Task WriteEntryAsync(HttpResponse response, FeedEntry entry, CancellationToken aborted)
    {
        // The JSON is compact: one line, so one `data:` field carries it.
        await WriteAsync(response, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {entry.Sequence}\nevent: exchange\ndata: ")), aborted);
        await WriteAsync(response, entry.Json, aborted);
        await WriteAsync(response, EventEnd, aborted);
    }

    private static Task WriteAsync(HttpResponse response, byte[] bytes, CancellationToken aborted) =>
        response.Body.WriteAsync(bytes, aborted).AsTask();

    /// <summary>The last event a reconnecting browser saw (`Last-Event-ID`), or null.</summary>
    private static long? LastEventId(HttpRequest request) =>
        long.TryParse(request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
