using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>
/// A corpus of bad requests against both ports: each gets a 4xx JSON error envelope naming the problem,
/// and the server keeps serving, so the next valid request on the same port succeeds.
/// </summary>
public sealed class BadInputCorpusTests(SharedMockServer shared) : IClassFixture<SharedMockServer>
{
    /// <param name="Port">"direct" or "app".</param>
    /// <param name="Body">Null: no body at all.</param>
    /// <param name="ContentType">Sent as is, unchecked; null: no Content-Type header.</param>
    /// <param name="Named">What the error message must contain: the field or the problem.</param>
    /// <param name="DataKey">What `data` must hold: the field for a bad body, the known routes for a wrong route.</param>
    internal sealed record BadRequest(string Port, string Method, string Path, byte[]? Body, string? ContentType, int Status, string Named, string DataKey)
    {
        /// <summary>The default message for the status (docs/admin-and-security.md's errors table).</summary>
        public string Prefix { get; init; } = Status switch { 404 => "接口不存在", 405 => "请求方式不支持", _ => "参数错误" };

        public bool Chunked { get; init; }

        public string? Scenario { get; init; }
    }

    private static readonly ImmutableDictionary<string, BadRequest> Corpus = new Dictionary<string, BadRequest>
    {
        // Malformed and truncated JSON
        ["truncated after a comma"] = Json("direct", ChatInfo, """{"userId":"u1",""", "not valid JSON"),
        ["truncated inside a string"] = Json("direct", ChatInfo, """{"userId":"u1""", "not valid JSON"),
        ["only an opening brace"] = Json("direct", Receives, "{", "not valid JSON"),
        ["unquoted key"] = Json("direct", ChatInfo, """{userId:"u1"}""", "not valid JSON"),
        ["single quotes"] = Json("direct", ChatInfo, "{'userId':'u1'}", "not valid JSON"),
        ["trailing comma"] = Json("direct", ChatInfo, """{"userId":"u1",}""", "not valid JSON"),
        ["two documents"] = Json("direct", ChatInfo, """{"userId":"u1"}{"userId":"u2"}""", "not valid JSON"),
        ["duplicate key"] = Json("direct", ChatInfo, """{"userId":"u1","userId":"u2"}""", "not valid JSON"),
        ["HTML instead of JSON"] = Json("direct", Receives, "<html><body>hi</body></html>", "not valid JSON"),
        ["10k levels of nesting"] = Json("direct", ChatInfo, """{"userId":"u1","a":""" + new string('[', 10_000) + new string(']', 10_000) + "}", "depth"),
        ["transfer: truncated"] = Json("app", TransferRoute, """{"reqUrl":"/op/v2/getChatInfoByUserId","userId":""", "not valid JSON"),
        ["transfer: not JSON at all"] = Json("app", TransferRoute, "not json", "not valid JSON"),
        ["transfer: 10k levels of nesting"] = Json("app", TransferRoute, new string('{', 10_000), "not valid JSON"),

        // JSON, but not an object
        ["array as root"] = Json("direct", ChatInfo, """[{"userId":"u1"}]""", "JSON object"),
        ["string as root"] = Json("direct", ChatInfo, "\"u1\"", "JSON object"),
        ["number as root"] = Json("direct", Receives, "42", "JSON object"),
        ["null as root"] = Json("direct", Receives, "null", "JSON object"),
        ["transfer: array as root"] = Json("app", TransferRoute, "[1,2]", "JSON object"),

        // Wrong types, null and empty required fields
        ["userId a number"] = Json("direct", ChatInfo, """{"userId":123}""", "userId"),
        ["userId true"] = Json("direct", ChatInfo, """{"userId":true}""", "userId"),
        ["userId an object"] = Json("direct", ChatInfo, """{"userId":{}}""", "userId"),
        ["userId an array"] = Json("direct", ChatInfo, """{"userId":[]}""", "userId"),
        ["userId null"] = Json("direct", ChatInfo, """{"userId":null}""", "userId"),
        ["userId empty"] = Json("direct", ChatInfo, """{"userId":""}""", "userId"),
        ["userId missing"] = Json("direct", ChatInfo, "{}", "userId"),
        ["staffId a number"] = Json("direct", Receives, """{"staffId":7}""", "staffId"),
        ["staffId an object"] = Json("direct", Receives, """{"staffId":{"id":"o1"}}""", "staffId"),
        ["transfer: userId a number"] = Json("app", TransferRoute, """{"reqUrl":"/op/v2/getChatInfoByUserId","userId":42}""", "userId"),
        ["transfer: userId null"] = Json("app", TransferRoute, """{"reqUrl":"/op/v2/getChatInfoByUserId","userId":null}""", "userId"),
        ["transfer: userId missing"] = Json("app", TransferRoute, """{"reqUrl":"/op/v2/getChatInfoByUserId"}""", "userId"),

        // Empty and huge bodies
        ["empty body"] = Json("direct", ChatInfo, "", "userId"),
        ["whitespace body"] = Json("direct", ChatInfo, " \r\n\t ", "userId"),
        ["2 MB body"] = Json("direct", ChatInfo, Padded(2 << 20), "larger than"),
        ["20 MB body"] = Json("direct", ChatInfo, Padded(20 << 20), "larger than"),
        ["2 MB body, chunked"] = Json("direct", Receives, Padded(2 << 20), "larger than") with { Chunked = true },
        ["transfer: empty body"] = Json("app", TransferRoute, "", "reqUrl"),
        ["transfer: 2 MB body"] = Json("app", TransferRoute, Padded(2 << 20), "larger than"),

        // Odd encodings
        ["invalid UTF-8 bytes"] = Bytes("direct", ChatInfo, [.. "{\"userId\":\"u"u8, 0xFF, 0xFE, .. "1\"}"u8], "application/json", "UTF-8"),
        ["overlong UTF-8 slash"] = Bytes("direct", ChatInfo, [.. "{\"userId\":\"u"u8, 0xC0, 0xAF, .. "\"}"u8], "application/json", "UTF-8"),
        ["UTF-16LE with BOM"] = Bytes("direct", ChatInfo, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("""{"userId":"u1"}""")], "application/json", "UTF-16"),
        ["UTF-16LE without BOM"] = Bytes("direct", ChatInfo, Encoding.Unicode.GetBytes("""{"userId":"u1"}"""), "application/json", "UTF-16"),
        ["UTF-16BE with BOM, declared"] = Bytes("direct", ChatInfo, [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("""{"userId":"u1"}""")], "application/json; charset=utf-16", "utf-16"),
        // 阿洋 in GBK: B0A2 D1F3, which is not UTF-8.
        ["GBK bytes, GBK declared"] = Bytes("direct", Receives, [.. "{\"staffId\":\""u8, 0xB0, 0xA2, 0xD1, 0xF3, .. "\"}"u8], "application/json; charset=GBK", "GBK"),
        ["GBK bytes, undeclared"] = Bytes("direct", Receives, [.. "{\"staffId\":\""u8, 0xB0, 0xA2, 0xD1, 0xF3, .. "\"}"u8], "application/json", "UTF-8"),
        ["transfer: invalid UTF-8 in reqUrl"] = Bytes("app", TransferRoute, [.. "{\"reqUrl\":\"/op/v2/"u8, 0xFF, .. "\",\"userId\":\"u1\"}"u8], "application/json", "UTF-8"),

        // Wrong content types
        ["text/plain"] = Bytes("direct", ChatInfo, """{"userId":"u1"}"""u8.ToArray(), "text/plain; charset=utf-8", "Content-Type"),
        ["form-encoded"] = Bytes("direct", ChatInfo, "userId=u1"u8.ToArray(), "application/x-www-form-urlencoded", "Content-Type"),
        ["multipart"] = Bytes("direct", ChatInfo, "--b\r\nContent-Disposition: form-data; name=\"userId\"\r\n\r\nu1\r\n--b--\r\n"u8.ToArray(), "multipart/form-data; boundary=b", "Content-Type"),
        ["application/xml"] = Bytes("direct", Receives, "<staffId>o1</staffId>"u8.ToArray(), "application/xml", "Content-Type"),
        ["no Content-Type"] = Bytes("direct", ChatInfo, """{"userId":"u1"}"""u8.ToArray(), null, "Content-Type"),
        ["transfer: text/plain"] = Bytes("app", TransferRoute, """{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"u1"}"""u8.ToArray(), "text/plain", "Content-Type"),
        ["transfer: form-encoded"] = Bytes("app", TransferRoute, "reqUrl=%2Fop%2Fv2%2FgetChatInfoByUserId&userId=u1"u8.ToArray(), "application/x-www-form-urlencoded", "Content-Type"),

        // Wrong methods and paths
        ["GET on a POST route"] = Route("direct", "GET", ChatInfo, 405, "takes POST"),
        ["PUT on a POST route"] = Route("direct", "PUT", ChatInfo, 405, "takes POST"),
        ["DELETE on a POST route"] = Route("direct", "DELETE", Receives, 405, "takes POST"),
        ["PATCH on a POST route"] = Route("direct", "PATCH", Receives, 405, "takes POST"),
        ["unknown path"] = Route("direct", "POST", "/op/v2/nothing", 404, "not a documented route"),
        ["route with a suffix"] = Route("direct", "POST", ChatInfo + "/extra", 404, "not a documented route"),
        ["root path"] = Route("direct", "GET", "/", 404, "not a documented route"),
        ["transfer on the direct port"] = Route("direct", "POST", TransferRoute, 404, "not a documented route"),
        ["direct route on the app port"] = Route("app", "POST", ChatInfo, 404, "not a documented route"),
        ["transfer: GET"] = Route("app", "GET", TransferRoute, 405, "takes POST"),
        ["transfer: DELETE"] = Route("app", "DELETE", TransferRoute, 405, "takes POST"),
        ["unknown scenario"] = Json("direct", ChatInfo, """{"userId":"u1"}""", "no scenario") with { Scenario = "no-such-scenario", DataKey = "scenarios", Prefix = "未知的场景" },

        // Hostile reqUrls: the mock never makes an outbound request
        ["reqUrl missing"] = Json("app", TransferRoute, """{"userId":"u1"}""", "reqUrl"),
        ["reqUrl null"] = Json("app", TransferRoute, """{"reqUrl":null,"userId":"u1"}""", "reqUrl"),
        ["reqUrl empty"] = Json("app", TransferRoute, """{"reqUrl":"","userId":"u1"}""", "reqUrl"),
        ["reqUrl a number"] = Json("app", TransferRoute, """{"reqUrl":236,"userId":"u1"}""", "reqUrl"),
        ["reqUrl an object"] = Json("app", TransferRoute, """{"reqUrl":{"path":"/op/v2/getChatInfoByUserId"},"userId":"u1"}""", "reqUrl"),
        ["reqUrl an array"] = Json("app", TransferRoute, """{"reqUrl":["/op/v2/getChatInfoByUserId"],"userId":"u1"}""", "reqUrl"),
        ["reqUrl http://"] = ReqUrl("http://120.55.94.183:8080/op/v2/getChatInfoByUserId", "absolute URL"),
        ["reqUrl //host"] = ReqUrl("//evil.example/op/v2/getChatInfoByUserId", "host"),
        ["reqUrl .."] = ReqUrl("/op/v2/../v2/getChatInfoByUserId", ".."),
        ["reqUrl %2e%2e"] = ReqUrl("/op/v2/%2e%2e/v2/getChatInfoByUserId", "encoded"),
        ["reqUrl @"] = ReqUrl("/op/v2/getChatInfoByUserId@evil.example", "refused"),
        ["reqUrl backslash"] = ReqUrl(@"/op\\v2\\getChatInfoByUserId", "backslashes"),
        ["reqUrl \\\\host"] = ReqUrl(@"\\\\evil.example\\op\\v2", "host"),
        ["reqUrl control characters"] = ReqUrl(@"/op/v2/getChatInfoByUserId\r\nHost: evil.example", "control"),
        ["reqUrl NUL"] = ReqUrl(@"/op/v2/getChatInfoByUserId\u0000", "control"),
        ["reqUrl relative"] = ReqUrl("op/v2/getChatInfoByUserId", "starting with /"),
        ["reqUrl 10 KB"] = ReqUrl("/op/v2/" + new string('a', 10 * 1024), "not a documented route", 404),
        ["reqUrl with a query"] = ReqUrl("/op/v2/getChatInfoByUserId?userId=u2", "not a documented route", 404),
        ["reqUrl the transfer itself"] = ReqUrl(TransferRoute, "not a documented route", 404),
    }.ToImmutableDictionary();

    private MockHost Host => shared.Host;

    public static TheoryData<string> Names => [.. Corpus.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Corpus_Size_IsAtLeastForty() => Corpus.Count.ShouldBeGreaterThanOrEqualTo(40);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Send_BadRequest_AnswersJsonErrorAndKeepsServing(string name)
    {
        // Given one request of the corpus
        var bad = Corpus[name];

        // When it is sent
        using var response = await SendAsync(bad);

        // Then the answer is a 4xx JSON error envelope that names the problem
        ((int)response.StatusCode).ShouldBe(bad.Status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        json["code"]!.GetValue<int>().ShouldBe(bad.Status);
        json["message"]!.GetValue<string>().ShouldStartWith(bad.Prefix + ": ");
        json["message"]!.GetValue<string>().ShouldContain(bad.Named);
        json["message"]!.GetValue<string>().Length.ShouldBeLessThan(1000);
        json["data"]![bad.DataKey].ShouldNotBeNull();

        // And the next valid request on the same port is answered
        using var valid = bad.Port == "app"
            ? await Host.PostTransferAsync($$"""{"reqUrl":"{{ChatInfo}}","userId":"u0001corpus"}""")
            : await Host.PostDirectAsync(ChatInfo, """{"userId":"u0001corpus"}""");
        valid.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ok = await MockHost.JsonAsync(valid);
        ok["code"]!.GetValue<int>().ShouldBe(200);
        ok["message"]!.GetValue<string>().ShouldBe("成功");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData("application/vnd.op+json")]
    public async Task Send_JsonContentTypes_AreAccepted(string contentType)
    {
        // Given a valid body sent as a JSON media type, with or without a UTF-8 charset
        var bad = Bytes("direct", ChatInfo, """{"userId":"u0001type"}"""u8.ToArray(), contentType, "");

        // When it is sent, then it is answered
        using var response = await SendAsync(bad);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Send_ChunkedBodyWithinTheLimit_IsAnswered()
    {
        // Given a valid body sent chunked, so its length is known only by reading it
        var chunked = Bytes("app", TransferRoute, Encoding.UTF8.GetBytes($$"""{"reqUrl":"{{ChatInfo}}","userId":"u0001chunked"}"""), "application/json", "") with { Chunked = true };

        // When it is sent, then the size check hands the body on and it is answered
        using var response = await SendAsync(chunked);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MockHost.JsonAsync(response))["data"]!.ToJsonString().ShouldContain("u0001chunked");
    }

    private async Task<HttpResponseMessage> SendAsync(BadRequest bad)
    {
        var url = (bad.Port == "app" ? Host.Server.AppUrl : Host.Server.DirectUrl) + bad.Path;
        using var request = new HttpRequestMessage(new HttpMethod(bad.Method), url);
        if (bad.Body is not null)
        {
            request.Content = new ByteArrayContent(bad.Body);
            if (bad.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", bad.ContentType);
            }
        }

        request.Headers.TransferEncodingChunked = bad.Chunked ? true : null;
        if (bad.Scenario is not null)
        {
            request.Headers.Add(Core.Server.MockEngine.ScenarioHeader, bad.Scenario);
        }

        return await Host.Client.SendAsync(request);
    }

    private static BadRequest Json(string port, string path, string body, string named) =>
        Bytes(port, path, Encoding.UTF8.GetBytes(body), "application/json", named);

    private static BadRequest Bytes(string port, string path, byte[] body, string? contentType, string named) =>
        new(port, "POST", path, body, contentType, 400, named, "field");

    private static BadRequest Route(string port, string method, string path, int status, string named) =>
        new(port, method, path, method == "POST" ? """{"userId":"u1"}"""u8.ToArray() : null, "application/json", status, named, "knownRoutes");

    /// <param name="reqUrl">As written inside a JSON string, escapes included.</param>
    private static BadRequest ReqUrl(string reqUrl, string named, int status = 400) =>
        Json("app", TransferRoute, $$"""{"reqUrl":"{{reqUrl}}","userId":"u1"}""", named) with { Status = status, DataKey = "knownRoutes", Prefix = status == 404 ? "接口不存在" : "参数错误" };

    /// <summary>A valid request, padded with an undocumented field to the given size.</summary>
    private static string Padded(int size) =>
        $$"""{"reqUrl":"{{ChatInfo}}","userId":"u1","pad":"{{new string('x', size)}}"}""";
}
