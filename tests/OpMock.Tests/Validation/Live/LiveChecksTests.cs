using System.Net;
using System.Net.Sockets;
using OpMock.Core.Validation.Live;

namespace OpMock.Tests.Validation.Live;

public sealed class LiveChecksTests
{
    [Fact]
    public async Task CheckAsync_CleanServer_SendsDocSamplesOnlyToTheGivenHostAndPasses()
    {
        // Given a server answering with the docs' examples, and a query that replaces the docs' token
        using var server = await DriftedServers.StartCleanAsync();
        var url = new Uri(server.Url!);
        var target = new LiveTarget(url, url, LiveTarget.ParseQuery("token=mine&sign=s1"), TimeSpan.FromSeconds(5));
        using var http = new HttpClient();

        // When the live checks run
        var report = await LiveChecks.CheckAsync(await Shipped.ContractAsync(), await Shipped.ValidatorAsync(strict: true), http, target);

        // Then every route passes, directly and through transfer
        report.Checked.Select(c => c.Label).ShouldBe([Shipped.Receives, Shipped.ChatInfo,
            "/opapp/transfer → " + Shipped.Receives, "/opapp/transfer → " + Shipped.ChatInfo]);
        report.Checked.ShouldAllBe(c => c.Violations.Length == 0 && c.Status == 200);

        // And the requests carried the docs' sample query and body, with the given pairs replacing theirs
        var chat = server.LogEntries.Single(e => e.RequestMessage!.Path == Shipped.ChatInfo).RequestMessage!;
        chat.Query!["apiVersion"].ToString().ShouldBe("01");
        chat.Query!["token"].ToString().ShouldBe("mine");
        chat.Body.ShouldBe("""{"userId":"u00012b2e588bd93843168dfb67ae12cc2ee9"}""");
        var relayed = server.LogEntries.Where(e => e.RequestMessage!.Path == Shipped.TransferRoute).Select(e => e.RequestMessage!.Body).ToList();
        relayed.ShouldBe(["""{"reqUrl":"/op/v2/receives"}""", """{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"u00012b2e588bd93843168dfb67ae12cc2ee9"}"""]);
    }

    [Fact]
    public async Task CheckAsync_DriftedServer_ReportsEveryDriftAtItsPath()
    {
        // Given a server that drifted in types, formats, fields, error pages and speed
        using var server = await DriftedServers.StartDriftedAsync();
        var url = new Uri(server.Url!);
        using var http = new HttpClient();

        // When the live checks run with a timeout below the slow route's delay
        var report = await LiveChecks.CheckAsync(await Shipped.ContractAsync(), await Shipped.ValidatorAsync(),
            http, new LiveTarget(url, url, [], DriftedServers.TimeoutSpan));

        // Then each drift is reported at its path, and nothing else is
        report.Checked.SelectMany(c => c.Violations.Select(v => (c.Label, v.Path, v.Message)))
            .ShouldBe(DriftedServers.Drifts, ignoreOrder: true);
    }

    [Fact]
    public async Task CheckAsync_RefusedConnection_IsAFindingPerRequest()
    {
        // Given a port nothing listens on
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();

        // When the live checks run against it
        var report = await LiveChecks.CheckAsync(await Shipped.ContractAsync(), await Shipped.ValidatorAsync(),
            http, new LiveTarget(new Uri($"http://127.0.0.1:{port}"), null, [], TimeSpan.FromSeconds(2)));

        // Then each request is one finding saying the connection failed, not a crash
        report.Checked.Length.ShouldBe(2);
        report.Checked.ShouldAllBe(c => c.Violations.Single().Message.StartsWith("request failed: ") && c.Status == null);
    }
}
