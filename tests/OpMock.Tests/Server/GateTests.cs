using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>
/// The admin guard decides on the path as the answering server reads it (issue 16.1): every encoding of every
/// admin and console path, on both ports, from a foreign Host, a foreign Origin, or without credentials, is
/// refused (403, 401 without credentials, or 400 for an encoding refused outright), never answered.
/// </summary>
public sealed class GateTests
{
    /// <summary>Ways to write `/A/B` (a guarded prefix, then the rest) that a server may read as it.</summary>
    private static readonly Func<string, string, string>[] Encodings =
    [
        (a, b) => $"/{a}/{b}",
        (a, b) => $"/{a}%2F{b}",
        (a, b) => $"/{a}%2f{b}",
        (a, b) => $"/{a.Replace("_", "%5F", StringComparison.Ordinal)}%2F{b}",
        (a, b) => $"/{a.Replace("_", "%5f", StringComparison.Ordinal)}/{b}",
        (a, b) => $"/{a}%252F{b}",
        (a, b) => $"/{a.Replace("_", "%255F", StringComparison.Ordinal)}/{b}",
        (a, b) => $"/{a}%5C{b}",
        (a, b) => $"/{a}\\{b}",
        (a, b) => $"//{a}//{b}",
        (a, b) => $"/./{a}/./{b}",
        (a, b) => $"/x/../{a}/{b}",
        (a, b) => $"/x/%2E%2E/{a}/{b}",
        (a, b) => $"/{a.ToUpperInvariant()}/{b}",
    ];

    private static readonly (string Prefix, string Tail)[] Paths =
    [
        ("__admin", "requests"), ("__admin", "mappings"), ("__admin", "settings"), ("__admin", "mappings/save"), ("__opmock", ""),
    ];

    public static TheoryData<string, string> Attackers => new()
    {
        { "foreign Host", "direct" }, { "foreign Host", "app" },
        { "foreign Origin", "direct" }, { "foreign Origin", "app" },
        { "no credentials", "direct" }, { "no credentials", "app" },
    };

    [Theory]
    [MemberData(nameof(Attackers))]
    public async Task Pass_EveryEncodingOfEveryAdminPath_Refused(string attacker, string port)
    {
        // Given a server (with admin credentials for the attacker who has none)
        await using var host = attacker == "no credentials" ? await MockHost.StartAsync(adminUsername: "admin", adminPassword: "s3cret") : await MockHost.StartAsync();
        var server = new Uri(port == "app" ? host.Server.AppUrl : host.Server.DirectUrl);
        using var logged = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001secret"}""");

        // When each encoding of each admin path is asked for
        var answers = new List<(string Path, RawHttp.Answer Answer)>();
        foreach (var (prefix, rest) in Paths)
        {
            foreach (var encode in Encodings)
            {
                var path = encode(prefix, rest);
                string[] headers = attacker switch
                {
                    "foreign Host" => [$"Host: evil.example:{server.Port}"],
                    "foreign Origin" => [$"Host: {server.Authority}", "Origin: http://evil.example"],
                    _ => [$"Host: {server.Authority}"],
                };
                answers.Add((path, await RawHttp.SendAsync(server, [RawHttp.Head($"GET {path} HTTP/1.1", headers)])));
            }
        }

        // Then every one is refused in the house envelope, the plain path by the guard itself, and nothing leaks
        var guard = attacker == "no credentials" ? 401 : 403;
        foreach (var (path, answer) in answers)
        {
            answer.Status.ShouldBeOneOf([guard, 400], $"{path}: {answer.Head}");
            var json = JsonNode.Parse(answer.Body)!;
            json["code"]!.GetValue<int>().ShouldBe(answer.Status);
            answer.Body.ShouldNotContain("u0001secret");
            answer.Head.ShouldNotContain("Access-Control-Allow-Origin", Case.Insensitive);
        }

        answers.Where(a => a.Path.StartsWith("/__admin/", StringComparison.Ordinal) || a.Path == "/__opmock/").ShouldAllBe(a => a.Answer.Status == guard);
    }

    [Theory]
    [InlineData("/__admin%2Frequests")]
    [InlineData("//__admin//requests")]
    [InlineData("/__admin%5Crequests")]
    public async Task Pass_EncodedAdminPathFromLoopback_Refused400NamingTheCanonicalPath(string path)
    {
        // Given a loopback client the guard lets in
        await using var host = await MockHost.StartAsync();
        var server = new Uri(host.Server.DirectUrl);

        // When it writes an admin path encoded
        var answer = await RawHttp.SendAsync(server, [RawHttp.Head($"GET {path} HTTP/1.1", $"Host: {server.Authority}")]);

        // Then it is told the path to send instead
        answer.Status.ShouldBe(400);
        JsonNode.Parse(answer.Body)!["message"]!.GetValue<string>().ShouldContain("`/__admin/requests`");
    }

    [Fact]
    public async Task Pass_AvatarsFromAnyOrigin_NotGuarded()
    {
        // Given a server, and a page on another origin loading an avatar
        await using var host = await MockHost.StartAsync();
        var server = new Uri(host.Server.DirectUrl);

        // When it asks, then the guard does not stand in the way (the avatar route answers for itself)
        var answer = await RawHttp.SendAsync(server, [RawHttp.Head("GET /__opmock/avatars/u1.svg HTTP/1.1", $"Host: evil.example:{server.Port}", "Origin: http://evil.example")]);
        answer.Status.ShouldBe(200);
        answer.Head.ShouldContain("image/svg+xml");
    }

    [Fact]
    public async Task Pass_Preflight_AllowsTheScenarioAndSessionHeaders()
    {
        await using var host = await MockHost.StartAsync();
        var server = new Uri(host.Server.DirectUrl);

        var answer = await RawHttp.SendAsync(server, [RawHttp.Head($"OPTIONS {ChatInfo} HTTP/1.1", $"Host: {server.Authority}", "Origin: http://app.example", "Access-Control-Request-Method: POST")]);

        answer.Status.ShouldBe(204);
        answer.Head.ShouldContain(MockEngine.ScenarioHeader);
        answer.Head.ShouldContain(SessionName.Header);
    }
}
