using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using OpMock.Core.Validation.Har;
using OpMock.Core.Validation.Proxy;
using OpMock.Tests.Support;

namespace OpMock.Tests.Validation.Proxy;

/// <summary>The proxy in front of servers that misbehave: clients get the target's own bytes, every exchange is logged.</summary>
public sealed class HostileUpstreamTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Proxy_HugeBodyAndGzipBomb_ForwardsTheTargetsBytesUncheckedWithANote()
    {
        // Given a proxy in front of a server sending 20 MiB, and 64 MiB of zeros gzipped
        await using var upstream = new HostileUpstream();
        var exchanges = Channel.CreateUnbounded<ProxyExchange>();
        await using var proxy = await StartAsync(upstream.Url, null, exchanges);
        using var http = Client();

        // When both are fetched through the proxy
        using var huge = await http.PostAsync(proxy.Url + Shipped.Receives + "?case=huge", Json("{}"));
        var hugeBody = await huge.Content.ReadAsByteArrayAsync();
        var hugeLog = await NextAsync(exchanges);
        using var bomb = await http.PostAsync(proxy.Url + Shipped.Receives + "?case=bomb", Json("{}"));
        var bombBody = await bomb.Content.ReadAsByteArrayAsync();
        var bombLog = await NextAsync(exchanges);

        // Then the client gets the target's status and bytes, the bomb still compressed
        (huge.StatusCode, bomb.StatusCode).ShouldBe((HttpStatusCode.OK, HttpStatusCode.OK));
        hugeBody.SequenceEqual(HostileUpstream.Huge).ShouldBeTrue();
        bombBody.SequenceEqual(upstream.Bomb).ShouldBeTrue();
        bomb.Content.Headers.ContentEncoding.ShouldBe(["gzip"]);

        // And each is logged as forwarded unchecked, with why
        hugeLog.Result.ShouldBeNull();
        hugeLog.Note.ShouldBe("forwarded unchecked: body larger than 8 MiB: not checked");
        bombLog.Result.ShouldBeNull();
        bombLog.Note!.ShouldStartWith("forwarded unchecked: gzip body inflates past ");
    }

    [Fact]
    public async Task Proxy_EndlessChunkedBody_StreamsUntilTheClientLeavesAndLogsIt()
    {
        // Given a proxy in front of a server whose chunked body never ends
        await using var upstream = new HostileUpstream();
        var exchanges = Channel.CreateUnbounded<ProxyExchange>();
        await using var proxy = await StartAsync(upstream.Url, null, exchanges);
        using var http = Client();

        // When a client reads 16 MiB of it and hangs up
        using (var response = await http.GetAsync(proxy.Url + Shipped.Receives + "?case=endless", HttpCompletionOption.ResponseHeadersRead))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            long total = 0;
            while (total < 16 * 1024 * 1024)
            {
                var read = await body.ReadAsync(buffer);
                read.ShouldBeGreaterThan(0);
                total += read;
            }
        }

        // Then the exchange is logged as unchecked and broken off, not lost
        var logged = await NextAsync(exchanges);
        logged.Status.ShouldBe(200);
        logged.Note.ShouldNotBeNull();
    }

    [Fact]
    public async Task Proxy_BigIntegersLatin1HeaderAndUpload_ReachTheClientAsSent()
    {
        // Given a proxy in front of a server answering integers past 2^63 and a Latin-1 header byte
        await using var upstream = new HostileUpstream();
        var exchanges = Channel.CreateUnbounded<ProxyExchange>();
        await using var proxy = await StartAsync(upstream.Url, null, exchanges);
        using var http = Client();

        // When the client asks for both, and uploads 40 MiB
        using var big = await http.PostAsync(proxy.Url + Shipped.Receives, Json("{}"));
        var bigLog = await NextAsync(exchanges);
        using var latin = await http.PostAsync(proxy.Url + Shipped.Receives + "?case=latin1", Json("{}"));
        await NextAsync(exchanges);
        using var upload = await http.PostAsync(proxy.Url + Shipped.Receives + "?case=upload", new ByteArrayContent(new byte[40 * 1024 * 1024]));
        await NextAsync(exchanges);

        // Then the big integer is checked as any value, no exception replacing the answer
        big.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await big.Content.ReadAsStringAsync()).ShouldBe(HostileUpstream.BigInteger);
        bigLog.Result.ShouldNotBeNull();
        bigLog.Result.Violations.ShouldNotContain(v => v.Message.Contains("could not be checked", StringComparison.Ordinal));

        // And the Latin-1 byte passes through as the target sent it, not a fake 404
        latin.StatusCode.ShouldBe(HttpStatusCode.OK);
        latin.Headers.GetValues("X-Name").Single().ShouldBe("caf\u00e9");

        // And the whole upload reached the target
        ((long)JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["received"]!).ShouldBe(40L * 1024 * 1024);
    }

    [Fact]
    public async Task Proxy_TwoRunsOnOneFolder_KeepEveryExchange()
    {
        // Given two proxies recording to one folder at once, and a third started after them (a restart)
        await using var upstream = new HostileUpstream();
        using var temp = new TempFolder();
        var record = Path.Combine(temp.Path, "rec");
        using var http = Client();
        foreach (var round in new[] { 2, 1 })
        {
            var proxies = new List<ValidationProxy>();
            var channels = new List<Channel<ProxyExchange>>();
            for (var i = 0; i < round; i++)
            {
                channels.Add(Channel.CreateUnbounded<ProxyExchange>());
                proxies.Add(await StartAsync(upstream.Url, record, channels[^1]));
            }

            // When each forwards three requests
            for (var i = 0; i < proxies.Count; i++)
            {
                for (var n = 0; n < 3; n++)
                {
                    (await http.PostAsync(proxies[i].Url + Shipped.Receives, Json("{}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
                    (await NextAsync(channels[i])).RecordError.ShouldBeNull();
                }
            }

            foreach (var proxy in proxies)
            {
                await proxy.DisposeAsync();
            }
        }

        // Then all nine exchanges are kept, each in its own file, and all are read back
        Directory.GetFiles(record, "*.har").Length.ShouldBe(9);
        Directory.GetFiles(record).Length.ShouldBe(9);
        (await HarChecks.CheckAsync(await Shipped.ValidatorAsync(), [record])).Checked.Length.ShouldBe(9);
    }

    [Fact]
    public async Task Proxy_UnreachableTarget_RecordsTheFailedExchangeWithItsError()
    {
        // Given a proxy, recording, in front of a port nothing listens on
        using var temp = new TempFolder();
        var record = Path.Combine(temp.Path, "rec");
        var exchanges = Channel.CreateUnbounded<ProxyExchange>();
        await using var proxy = await StartAsync($"http://127.0.0.1:{StubHttpServer.FreePort()}", record, exchanges);
        using var http = Client();

        // When a request goes through
        using var response = await http.PostAsync(proxy.Url + Shipped.Receives, Json("{}"));
        var logged = await NextAsync(exchanges);

        // Then the client gets a 502, the log says why, and the recording keeps it with its error
        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        logged.Note!.ShouldStartWith("502: request to ");
        var file = Directory.GetFiles(record, "*.har").Single();
        var har = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        har["log"]!["entries"]![0]!["response"]!["_error"]!.GetValue<string>().ShouldStartWith("502: request to ");

        // And re-checking the recording reports a request without an answer, not a pass
        var recorded = await HarChecks.CheckAsync(await Shipped.ValidatorAsync(), [record]);
        recorded.Checked.Single().Answered.ShouldBeFalse();
        recorded.Passed.ShouldBeFalse();
    }

    [Fact]
    public async Task Proxy_TargetDribblesAfterItsHeaders_ClientGets504AtTheTimeoutLoggedAndRecorded()
    {
        // Given a proxy with --timeout 30s (on a fake clock), recording, in front of a target that sends its
        // headers, Content-Length: 100000 and a few bytes, then nothing
        await using var upstream = new HostileUpstream();
        using var temp = new TempFolder();
        var record = Path.Combine(temp.Path, "rec");
        var time = new WatchedTime();
        var exchanges = Channel.CreateUnbounded<ProxyExchange>();
        await using var proxy = await StartAsync(upstream.Url, record, exchanges, time);
        using var http = Client();

        // When a client asks, and the clock passes the timeout once the headers are in (the body's timer started)
        var asking = http.PostAsync(proxy.Url + Shipped.Receives + "?case=dribble", Json("{}"));
        await time.StartedAsync(Timeout, Bound);
        await time.StartedAsync(Timeout, Bound);
        time.Fake.Advance(Timeout + TimeSpan.FromSeconds(1));
        using var response = await asking;
        var logged = await NextAsync(exchanges);

        // Then the client gets a 504 saying what came, the log says the same, and the recording keeps it as an error
        response.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout);
        // (How much of the dribble the proxy had read when the clock moved depends on the scheduler: the message says it, whatever it was.)
        var expected = "did not complete within 30s: HTTP 200 and ";
        var declared = $" of {HostileUpstream.DribbleDeclared} bytes of its body came";
        (await response.Content.ReadAsStringAsync()).ShouldContain(expected);
        (await response.Content.ReadAsStringAsync()).ShouldContain(declared);
        logged.Status.ShouldBe(504);
        logged.Note!.ShouldContain(expected);
        logged.Note!.ShouldContain(declared);
        logged.Result!.Answered.ShouldBeFalse();
        var har = JsonNode.Parse(await File.ReadAllTextAsync(Directory.GetFiles(record, "*.har").Single()))!;
        har["log"]!["entries"]![0]!["response"]!["_error"]!.GetValue<string>().ShouldContain(expected);
    }

    [Fact]
    public async Task Proxy_LargeBodyStallsAfterItsHeadersWentOn_ConnectionCutAtTheTimeoutAndLogged()
    {
        // Given a proxy with --timeout 30s (fake clock) in front of a target declaring 20 MiB that sends 9 MiB and stalls
        await using var upstream = new HostileUpstream();
        var time = new WatchedTime();
        var exchanges = Channel.CreateUnbounded<ProxyExchange>();
        await using var proxy = await StartAsync(upstream.Url, null, exchanges, time);
        using var http = Client();

        // When a client has the headers (past 8 MiB the body goes on unchecked) and the clock passes the timeout
        using var request = new HttpRequestMessage(HttpMethod.Post, proxy.Url + Shipped.Receives + "?case=dribble-large") { Content = Json("{}") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var body = await response.Content.ReadAsStreamAsync();
        var reading = body.CopyToAsync(Stream.Null);
        time.Fake.Advance(Timeout + TimeSpan.FromSeconds(1));

        // Then the client's connection is cut (its body never completes) and the log says so, with what came
        await Should.ThrowAsync<Exception>(reading.WaitAsync(Bound));
        var logged = await NextAsync(exchanges);
        logged.Status.ShouldBe(200);
        logged.Note!.ShouldStartWith("connection cut at the deadline: the response from ");
        logged.Note.ShouldContain($"of {HostileUpstream.LargeDeclared} bytes of its body came");
    }

    [Fact]
    public async Task Proxy_UploadStalls_ClientGets408AtItsUploadDeadline()
    {
        // Given a proxy (fake clock) in front of a target
        await using var upstream = new HostileUpstream();
        var time = new WatchedTime();
        var exchanges = Channel.CreateUnbounded<ProxyExchange>();
        await using var proxy = await StartAsync(upstream.Url, null, exchanges, time);

        // When a client declares 1,000,000 bytes, sends 10 and stalls, and the clock passes the upload's deadline
        var deadline = ValidationProxy.UploadDeadline(1_000_000);
        var url = new Uri(proxy.Url);
        var sending = RawHttp.SendAsync(url, [RawHttp.Head($"POST {Shipped.Receives} HTTP/1.1", $"Host: {url.Authority}", "Content-Type: application/json", "Content-Length: 1000000"),
            "{\"userId\":"u8.ToArray(), null], stall: Bound, deadline: Bound);
        await time.StartedAsync(deadline, Bound);
        time.Fake.Advance(deadline + TimeSpan.FromSeconds(1));
        var answer = await sending;

        // Then it gets a 408 naming what came, and the log says so
        answer.Status.ShouldBe(408);
        // (How many of the 10 bytes the proxy had read when the clock moved depends on the scheduler: the message says it.)
        answer.Body.ShouldContain("the client's upload did not arrive in time (within 40.518s at most, at 240 bytes/s at least; ");
        answer.Body.ShouldMatch(@"; (10|[0-9]) of 1000000 bytes came\)");
        (await NextAsync(exchanges)).Note!.ShouldStartWith("408: the client's upload did not arrive in time");
    }

    [Theory]
    [InlineData(null, 600)]
    [InlineData(0L, 10)]
    [InlineData(1_048_576L, 42)]
    [InlineData(1_000_000_000L, 600)]
    public void UploadDeadline_DeclaredSize_GraceThenMinimumRateCapped(long? declared, int seconds) =>
        ValidationProxy.UploadDeadline(declared).ShouldBe(TimeSpan.FromSeconds(seconds));

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static async Task<ProxyExchange> NextAsync(Channel<ProxyExchange> exchanges) =>
        await exchanges.Reader.ReadAsync().AsTask().WaitAsync(Bound);

    /// <summary>A client that sees what the proxy sends: no decompression, headers read as Latin-1.</summary>
    private static HttpClient Client() => new(new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        ResponseHeaderEncodingSelector = (_, _) => Encoding.Latin1,
    })
    { Timeout = Bound };

    private static async Task<ValidationProxy> StartAsync(string target, string? record, Channel<ProxyExchange> exchanges, TimeProvider? time = null) =>
        ValidationProxy.Start(await Shipped.ValidatorAsync(), new ProxySettings(new Uri(target), 0, record, Timeout),
            e => exchanges.Writer.WriteAsync(e).AsTask(), time ?? TimeProvider.System);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
