using System.Collections.Concurrent;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>Every answered request reaches every subscribed sink once, with what the console and the log show.</summary>
public sealed class ExchangeHubTests
{
    [Fact]
    public async Task Subscribe_RequestsAnswered_EachSinkGetsEachExchangeWithItsFields()
    {
        // Given a sink subscribed to a server's exchanges
        await using var host = await MockHost.StartAsync();
        var sink = new Collecting();
        var subscription = host.Server.Exchanges.Subscribe(sink);

        // When a transfer names a user, under a session and a scenario
        using (var request = new HttpRequestMessage(HttpMethod.Post, host.Server.AppUrl + TransferRoute + "?token=o0001t"))
        {
            request.Content = new StringContent($$"""{"reqUrl":"{{ChatInfo}}","userId":"u0001hub"}""", System.Text.Encoding.UTF8, "application/json");
            request.Headers.Add(SessionName.Header, "qa-7");
            request.Headers.Add(MockEngine.ScenarioHeader, "not-logged-in");
            using var _ = await host.Client.SendAsync(request);
        }

        // Then the sink got one exchange with every field filled
        var exchange = sink.Received.ShouldHaveSingleItem();
        exchange.App.ShouldBeTrue();
        exchange.Port.ShouldBe(host.Server.AppPort);
        exchange.Method.ShouldBe("POST");
        exchange.Path.ShouldBe(TransferRoute);
        exchange.Query.ShouldBe("?token=o0001t");
        exchange.ReqUrl.ShouldBe(ChatInfo);
        exchange.Session.ShouldBe("qa-7");
        exchange.Scenario.ShouldBe("not-logged-in");
        exchange.AnsweredBy.ShouldBe("opmock");
        exchange.Status.ShouldBe(200);
        exchange.Ids.ShouldBe([KeyValuePair.Create("userId", "u0001hub")]);
        exchange.Time.ShouldBe(TestClock.Instant);
        exchange.RequestBodySize.ShouldBeGreaterThan(0);
        System.Text.Encoding.UTF8.GetString(exchange.ResponseBody.Span).ShouldContain("登录已过期");
        exchange.ResponseHeaders.ShouldContain(h => h.Key == "Content-Type");

        // And once unsubscribed, it gets no more
        subscription.Dispose();
        using (await host.PostDirectAsync(ChatInfo, """{"userId":"u0001after"}"""))
        {
        }

        sink.Received.Count.ShouldBe(1);
    }

    private sealed class Collecting : IExchangeSink
    {
        public ConcurrentQueue<Exchange> Received { get; } = new();

        public void Record(Exchange exchange) => Received.Enqueue(exchange);
    }
}
