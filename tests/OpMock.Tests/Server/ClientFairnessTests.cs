using System.Net;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Server;

namespace OpMock.Tests.Server;

public sealed class ClientFairnessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task InvokeAsync_OneClientAtItsShare_WaitsWhileOthersAreAnsweredAtOnce()
    {
        // Given one client with its whole share of requests stuck (answers nobody reads)
        using var fairness = new ClientFairness(waiting: 100);
        var stuck = new TaskCompletionSource();
        var busy = Enumerable.Range(0, ClientFairness.PerClient).Select(_ => fairness.InvokeAsync(From("10.0.0.1"), () => stuck.Task)).ToList();

        // When that client sends one more, and another client sends one
        var answered = new TaskCompletionSource();
        var next = fairness.InvokeAsync(From("10.0.0.1"), () =>
        {
            answered.TrySetResult();
            return Task.CompletedTask;
        });
        var other = fairness.InvokeAsync(From("10.0.0.2"), () => Task.CompletedTask);

        // Then the other client's is answered at once, and the first client's waits for its own turn
        await other.WaitAsync(Bound);
        answered.Task.IsCompleted.ShouldBeFalse();
        busy.ShouldAllBe(t => !t.IsCompleted);

        // And once its stuck requests end, its next one is answered
        stuck.SetResult();
        await Task.WhenAll(busy).WaitAsync(Bound);
        await next.WaitAsync(Bound);
        answered.Task.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task InvokeAsync_MoreWaitingThanAllowed_IsA503()
    {
        // Given a share whose queue holds one request, full
        using var fairness = new ClientFairness(waiting: 1);
        var stuck = new TaskCompletionSource();
        var busy = Enumerable.Range(0, ClientFairness.PerClient + 1).Select(_ => fairness.InvokeAsync(From("10.0.0.1"), () => stuck.Task)).ToList();

        // When one more comes
        var context = From("10.0.0.1");
        await fairness.InvokeAsync(context, () => Task.CompletedTask).WaitAsync(Bound);

        // Then it is refused plainly
        context.Response.StatusCode.ShouldBe(503);
        stuck.SetResult();
        await Task.WhenAll(busy).WaitAsync(Bound);
    }

    private static DefaultHttpContext From(string address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        context.Response.Body = new MemoryStream();
        return context;
    }
}
