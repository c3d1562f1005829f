using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>
/// The request log and the admin settings cannot make the server hold what clients send. (Resident memory is
/// measured where it means something, on a server process of its own: bench/flood.sh, bench/README.md.)
/// </summary>
public sealed class RequestLogBoundTests
{
    [Fact]
    public async Task RequestLog_MiBBodies_KeepsAFewKBOfEachMarkedTruncated()
    {
        // Given a server
        await using var host = await MockHost.StartAsync();
        var body = Encoding.UTF8.GetBytes($$"""{"userId":"u0001big","pad":"{{new string('x', RequestBody.MaxBytes - 100)}}"}""");

        // When 200 bodies of nearly 1 MiB arrive (within the limit), half answered ahead of WireMock and half by
        // WireMock (an unrelated stub makes it match), four at a time. (The ×1000 attack, with the server's
        // resident memory, is bench/flood.sh's: here it would cost a minute and measure the test host.)
        async Task SendAsync(int count)
        {
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, cancel) =>
            {
                using var content = new ByteArrayContent(body);
                content.Headers.TryAddWithoutValidation("Content-Type", "text/plain");
                using var response = await host.Client.PostAsync(host.Server.DirectUrl + ChatInfo, content, cancel);
                response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            });
        }

        await SendAsync(100);
        using var stub = await host.Client.PostAsync(host.Server.DirectUrl + "/__admin/mappings", new StringContent(
            """{"Request": {"Path": "/stubbed", "Methods": ["GET"]}, "Response": {"StatusCode": 200, "Body": "stubbed"}}""", Encoding.UTF8, "application/json"));
        stub.StatusCode.ShouldBe(HttpStatusCode.Created);
        await SendAsync(100);

        // Then the log holds each body cut to 4 KB, marked, with the size it had
        var text = await host.Client.GetStringAsync(host.Server.DirectUrl + "/__admin/requests");
        var log = JsonNode.Parse(text)!.AsArray();
        var bodies = log.Select(e => e!["Request"]!).Where(r => r["Path"]!.GetValue<string>() == ChatInfo).ToList();
        bodies.Count.ShouldBe(200);
        foreach (var request in bodies)
        {
            var logged = request["Body"]!.GetValue<string>();
            logged.Length.ShouldBeLessThan(RequestBody.LoggedBytes + 200);
            logged.ShouldContain(RequestLog.Marker);
            request["Headers"]![RequestLog.Header]!.ToJsonString().ShouldContain(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        text.Length.ShouldBeLessThan(200 * 12 * 1024);
    }

    [Fact]
    public async Task Settings_ChangedThenLoad_KeepsTheLogBoundAndDoesNotInflateBodies()
    {
        // Given a server whose log keeps 20 requests, whose settings are changed through the admin API
        await using var host = await MockHost.StartAsync(new MockServerOptions(Repo.Docs, Repo.Overrides, TestFixtures.Base, Port: 0, AppPort: 0, MaxRequestLogCount: 20));
        using var changed = await host.Client.PutAsync(host.Server.DirectUrl + "/__admin/settings", new StringContent("""{"AllowPartialMapping":false}""", Encoding.UTF8, "application/json"));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);

        // When load follows, and a gzip body
        for (var i = 0; i < 60; i++)
        {
            using var _ = await host.PostDirectAsync(ChatInfo, $$"""{"userId":"u0001s{{i}}"}""");
        }

        using var gzip = new ByteArrayContent(RawHttp.Gzip("""{"userId":"u0001gzip"}"""));
        gzip.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        gzip.Headers.ContentEncoding.Add("gzip");
        using var gzipped = await host.Client.PostAsync(host.Server.DirectUrl + ChatInfo, gzip);

        // Then OpMock's settings held: the log is bounded, and the gzip body was not inflated (it is not UTF-8 JSON)
        var settings = JsonNode.Parse(await host.Client.GetStringAsync(host.Server.DirectUrl + "/__admin/settings"))!;
        settings["MaxRequestLogCount"]!.GetValue<int>().ShouldBe(0, "WireMock's own log stays off");
        settings["DisableRequestBodyDecompressing"]!.GetValue<bool>().ShouldBeTrue();
        JsonNode.Parse(await host.Client.GetStringAsync(host.Server.DirectUrl + "/__admin/requests"))!.AsArray().Count.ShouldBeLessThanOrEqualTo(21);
        gzipped.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await MockHost.JsonAsync(gzipped))["message"]!.GetValue<string>().ShouldContain("UTF-8");
    }
}
