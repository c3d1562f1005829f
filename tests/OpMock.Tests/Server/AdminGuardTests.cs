using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

public sealed class AdminGuardTests
{
    private static readonly string Good = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:s3cret"));
    private static readonly string Wrong = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:guess"));

    /// <summary>
    /// Who may reach the admin API: client address, Host, Origin, credentials. Non-loopback clients cannot be
    /// made over loopback-only test traffic, so the rule is checked on a request built in memory.
    /// </summary>
    public static TheoryData<string, string, string, string?, bool, string?, int?> Requests => new()
    {
        // path, client, Host, Origin, credentials configured, Authorization, refusal status (null: let through)
        { "/__admin/mappings", "127.0.0.1", "127.0.0.1:8080", null, false, null, null },
        { "/__admin/mappings", "::1", "[::1]:8080", null, false, null, null },
        { "/__admin/mappings", "127.0.0.1", "localhost:8080", null, false, null, null },
        { "/__admin/mappings", "10.1.2.3", "127.0.0.1:8080", null, false, null, 403 },
        { "/__admin/requests", "192.168.1.9", "127.0.0.1:8080", null, false, null, 403 },
        { "/__admin/mappings", "127.0.0.1", "attacker.example:8080", null, false, null, 403 },
        { "/__admin/mappings", "127.0.0.1", "127.0.0.1:8080", "http://evil.example", false, null, 403 },
        { "/__admin/mappings", "127.0.0.1", "127.0.0.1:8080", "null", false, null, 403 },
        { "/__admin/mappings", "127.0.0.1", "127.0.0.1:8080", "http://tools.example", false, null, null },
        // The console's own page: a same-origin POST carries Origin too.
        { "/__admin/opmock/reset", "127.0.0.1", "127.0.0.1:8080", "http://127.0.0.1:8080", false, null, null },
        { "/__admin/opmock/reset", "127.0.0.1", "127.0.0.1:8080", "http://127.0.0.1:3000", false, null, 403 },
        { "/__admin/opmock/reset", "127.0.0.1", "127.0.0.1:8080", "http://localhost:8080", false, null, 403 },
        { "/__admin/opmock/reset", "127.0.0.1", "attacker.example:8080", "http://attacker.example:8080", false, null, 403 },
        // Credentials are checked with the origin, not instead of it: a browser attaches cached ones to any page's form.
        { "/__admin/mappings", "10.1.2.3", "mock.internal:8080", "http://evil.example", true, Good, 403 },
        { "/__admin/mappings/reset", "127.0.0.1", "evil.example", "https://evil.example", true, Good, 403 },
        { "/__admin/opmock/reset", "127.0.0.1", "evil.example:8080", "http://evil.example:8080", true, Good, 403 },
        { "/__admin/opmock/reset", "127.0.0.1", "127.0.0.1:8080", "null", true, Good, 403 },
        { "/__admin/opmock/reset", "127.0.0.1", "127.0.0.1:8080", "http://127.0.0.1:8080", true, Good, null },
        { "/__admin/mappings", "10.1.2.3", "mock.internal:8080", "http://tools.example", true, Good, null },
        { "/__admin/mappings", "10.1.2.3", "mock.internal:8080", null, true, Good, null },
        { "/__admin/mappings", "10.1.2.3", "mock.internal:8080", null, true, null, 401 },
        { "/__admin/mappings", "127.0.0.1", "127.0.0.1:8080", null, true, Wrong, 401 },
        { "/__admin/mappings", "127.0.0.1", "127.0.0.1:8080", null, true, "Bearer s3cret", 401 },
        { "/__admin/mappings", "127.0.0.1", "127.0.0.1:8080", null, true, "Basic !!!notbase64", 401 },
        { "/__admin/mappings", "127.0.0.1", "127.0.0.1:8080", null, true, "Basic " + new string('A', 4000), 401 },
        { "/__admin/mappings/swagger", "127.0.0.1", "127.0.0.1:8080", null, true, Good, 501 },
        { "/__admin/mappings/save", "127.0.0.1", "127.0.0.1:8080", null, false, null, 403 },
        { "/__admin/files/x.json", "127.0.0.1", "127.0.0.1:8080", null, false, null, 403 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Check_ClientHostOriginAndCredentials_LetThroughOrRefuse(string path, string client, string host, string? origin, bool credentials, string? authorization, int? status)
    {
        // Given a guard for a server on 127.0.0.1, with or without credentials, with one listed origin
        var options = new MockServerOptions(Repo.Docs, null, null, AdminUsername: credentials ? "admin" : null, AdminPassword: credentials ? "s3cret" : null,
            AdminOrigins: ["http://tools.example"]);
        var guard = new AdminGuard(options, ListenAddress.Resolve("127.0.0.1"), () => [8080, 8086]);

        // When an admin request arrives
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Path = path;
        context.Request.Host = HostString.FromUriComponent(host);
        context.Connection.RemoteIpAddress = IPAddress.Parse(client);
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        // Then it is let through or refused with the expected status; a 401 always challenges for basic auth
        var refusal = guard.Check(context);
        refusal?.Status.ShouldBe(status!.Value);
        if (status is null)
        {
            refusal.ShouldBeNull();
        }

        (refusal?.Status == 401).ShouldBe(refusal?.Challenge?.StartsWith("Basic ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Admin_WrongPassword_Answers401WithBasicChallengeNever500()
    {
        // Given a server with admin credentials
        await using var host = await MockHost.StartAsync(adminUsername: "admin", adminPassword: "s3cret");

        // When the admin API is called with a wrong password, and with none
        using var wrong = new HttpRequestMessage(HttpMethod.Get, host.Server.DirectUrl + "/__admin/mappings");
        wrong.Headers.Authorization = System.Net.Http.Headers.AuthenticationHeaderValue.Parse(Wrong);
        using var wrongAnswer = await host.Client.SendAsync(wrong);
        using var none = await host.Client.GetAsync(host.Server.DirectUrl + "/__admin/mappings");
        using var right = new HttpRequestMessage(HttpMethod.Get, host.Server.DirectUrl + "/__admin/mappings");
        right.Headers.Authorization = System.Net.Http.Headers.AuthenticationHeaderValue.Parse(Good);
        using var rightAnswer = await host.Client.SendAsync(right);

        // Then both are 401 with a basic challenge and a JSON envelope; the right password is let in
        foreach (var answer in new[] { wrongAnswer, none })
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            answer.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic ");
            (await MockHost.JsonAsync(answer))["code"]!.GetValue<int>().ShouldBe(401);
        }

        rightAnswer.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Admin_ListedOrigin_GetsCorsAndOthersGetNone()
    {
        // Given a server that lists one origin for the admin API
        await using var host = await MockHost.StartAsync(new MockServerOptions(Repo.Docs, Repo.Overrides, TestFixtures.Base, Port: 0, AppPort: 0,
            AdminOrigins: ["http://tools.example"]));

        // When pages on the listed origin and on another preflight an admin call
        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, host.Server.DirectUrl + "/__admin/mappings");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            return await host.Client.SendAsync(request);
        }

        using var listed = await PreflightAsync("http://tools.example");
        using var other = await PreflightAsync("http://evil.example");

        // Then only the listed origin is allowed
        listed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        listed.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("http://tools.example");
        other.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        other.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }
}
