using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using WireMock.Server;
using WireMock.Settings;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

public sealed class WireMockLogTests
{
    [Fact]
    public void Find_PinnedWireMockVersion_ReachesTheLog()
    {
        // Given the WireMock.Net version the project pins
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        try
        {
            // When its internal request log is looked up, then it is found: if this fails after an upgrade,
            // the fast path is off and every request pays WireMock's full matching (bench/README.md)
            WireMockLog.Find(server, 10).ShouldNotBeNull();
        }
        finally
        {
            server.Stop();
        }
    }

    [Fact]
    public async Task Add_RequestAnsweredAhead_ListedByTheAdminApiAsWireMockWouldListIt()
    {
        // Given a request answered ahead of WireMock
        await using var host = await MockHost.StartAsync();
        using var _ = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001logged"}""", query: "?token=t1");
        host.Server.AnsweredAhead.ShouldBe(1);

        // When the admin API lists the requests
        var log = JsonNode.Parse(await host.Client.GetStringAsync(host.Server.DirectUrl + "/__admin/requests"))!.AsArray();

        // Then the request is there, with its body, query, mapping, match and response status
        var entry = log.Single(e => e!["Request"]!["Path"]!.GetValue<string>() == ChatInfo)!;
        entry["Request"]!["Method"]!.GetValue<string>().ShouldBe("POST");
        entry["Request"]!["Body"]!.GetValue<string>().ShouldContain("u0001logged");
        entry["Request"]!["Query"]!["token"]![0]!.GetValue<string>().ShouldBe("t1");
        entry["Request"]!["DateTime"]!.GetValue<DateTime>().ShouldBe(FixedTime.Instant.UtcDateTime);
        entry["MappingTitle"]!.GetValue<string>().ShouldBe($"OpMock: POST {ChatInfo}");
        entry["RequestMatchResult"]!["IsPerfectMatch"]!.GetValue<bool>().ShouldBeTrue();
        entry["Response"]!["StatusCode"]!.GetValue<int>().ShouldBe(200);
    }

    [Fact]
    public async Task Add_MixedWithWireMocksOwnEntries_StaysWithinTheBoundAndKeepsTheNewest()
    {
        // Given a log bound of 5
        await using var host = await MockHost.StartAsync(new MockServerOptions(
            TestDocs.Base, TestDocs.BaseOverrides, Repo.Fixtures, Port: 0, AppPort: 0, MaxRequestLogCount: 5));

        // When 20 requests alternate between the fast path and WireMock (a scenario header)
        for (var i = 0; i < 20; i++)
        {
            using var _ = await host.PostDirectAsync(ChatInfo, $$"""{"userId":"u0001n{{i}}"}""", scenario: i % 2 == 0 ? null : "slow-not-there");
        }

        // Then the log holds at most 5, the last request among them
        var log = JsonNode.Parse(await host.Client.GetStringAsync(host.Server.DirectUrl + "/__admin/requests"))!.AsArray();
        log.Count.ShouldBeInRange(1, 5);
        log.Select(e => e!["Request"]!["Body"]?.GetValue<string>() ?? "").ShouldContain(b => b.Contains("u0001n19"));
        host.Server.AnsweredAhead.ShouldBe(10);
    }
}
