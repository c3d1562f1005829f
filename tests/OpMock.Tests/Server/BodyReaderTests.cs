using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>Every body has a wall-clock deadline, and nothing is sized from Content-Length before its bytes arrive (issue 16.3).</summary>
public sealed class BodyReaderTests
{
    [Theory]
    [InlineData(100L, 5)]
    [InlineData(1L << 20, 21)]
    [InlineData(8L << 20, 30)]
    [InlineData(null, 30)]
    public void Deadline_DeclaredSize_GraceThenMinimumRateCapped(long? length, int seconds) =>
        BodyReader.Deadline(length).ShouldBe(TimeSpan.FromSeconds(seconds), tolerance: TimeSpan.FromSeconds(1));

    [Fact]
    public async Task ReadAsync_BodyStallsNearItsEnd_408AtTheDeadlineOnTheServersClock()
    {
        // Given a request declaring 1 MiB whose body stalls 576 bytes short, on a fake clock
        var clock = new FakeTimeProvider();
        var body = new StallingBody(new byte[(1 << 20) - 576]);
        var request = Request(body, 1 << 20);

        // When the body is read, and the clock passes the deadline
        var reading = BodyReader.ReadAsync(request, RequestBody.MaxBytes, clock, CancellationToken.None);
        await body.Stalled.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(BodyReader.Deadline(1 << 20) - TimeSpan.FromSeconds(1));
        reading.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(2));
        var result = await reading.WaitAsync(TimeSpan.FromSeconds(10));

        // Then it is a 408 naming the deadline
        result.Body.ShouldBeNull();
        result.Refusal!.Status.ShouldBe(408);
        result.Refusal.Message.ShouldContain("did not arrive in time");
    }

    [Fact]
    public void ReadAsync_DeclaresEightMiBSendsTen_AllocatesForWhatArrived()
    {
        // Given a request declaring 8 MiB that sends 10 bytes and stalls
        var body = new StallingBody(Encoding.ASCII.GetBytes("{\"a\":1234}"));
        var request = Request(body, 8 << 20);

        // When the body is read up to the stall (the reads before it complete on this thread)
        var before = GC.GetAllocatedBytesForCurrentThread();
        var reading = BodyReader.ReadAsync(request, RequestBody.AdminMaxBytes, new FakeTimeProvider(), CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then what was allocated is what arrived plus a read buffer's worth, not the declared 8 MiB
        reading.IsCompleted.ShouldBeFalse();
        allocated.ShouldBeLessThan(256 * 1024);
    }

    [Fact]
    public async Task Send_BodyStallsNearTheEndOnARealServer_408OnItsClock()
    {
        // Given a server on a fake clock
        var clock = new FakeTimeProvider(FixedTime.Instant);
        await using var server = await MockServer.StartAsync(new MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, Repo.Fixtures, Port: 0, AppPort: 0), clock);
        var uri = new Uri(server.DirectUrl);
        var sent = Encoding.ASCII.GetBytes("{\"userId\":\"u0001late\",\"pad\":\"" + new string('x', 1_048_000 - 32));

        // When a body declaring 1 MiB stalls after 1,048,000 bytes, and the server's clock moves on
        var answering = RawHttp.SendAsync(uri, [RawHttp.Head($"POST {ChatInfo} HTTP/1.1", $"Host: {uri.Authority}", "Content-Type: application/json", "Content-Length: 1048576"), sent, null],
            stall: TimeSpan.FromSeconds(60), deadline: TimeSpan.FromSeconds(60));
        for (var i = 0; i < 1500 && !answering.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(answering, Task.Delay(20));
        }

        // Then it gets a 408 envelope once its deadline passed on that clock
        var answer = await answering;
        answer.Status.ShouldBe(408, answer.Head);
        answer.Body.ShouldContain("did not arrive in time");
    }

    private static HttpRequest Request(Stream body, long length)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentLength = length;
        context.Request.Body = body;
        return context.Request;
    }

    /// <summary>Gives its bytes (in reads of at most 16 KB, at once), then never another until cancelled.</summary>
    private sealed class StallingBody(byte[] bytes) : Stream
    {
        private readonly TaskCompletionSource stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int at;

        public Task Stalled => stalled.Task;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (at < bytes.Length)
            {
                var count = Math.Min(buffer.Length, bytes.Length - at);
                bytes.AsMemory(at, count).CopyTo(buffer);
                at += count;
                return count;
            }

            stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
