using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>
/// What an outsider sends, as issue 12 found it breaking the server: a web page driving the admin API, a
/// DNS-rebinding page, hostile admin bodies and settings, lone surrogates, 2^63 ids, stalled and badly framed
/// bodies, odd Host values. Each gets its documented answer (the house JSON envelope, or Kestrel's own bare
/// 400 for a head it cannot parse), never a stack trace or a source path, and the next valid request succeeds.
/// </summary>
public sealed class AttackCorpusTests(SharedMockServer shared) : IClassFixture<SharedMockServer>
{
    private const string Evil = "Origin: http://evil.example";

    /// <param name="Port">"direct" or "app".</param>
    /// <param name="Parts">The request as sent, given the server's host:port; a null part is a stall.</param>
    /// <param name="Named">What the message must contain.</param>
    internal sealed record Attack(string Port, Func<string, byte[]?[]> Parts, int Status, string Named);

    private static readonly byte[] Gzip = RawHttp.Gzip("""{"userId":"u0001gzip"}""");

    private static readonly ImmutableDictionary<string, Attack> Corpus = new Dictionary<string, Attack>
    {
        // A web page driving the admin API
        ["admin: cross-origin preflight"] = new("direct", h => [RawHttp.Head("OPTIONS /__admin/mappings HTTP/1.1", $"Host: {h}", Evil, "Access-Control-Request-Method: POST")], 403, "cross-origin"),
        ["admin: text/plain reset from a page (no preflight)"] = new("direct", h => Post("/__admin/mappings/reset", h, "text/plain", "x", Evil), 403, "origin"),
        ["admin: request log read from a page"] = new("direct", h => [RawHttp.Head("GET /__admin/requests HTTP/1.1", $"Host: {h}", Evil)], 403, "origin"),
        ["admin: cross-site GET without Origin (no-cors)"] = new("direct", h => [RawHttp.Head("GET /__admin/requests HTTP/1.1", $"Host: {h}", "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: no-cors")], 403, "another site"),
        ["admin: Origin null (sandboxed page)"] = new("direct", h => Post("/__admin/mappings", h, "application/json", "{}", "Origin: null"), 403, "origin"),
        ["admin: DNS rebinding (foreign Host)"] = new("direct", h => [RawHttp.Head("GET /__admin/mappings HTTP/1.1", $"Host: attacker.example:{h.Split(':')[1]}")], 403, "attacker.example"),
        ["admin: ProxyUrl stub to an internal host (SSRF)"] = new("direct", h => Post("/__admin/mappings", h, "application/json",
            """{"Request":{"Path":"/ssrf"},"Response":{"ProxyUrl":"http://10.0.0.1:8080"}}"""), 403, "--admin-allow-proxy"),
        ["admin: webhook to another host"] = new("direct", h => Post("/__admin/mappings", h, "application/json",
            """{"Request":{"Path":"/hook"},"Response":{"StatusCode":200},"Webhook":{"Request":{"Url":"http://169.254.169.254/latest","Method":"post"}}}"""), 403, "--admin-allow-proxy"),
        ["admin: mappings saved to disk"] = new("direct", h => Post("/__admin/mappings/save", h, "application/json", ""), 403, "--admin-allow-files"),
        ["admin: file written"] = new("direct", h => Post("/__admin/files/evil.txt", h, "text/plain", "x"), 403, "--admin-allow-files"),
        ["admin: settings lift the log bound"] = new("direct", h => Put("/__admin/settings", h, """{"MaxRequestLogCount":100000000}"""), 400, "MaxRequestLogCount"),
        ["admin: settings inflate gzip bodies"] = new("direct", h => Put("/__admin/settings", h, """{"disableRequestBodyDecompressing":false}"""), 400, "DisableRequestBodyDecompressing"),
        ["admin: settings save unmatched requests"] = new("direct", h => Put("/__admin/settings", h, """{"SaveUnmatchedRequests":true}"""), 403, "--admin-allow-files"),
        ["admin: settings proxy everything elsewhere"] = new("direct", h => Put("/__admin/settings", h, """{"ProxyAndRecordSettings":{"Url":"http://10.0.0.1"}}"""), 403, "--admin-allow-proxy"),
        ["admin: stub serves /etc/passwd (BodyAsFile)"] = new("direct", h => Post("/__admin/mappings", h, "application/json",
            """{"Request":{"Path":"/passwd"},"Response":{"BodyAsFile":"/etc/passwd"}}"""), 403, "--admin-allow-files"),
        ["admin: stub serves /dev/zero, cached at once"] = new("direct", h => Post("/__admin/mappings", h, "application/json",
            """{"Request":{"Path":"/zero"},"Response":{"bodyAsFile":"/dev/zero","bodyAsFileIsCached":true}}"""), 403, "`Response.bodyAsFile`"),
        ["admin: matcher pattern read from a file"] = new("direct", h => Post("/__admin/mappings", h, "application/json",
            """{"Request":{"Path":"/pattern","Body":{"Matcher":{"Name":"ExactMatcher","PatternAsFile":"/etc/shadow"}}},"Response":{}}"""), 403, "PatternAsFile"),
        ["admin: wiremock.org import with bodyFileName"] = new("direct", h => Post("/__admin/mappings/wiremock.org", h, "application/json",
            """{"request":{"url":"/org","method":"GET"},"response":{"status":200,"bodyFileName":"/etc/passwd"}}"""), 403, "bodyFileName"),
        ["admin: stub through an HTTP proxy elsewhere (WebProxy.Address)"] = new("direct", h => Post("/__admin/mappings", h, "application/json",
            """{"Request":{"Path":"/via"},"Response":{"ProxyUrl":"http://127.0.0.1:9","WebProxy":{"Address":"10.0.0.1:3128"}}}"""), 403, "WebProxy.Address"),
        ["admin: settings through an HTTP proxy elsewhere"] = new("direct", h => Put("/__admin/settings", h,
            """{"ProxyAndRecordSettings":{"Url":"http://127.0.0.1:9","WebProxySettings":{"Address":"http://10.0.0.1:3128"}}}"""), 403, "WebProxySettings.Address"),
        ["admin: stub proxying to this server itself (a loop)"] = new("direct", h => Post("/__admin/mappings", h, "application/json",
            $$$"""{"Request":{"Path":"/loop"},"Response":{"ProxyUrl":"http://{{{h}}}"}}"""), 403, "this server itself"),
        ["admin: stub proxying to this server as 0.0.0.0"] = new("direct", h => Post("/__admin/mappings", h, "application/json",
            $$$"""{"Request":{"Path":"/loop2"},"Response":{"ProxyUrl":"http://0.0.0.0:{{{h.Split(':')[1]}}}/"}}"""), 403, "this server itself"),
        ["admin: stub gives a field twice in two cases"] = new("direct", h => Post("/__admin/mappings", h, "application/json",
            """{"Request":{"Path":"/dup"},"Response":{"BodyAsFile":null,"bodyasfile":"/etc/passwd"}}"""), 400, "`Response.bodyasfile` twice"),
        ["admin: stub body not JSON"] = new("direct", h => Post("/__admin/mappings", h, "application/json", "{\"Request\":"), 400, "not valid JSON"),
        ["admin: swagger"] = new("direct", h => [RawHttp.Head("GET /__admin/mappings/swagger HTTP/1.1", $"Host: {h}")], 501, "swagger"),

        // Values Java cannot hold
        ["lone high surrogate in userId"] = new("direct", h => Post(ChatInfo, h, "application/json", """{"userId":"\ud800"}"""), 400, "userId"),
        ["lone low surrogate in a key"] = new("direct", h => Post(ChatInfo, h, "application/json", """{"userId":"u1","\udc00x":1}"""), 400, "surrogate"),
        ["surrogates reversed"] = new("direct", h => Post("/op/v2/receives", h, "application/json", """{"staffId":"\udc00\ud800"}"""), 400, "staffId"),
        ["lone surrogate in reqUrl"] = new("app", h => Post(TransferRoute, h, "application/json", """{"reqUrl":"/\ud800","userId":"u1"}"""), 400, "reqUrl"),
        ["integer 2^63 in an id"] = new("direct", h => Post(ChatInfo, h, "application/json", """{"userId":"u1","id":9223372036854775808}"""), 400, "id"),
        ["integer below -2^63, nested"] = new("direct", h => Post(ChatInfo, h, "application/json", """{"userId":"u1","page":{"no":[1,-9223372036854775809]}}"""), 400, "page.no[1]"),
        ["transfer: 30-digit integer"] = new("app", h => Post(TransferRoute, h, "application/json", $$"""{"reqUrl":"{{ChatInfo}}","userId":"u1","staffId":123456789012345678901234567890}"""), 400, "staffId"),

        // Bodies that stall or break their framing
        ["bad chunk size"] = new("direct", h => [RawHttp.Head($"POST {ChatInfo} HTTP/1.1", $"Host: {h}", "Content-Type: application/json", "Transfer-Encoding: chunked"), "ZZ\r\nabc\r\n0\r\n\r\n"u8.ToArray()], 400, "could not be read"),
        ["chunk longer than its size"] = new("app", h => [RawHttp.Head($"POST {TransferRoute} HTTP/1.1", $"Host: {h}", "Content-Type: application/json", "Transfer-Encoding: chunked"), "3\r\n{\"reqUrl\":1}\r\n0\r\n\r\n"u8.ToArray()], 400, "could not be read"),
        ["body stalls after 10 of 100 bytes"] = new("direct", h => [RawHttp.Head($"POST {ChatInfo} HTTP/1.1", $"Host: {h}", "Content-Type: application/json", "Content-Length: 100"), "{\"userId\":"u8.ToArray(), null], 408, "did not arrive in time"),
        ["chunk size past 64 bits"] = new("direct", h => [RawHttp.Head($"POST {ChatInfo} HTTP/1.1", $"Host: {h}", "Content-Type: application/json", "Transfer-Encoding: chunked"), "ffffffffffffffffff\r\nabc\r\n0\r\n\r\n"u8.ToArray()], 400, "could not be read"),
        ["chunk size past 64 bits, admin"] = new("direct", h => [RawHttp.Head("POST /__admin/mappings HTTP/1.1", $"Host: {h}", "Content-Type: application/json", "Transfer-Encoding: chunked"), "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n"u8.ToArray()], 400, "could not be read"),
        ["gzip body (not inflated)"] = new("direct", h => [RawHttp.Head($"POST {ChatInfo} HTTP/1.1", $"Host: {h}", "Content-Type: application/json", "Content-Encoding: gzip", $"Content-Length: {Gzip.Length}"), Gzip], 400, "not UTF-8"),

        // Host values that are not hosts
        ["Host h:65536"] = new("direct", h => [RawHttp.Head($"POST {ChatInfo} HTTP/1.1", "Host: h:65536", "Content-Length: 0")], 400, ""),
        ["Host a..b"] = new("direct", h => [RawHttp.Head($"POST {ChatInfo} HTTP/1.1", "Host: a..b", "Content-Length: 0")], 400, ""),
        ["Host [::1 (unclosed)"] = new("app", h => [RawHttp.Head($"POST {TransferRoute} HTTP/1.1", "Host: [::1", "Content-Length: 0")], 400, ""),
        ["Host empty"] = new("direct", h => [RawHttp.Head($"POST {ChatInfo} HTTP/1.1", "Host:", "Content-Length: 0")], 400, "Host header is empty"),
        ["Host empty on the admin API"] = new("direct", h => [RawHttp.Head("GET /__admin/mappings HTTP/1.1", "Host: ")], 400, "Host header is empty"),
        ["admin: duplicate key in settings"] = new("direct", h => Put("/__admin/settings", h, """{"AllowPartialMapping":true,"AllowPartialMapping":false}"""), 400, "twice"),
        ["admin: duplicate key in another case lifts no bound"] = new("direct", h => Put("/__admin/settings", h, """{"MaxRequestLogCount":10,"maxRequestLogCount":100000000}"""), 400, "twice"),
        ["admin: lone surrogate in settings"] = new("direct", h => Put("/__admin/settings", h, """{"AllowPartialMapping":"\ud800"}"""), 400, "AllowPartialMapping"),
        ["admin: query parameter without a name"] = new("direct", h => [RawHttp.Head("DELETE /__admin/scenarios?a=1&=& HTTP/1.1", $"Host: {h}")], 400, "without a name"),
        ["admin: empty settings body"] = new("direct", h => Post("/__admin/settings", h, "application/json", ""), 400, "WireMock.Net could not apply"),
        ["admin: duplicate key in a stub"] = new("direct", h => Post("/__admin/mappings", h, "application/json", """{"Request":{"Path":"/a","Path":"/b"},"Response":{}}"""), 400, "Request.Path"),
        ["Host a..b on the admin API"] = new("direct", h => [RawHttp.Head("GET /__admin/requests HTTP/1.1", "Host: a..b")], 400, ""),
    }.ToImmutableDictionary();

    private MockHost Host => shared.Host;

    public static TheoryData<string> Names => [.. Corpus.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Send_Attack_GetsItsAnswerWithoutInternalsAndTheServerKeepsServing(string name)
    {
        // Given one attack of the corpus
        var attack = Corpus[name];
        var server = new Uri(attack.Port == "app" ? Host.Server.AppUrl : Host.Server.DirectUrl);

        // When it is sent
        var parts = attack.Parts($"{server.Host}:{server.Port}");
        var mark = shared.Clock.TimersStarted;
        var answering = RawHttp.SendAsync(server, parts, stall: TimeSpan.FromSeconds(15), deadline: TimeSpan.FromSeconds(30));
        if (parts.Contains(null))
        {
            // (a stalled body: once the server started its body's deadline, its clock passes every deadline there is)
            await Task.WhenAny(shared.Clock.TimersStartedAsync(mark + 1), answering).WaitAsync(TimeSpan.FromSeconds(30));
            shared.Clock.Advance(Core.Server.BodyReader.Cap);
        }

        var answer = await answering;

        // Then it gets the documented status, in the house envelope whenever there is a body, naming the problem
        answer.Status.ShouldBe(attack.Status, answer.Head + answer.Body);
        answer.LeaksInternals.ShouldBeFalse(answer.Body);
        answer.Head.ShouldNotContain("Access-Control-Allow-Origin: http://evil.example", Case.Insensitive);
        if (answer.Body.Length > 0 || attack.Named.Length > 0)
        {
            var json = JsonNode.Parse(answer.Body)!.AsObject();
            json["code"]!.GetValue<int>().ShouldBe(attack.Status);
            json["message"]!.GetValue<string>().ShouldContain(attack.Named);
            json.ContainsKey("foot").ShouldBeTrue();
        }

        // And the next valid request on the same port is answered
        using var valid = attack.Port == "app"
            ? await Host.PostTransferAsync($$"""{"reqUrl":"{{ChatInfo}}","userId":"u0001attack"}""")
            : await Host.PostDirectAsync(ChatInfo, """{"userId":"u0001attack"}""");
        valid.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static byte[]?[] Post(string path, string host, string contentType, string body, params string[] headers) =>
        Send("POST", path, host, contentType, body, headers);

    private static byte[]?[] Put(string path, string host, string body) => Send("PUT", path, host, "application/json", body, []);

    private static byte[]?[] Send(string method, string path, string host, string contentType, string body, string[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return [RawHttp.Head($"{method} {path} HTTP/1.1", [$"Host: {host}", $"Content-Type: {contentType}", $"Content-Length: {bytes.Length}", .. headers]), bytes];
    }
}
