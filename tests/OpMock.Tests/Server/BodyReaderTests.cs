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
        var reading = BodyReader.ReadAsync(request, RequestBody.MaxBytes, Budget(), clock, CancellationToken.None);
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
        var reading = BodyReader.ReadAsync(request, RequestBody.AdminMaxBytes, Budget(), new FakeTimeProvider(), CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then what was allocated is what arrived plus a read buffer's worth, not the declared 8 MiB
        reading.IsCompleted.ShouldBeFalse();
        allocated.ShouldBeLessThan(256 * 1024);
    }

    [Fact]
    public async Task Send_BodyStallsNearTheEndOnARealServer_408OnItsClock()
    {
        // Given a server on a fake clock
        var clock = new TimerWatchingClock(TestClock.Instant);
        await using var server = await MockServer.StartAsync(new MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, TestFixtures.Base, Port: 0, AppPort: 0), clock);
        var uri = new Uri(server.DirectUrl);
        var sent = Encoding.ASCII.GetBytes("{\"userId\":\"u0001late\",\"pad\":\"" + new string('x', 1_048_000 - 32));

        // When a body declaring 1 MiB stalls after 1,048,000 bytes, and the server's clock moves on
        var answering = RawHttp.SendAsync(uri, [RawHttp.Head($"POST {ChatInfo} HTTP/1.1", $"Host: {uri.Authority}", "Content-Type: application/json", "Content-Length: 1048576"), sent, null],
            stall: TimeSpan.FromSeconds(60), deadline: TimeSpan.FromSeconds(60));
        // Then it gets a 408 envelope once its deadline passed on that clock
        var answer = await AdvancePastDeadlineAsync(clock, answering);
        answer.Status.ShouldBe(408, answer.Head);
        answer.Body.ShouldContain("did not arrive in time");
    }

    [Fact]
    public async Task ReadAsync_BudgetHeldByAStalledBody_503ThenGivenBackAtItsDeadline()
    {
        // Given a budget of 1 MiB, held whole by a body that stalls after 1,048,000 of its declared 1 MiB
        var clock = new FakeTimeProvider();
        var budget = new BodyBudget(1 << 20);
        var stalled = new StallingBody(new byte[1_048_000]);
        var holding = BodyReader.ReadAsync(Request(stalled, 1 << 20), RequestBody.MaxBytes, budget, clock, CancellationToken.None);
        await stalled.Stalled.WaitAsync(TimeSpan.FromSeconds(10));
        budget.Held.ShouldBe(1 << 20);

        // When another body of 100 KB arrives
        var other = await BodyReader.ReadAsync(Request(new MemoryStream(new byte[100_000]), 100_000), RequestBody.MaxBytes, budget, clock, CancellationToken.None);

        // Then it is refused at once with a 503 naming the limit, and holds nothing
        other.Body.ShouldBeNull();
        other.Refusal!.Status.ShouldBe(503);
        other.Refusal.Message.ShouldContain("1 MiB of request bodies");
        budget.Held.ShouldBe(1 << 20);

        // And once the stalled body's deadline passes, its share is given back
        clock.Advance(BodyReader.Deadline(1 << 20) + TimeSpan.FromSeconds(1));
        (await holding.WaitAsync(TimeSpan.FromSeconds(10))).Refusal!.Status.ShouldBe(408);
        budget.Held.ShouldBe(0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    [InlineData(100_000)]
    [InlineData(1 << 20)]
    public async Task ReadAsync_WholeBody_ReadWithinTheBudgetAndGivenBack(int length)
    {
        // Given a budget just big enough for the body
        var budget = new BodyBudget(Math.Max(length, 1));
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);

        // When it is read
        var read = await BodyReader.ReadAsync(Request(new MemoryStream(bytes), length), RequestBody.MaxBytes, budget, new FakeTimeProvider(), CancellationToken.None);

        // Then it came whole and the budget holds nothing after
        read.Refusal.ShouldBeNull();
        read.Body.ShouldBe(bytes);
        budget.Held.ShouldBe(0);
    }

    [Fact]
    public async Task Send_BudgetSpentOnARealServer_503EnvelopeWithRetryAfterAndClose()
    {
        // Given a server whose body budget is 1 MiB, held by a body that stalls after 1,048,000 of its 1 MiB
        var clock = new TimerWatchingClock(TestClock.Instant);
        await using var server = await MockServer.StartAsync(
            new MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, TestFixtures.Base, Port: 0, AppPort: 0) { BodyBudgetBytes = 1 << 20 }, clock);
        var uri = new Uri(server.DirectUrl);
        var stalledBody = Encoding.ASCII.GetBytes("{\"userId\":\"u0001late\",\"pad\":\"" + new string('x', 1_048_000 - 32));
        var stalling = RawHttp.SendAsync(uri, [RawHttp.Head($"POST {ChatInfo} HTTP/1.1", $"Host: {uri.Authority}", "Content-Type: application/json", "Content-Length: 1048576"), stalledBody, null],
            stall: TimeSpan.FromSeconds(60), deadline: TimeSpan.FromSeconds(60));

        // When other requests with a body come until the stalled one holds the budget (bounded: it is sent at once)
        var small = Encoding.ASCII.GetBytes("{\"userId\":\"u0001\"}");
        RawHttp.Answer? answer = null;
        for (var i = 0; i < 200 && answer?.Status is not 503; i++)
        {
            answer = await RawHttp.SendAsync(uri, [RawHttp.Head($"POST {ChatInfo} HTTP/1.1", $"Host: {uri.Authority}", "Content-Type: application/json", $"Content-Length: {small.Length}"), small]);
        }

        // Then they are refused with the house 503 envelope, a Retry-After and the connection closed
        answer!.Status.ShouldBe(503, answer.Head);
        answer.Body.ShouldContain("request bodies, its limit");
        answer.Head.ShouldContain("Retry-After: 1");
        answer.Head.ShouldContain("Connection: close");

        // And the stalled body still gets its 408 at its deadline
        (await AdvancePastDeadlineAsync(clock, stalling)).Status.ShouldBe(408);
    }

    private static BodyBudget Budget() => new(BodyBudget.DefaultBytes);

    /// <summary>
    /// Once the server's clock holds the stalled 1 MiB body's deadline (its timer started: a real signal, no polling),
    /// moves the clock past it and returns the answer (both bounded).
    /// </summary>
    private static async Task<RawHttp.Answer> AdvancePastDeadlineAsync(TimerWatchingClock clock, Task<RawHttp.Answer> answering)
    {
        var deadline = BodyReader.Deadline(1 << 20);
        await Task.WhenAny(clock.TimerStartedAsync(deadline), answering).WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(deadline);
        return await answering.WaitAsync(TimeSpan.FromSeconds(30));
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
