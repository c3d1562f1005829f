using System.Net;
using OpMock.Core.Server;

namespace OpMock.Tests.Server;

public sealed class AdminTargetsTests
{
    /// <summary>Names the fake resolver knows: one resolving to this machine, one elsewhere.</summary>
    private static IPAddress[] Resolve(string name) => name switch
    {
        "loop.example" => [IPAddress.Parse("10.9.9.9"), IPAddress.Loopback],
        "far.example" => [IPAddress.Parse("10.9.9.9")],
        _ => [],
    };

    public static TheoryData<string, bool, bool, string?> Urls => new()
    {
        // target, an HTTP proxy's address, --admin-allow-proxy, refusal contains (null: allowed)
        { "http://127.0.0.1:9000/x", false, false, null },
        { "http://localhost:9000", false, false, null },
        { "http://127.0.0.1:8080", false, false, "this server itself (port 8080)" },
        { "https://127.0.0.1:8086/", false, true, "this server itself (port 8086)" },
        { "http://127.1:8080", false, false, "this server itself" },
        { "http://0x7f000001:8080", false, false, "this server itself" },
        { "http://[::1]:8080", false, false, "this server itself" },
        { "http://[::ffff:127.0.0.1]:8080", false, false, "this server itself" },
        { "http://0.0.0.0:8080", false, false, "this server itself" },
        { "http://[::]:8080", false, false, "this server itself" },
        { "http://api.localhost:8080", false, false, "this server itself" },
        { "http://LOCALHOST.:8080", false, false, "this server itself" },
        { "127.0.0.1:8080", true, false, "this server itself" },
        { "10.0.0.1:3128", true, false, "--admin-allow-proxy" },
        { "10.0.0.1:3128", true, true, null },
        { "http://10.0.0.1:8080", false, false, "--admin-allow-proxy" },
        { "http://127.0.0.1:8080@10.0.0.1/", false, false, "--admin-allow-proxy" },
        { "http://far.example:8080", false, false, "--admin-allow-proxy" },
        { "http://far.example:8080", false, true, null },
        { "http://loop.example:8080", false, true, "this server itself" },
        { "http://loop.example:9000", false, true, null },
        { "http://nowhere.example:8080", false, true, null },
        { "ftp://127.0.0.1/", false, true, "not an absolute http or https URL" },
        { "/relative", false, true, "not an absolute http or https URL" },
        { "http://{{request.headers.Host}}/", false, true, "template" },
        { "  ", false, false, null },
    };

    [Theory]
    [MemberData(nameof(Urls))]
    public void Problem_Target_AllowedOrRefused(string target, bool proxyServer, bool allowRemote, string? refused)
    {
        // Given a server on 127.0.0.1, ports 8080 and 8086
        var targets = new AdminTargets(ListenAddress.Resolve("127.0.0.1"), () => [8080, 8086], allowRemote, Resolve);

        // When a field names the target
        var problem = targets.Problem(target, proxyServer);

        // Then it is allowed, or refused saying why
        if (refused is null)
        {
            problem.ShouldBeNull();
        }
        else
        {
            problem.ShouldNotBeNull().ShouldContain(refused);
        }
    }
}
