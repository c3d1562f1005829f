using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OpMock.Core.Server;
using OpMock.Core.World.State;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.ActionsHost;

namespace OpMock.Tests.World.State;

/// <summary>The byte budgets of session state on a real server: a write past them answers the house 503, a reset makes room.</summary>
public sealed class StateBudgetTests
{
    [Theory]
    [InlineData(0, "1 KB")]
    [InlineData(640 * 1024, "640 KB")]
    [InlineData(8 * 1024 * 1024, "8 MB")]
    [InlineData(13 * 1024 * 1024 / 2, "6.5 MB")]
    public void Describe_ByteCounts_AsPeopleReadBudgets(long bytes, string described) => StateBudget.Describe(bytes).ShouldBe(described);

    [Fact]
    public async Task Write_PastTheSessionBudgetOnARealServer_Answers503NamingSessionBudgetAndResetUntilReset()
    {
        // Given a server whose sessions keep 320 KB each
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithActions(temp);
        var options = new MockServerOptions(docs, Path.Combine(temp.Path, "overrides.yaml"), Repo.Fixtures, Port: 0, AppPort: 0)
        {
            StateLimits = StateLimits.Default with { SessionBytes = 320 * 1024 },
        };
        await using var host = await MockHost.StartAsync(options, new FakeTimeProvider(Now));
        var message = $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","content":"{{new string('字', 20_000)}}"}""";

        // When one session sends messages of 20,000 characters (about 100 KB in memory each: two bytes a character kept, three in UTF-8) until one is refused, and another session one
        var sent = new List<HttpStatusCode>();
        HttpResponseMessage? second = null;
        for (var i = 0; i < 10 && second is null; i++)
        {
            var answer = await SendAsync(host, SendMessage, message, "big");
            sent.Add(answer.StatusCode);
            second = answer.StatusCode == HttpStatusCode.OK ? null : answer;
        }

        using var other = await SendAsync(host, SendMessage, message, "other");

        // Then, after some fit, one answers the house 503 naming the session, its budget and its reset; the other session is unaffected
        sent.Count.ShouldBeInRange(2, 4);
        second.ShouldNotBeNull();
        second.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var refusal = await MockHost.JsonAsync(second);
        refusal["code"]!.GetValue<int>().ShouldBe(503);
        refusal["message"]!.GetValue<string>().ShouldContain("session `big` holds ");
        refusal["message"]!.GetValue<string>().ShouldContain("past the session's budget of 320 KB (--state-session-max-mb)");
        refusal["data"]!["reset"]!.GetValue<string>().ShouldBe("POST /__admin/opmock/reset?session=big");
        other.StatusCode.ShouldBe(HttpStatusCode.OK);

        // And once the session is reset, the same write fits again
        using var reset = await host.Client.PostAsync(host.Server.DirectUrl + "/__admin/opmock/reset?session=big", new StringContent("{}", Encoding.UTF8, "application/json"));
        reset.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var again = await SendAsync(host, SendMessage, message, "big");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Write_ATextPastTheDefaultBound_Answers400NamingTheField()
    {
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithActions(temp);
        await using var host = await MockHost.StartAsync(new MockServerOptions(docs, Path.Combine(temp.Path, "overrides.yaml"), Repo.Fixtures, Port: 0, AppPort: 0), new FakeTimeProvider(Now));

        using var answer = await SendAsync(host, SendMessage, $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","content":"{{new string('a', 200_000)}}"}""", "flood");

        var body = await MockHost.JsonAsync(answer);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body["message"]!.GetValue<string>().ShouldEndWith($"content: 200000 characters; a written value keeps at most {WriteValues.DefaultMaxChars} characters (the doc gives no bound of its own)");
        (await host.Server.Sessions.Store.ListAsync(default)).ShouldBeEmpty();
    }

    private static async Task<HttpResponseMessage> SendAsync(MockHost host, string route, string body, string session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{host.Server.DirectUrl}{route}?token={Op}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SessionName.Header, session);
        return await host.Client.SendAsync(request);
    }
}
