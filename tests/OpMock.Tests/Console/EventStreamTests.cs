using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using OpMock.Core.Console;

namespace OpMock.Tests.Console;

public sealed class EventStreamTests
{
    [Fact]
    public async Task ServeAsync_QueueOverflowedWhileWriting_SaysHowManyWereDroppedThenSendsTheNewest()
    {
        var feed = new LiveFeed(queueBound: 5);
        var body = new HeldStream();
        var serving = new EventStream(feed, new FakeTimeProvider()).ServeAsync(Context(body));

        // The stream is subscribed and stuck writing its first line: whatever is published now queues up.
        await body.FirstWrite;
        foreach (var n in Enumerable.Range(1, 20))
        {
            feed.Publish(() => Encoding.UTF8.GetBytes($"{{\"n\":{n}}}"));
        }

        body.Release();
        feed.Complete();
        await serving;

        var text = body.Text;
        text.ShouldStartWith("retry: 3000\n\n");
        text.ShouldContain("event: dropped\ndata: {\"dropped\":15,\"total\":15}\n\n");
        text.IndexOf("event: dropped", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("id: 16\n", StringComparison.Ordinal));
        Events(text, "exchange").ShouldBe(["{\"n\":16}", "{\"n\":17}", "{\"n\":18}", "{\"n\":19}", "{\"n\":20}"]);
        text.ShouldEndWith("event: end\ndata: {\"reason\":\"the server is stopping\"}\n\n");
    }

    [Fact]
    public async Task ServeAsync_NothingHappens_WritesAHeartbeatEachPeriod()
    {
        var time = new FakeTimeProvider();
        var feed = new LiveFeed();
        var body = new HeldStream();
        var serving = new EventStream(feed, time) { Heartbeat = TimeSpan.FromSeconds(15) }.ServeAsync(Context(body));
        await body.FirstWrite;
        body.Release();

        var heartbeat = body.WaitFor(": heartbeat\n\n");
        time.Advance(TimeSpan.FromSeconds(14));
        heartbeat.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));
        await heartbeat;

        feed.Complete();
        await serving;
        body.Text.ShouldEndWith("event: end\ndata: {\"reason\":\"the server is stopping\"}\n\n");
    }

    [Fact]
    public async Task ServeAsync_ReconnectWithLastEventId_ResumesAfterIt()
    {
        var feed = new LiveFeed();
        foreach (var n in Enumerable.Range(1, 4))
        {
            feed.Publish(() => Encoding.UTF8.GetBytes($"{{\"n\":{n}}}"));
        }

        var body = new HeldStream();
        body.Release();
        var context = Context(body);
        context.Request.Headers["Last-Event-ID"] = "2";
        var serving = new EventStream(feed, new FakeTimeProvider()).ServeAsync(context);
        feed.Complete();
        await serving;

        Events(body.Text, "exchange").ShouldBe(["{\"n\":3}", "{\"n\":4}"]);
        body.Text.ShouldContain("id: 3\n");
        context.Response.ContentType.ShouldBe("text/event-stream; charset=utf-8");
    }

    [Fact]
    public async Task ServeAsync_TooManyPages_Answers503NamingTheCap()
    {
        var feed = new LiveFeed(maxClients: 1);
        using var watching = feed.Subscribe(null, out _);
        var body = new HeldStream();
        body.Release();
        var context = Context(body);

        await new EventStream(feed, new FakeTimeProvider()).ServeAsync(context);

        context.Response.StatusCode.ShouldBe(503);
        body.Text.ShouldContain("at most 1 pages at once");
    }

    [Fact]
    public async Task ServeAsync_PageGoesAway_ReturnsAndLeavesTheFeed()
    {
        var feed = new LiveFeed();
        var body = new HeldStream();
        body.Release();
        using var gone = new CancellationTokenSource();
        var context = Context(body);
        context.RequestAborted = gone.Token;
        var serving = new EventStream(feed, new FakeTimeProvider()).ServeAsync(context);
        await body.WaitFor("retry: 3000\n\n");
        feed.Clients.ShouldBe(1);

        await gone.CancelAsync();
        await serving;

        feed.Clients.ShouldBe(0);
    }

    private static DefaultHttpContext Context(Stream body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/__opmock/api/events";
        context.Response.Body = body;
        return context;
    }

    /// <summary>The data of each event of a kind, in order.</summary>
    private static List<string> Events(string text, string kind) =>
        [.. text.Split("\n\n").Where(e => e.Contains($"event: {kind}\n", StringComparison.Ordinal))
            .Select(e => e.Split('\n').Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..])];

    /// <summary>A response body whose writes wait until released, and that says when given text has been written.</summary>
    private sealed class HeldStream : Stream
    {
        private readonly TaskCompletionSource first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Channel<string> writes = Channel.CreateUnbounded<string>();
        private readonly StringBuilder text = new();
        private readonly Lock gate = new();

        public Task FirstWrite => first.Task;

        public string Text
        {
            get
            {
                lock (gate)
                {
                    return text.ToString();
                }
            }
        }

        public void Release() => open.TrySetResult();

        /// <summary>Completes once the body holds <paramref name="expected"/>.</summary>
        public async Task WaitFor(string expected)
        {
            while (!Text.Contains(expected, StringComparison.Ordinal))
            {
                await writes.Reader.ReadAsync();
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            first.TrySetResult();
            await open.Task.WaitAsync(cancellationToken);
            var written = Encoding.UTF8.GetString(buffer.Span);
            lock (gate)
            {
                text.Append(written);
            }

            writes.Writer.TryWrite(written);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("the event stream writes asynchronously");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Flush()
        {
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
