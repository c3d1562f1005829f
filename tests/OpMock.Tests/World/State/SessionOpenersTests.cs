using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OpMock.Core.Server;
using OpMock.Core.World.State;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.ActionsHost;

namespace OpMock.Tests.World.State;

public sealed class SessionOpenersTests
{
    private readonly FakeTimeProvider time = new(Now);

    [Fact]
    public void Admit_AnOriginAtItsShare_RefusedWhileOthersAndKnownSessionsGoOn()
    {
        // Given a share of two sessions per opener, used up by one page
        var openers = new SessionOpeners(2, TimeSpan.FromHours(1), time);
        openers.Admit("http://flood.example", "p1", isNew: true).ShouldBeNull();
        openers.Admit("http://flood.example", "p2", isNew: true).ShouldBeNull();

        // When it opens a third, writes to its own again, and a test runner opens one
        var refused = openers.Admit("http://flood.example", "p3", isNew: true);
        var again = openers.Admit("http://flood.example", "p1", isNew: false);
        var runner = openers.Admit(SessionOpeners.Loopback, "run-1", isNew: true);

        // Then only the third is refused, naming the origin, its share and what to do
        refused.ShouldNotBeNull();
        refused.Limit.ShouldBe(StateLimit.OriginSessions);
        refused.Message.ShouldStartWith("origin `http://flood.example` opened 2 sessions in use within the last 1h, the most one origin may hold");
        refused.Message.ShouldContain("session `p3` is not opened");
        again.ShouldBeNull();
        runner.ShouldBeNull();
    }

    [Fact]
    public void Admit_ShareFreedByIdleTimeOrReset_AdmitsAgain()
    {
        var openers = new SessionOpeners(1, TimeSpan.FromHours(1), time);
        openers.Admit("http://a.example", "a1", isNew: true).ShouldBeNull();
        openers.Admit("http://a.example", "a2", isNew: true).ShouldNotBeNull();

        openers.Reset("a1");
        openers.Admit("http://a.example", "a2", isNew: true).ShouldBeNull();
        time.Advance(TimeSpan.FromHours(1));
        openers.Admit("http://a.example", "a3", isNew: true).ShouldBeNull();
        openers.Admit(SessionOpeners.Loopback, SessionName.Default, isNew: true).ShouldBeNull();
    }

    [Fact]
    public async Task Write_FloodOfSessionsFromOnePage_NeitherRefusesNorEvictsTheTestRunners()
    {
        // Given a server keeping 40 sessions, 10 per origin, and a test runner's session with a message in it
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithActions(temp);
        var options = new MockServerOptions(docs, Path.Combine(temp.Path, "overrides.yaml"), Repo.Fixtures, Port: 0, AppPort: 0)
        {
            StateLimits = StateLimits.Default with { Sessions = 40, SessionsPerOrigin = 10 },
        };
        await using var host = await MockHost.StartAsync(options, time);
        (await SendAsync(host, "run-1", null)).ShouldBe(HttpStatusCode.OK);

        // When a page opens 60 sessions, a minute apart from the runner's last use
        time.Advance(TimeSpan.FromMinutes(2));
        var flood = new List<HttpStatusCode>();
        string? refusal = null;
        for (var i = 0; i < 60; i++)
        {
            using var answer = await SendRawAsync(host, $"p{i}", "http://flood.example");
            flood.Add(answer.StatusCode);
            refusal ??= answer.StatusCode == HttpStatusCode.ServiceUnavailable ? await answer.Content.ReadAsStringAsync() : null;
        }

        // Then the page got its share and a 503 naming the origin's limit for the rest
        flood.Count(s => s == HttpStatusCode.OK).ShouldBe(10);
        flood.Skip(10).ShouldAllBe(s => s == HttpStatusCode.ServiceUnavailable);
        refusal.ShouldNotBeNull();
        refusal.ShouldContain("origin `http://flood.example` opened 10 sessions");

        // And the runner's session kept its message, and its next new session is admitted
        (await host.Server.Sessions.Store.ListAsync(default)).Single(s => s.Name == "run-1").Records.ShouldBeGreaterThan(0);
        (await SendAsync(host, "run-2", null)).ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<HttpStatusCode> SendAsync(MockHost host, string session, string? origin)
    {
        using var answer = await SendRawAsync(host, session, origin);
        return answer.StatusCode;
    }

    private static async Task<HttpResponseMessage> SendRawAsync(MockHost host, string session, string? origin)
    {
        var body = $$"""{"chatId":"{{Chat}}","staffId":"{{Op}}","content":"师傅明天上午九点到"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{host.Server.DirectUrl}{SendMessage}?token={Op}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SessionName.Header, session);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await host.Client.SendAsync(request);
    }
}
