using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Server;

namespace OpMock.Tests.Server;

public sealed class ConnectionTurnsTests
{
    private sealed class ConnectionItems : IConnectionItemsFeature
    {
        public IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();
    }

    [Fact]
    public async Task InvokeAsync_RequestsOnOneConnection_AllAnsweredAndCountedPerConnection()
    {
        // Given two connections
        var first = new ConnectionItems();
        var second = new ConnectionItems();
        var answered = 0;

        // When the first carries 20 requests (pipelined or not) and the second 3
        foreach (var connection in Enumerable.Repeat(first, 20).Concat(Enumerable.Repeat(second, 3)))
        {
            var context = new DefaultHttpContext();
            context.Features.Set<IConnectionItemsFeature>(connection);
            await ConnectionTurns.InvokeAsync(context, () =>
            {
                answered++;
                return Task.CompletedTask;
            });
        }

        // Then every request is answered, and each connection counts its own (the count decides its turns)
        answered.ShouldBe(23);
        first.Items[typeof(ConnectionTurns)].ShouldBe(20);
        second.Items[typeof(ConnectionTurns)].ShouldBe(3);
    }
}
