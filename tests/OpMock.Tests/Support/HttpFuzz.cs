using System.Text;

namespace OpMock.Tests.Support;

/// <summary>
/// Seeded hostile HTTP/1.1 requests, as raw bytes: odd methods, paths in every encoding, Host values that are not
/// hosts, broken chunk framing (sizes past 64 bits), JSON bodies with values Java cannot hold, duplicate keys,
/// bytes that are not UTF-8. The same seed gives the same corpus. Every request is complete as framed (no stalls:
/// stalling is tested on its own) and asks the server to close after answering.
/// </summary>
internal sealed class HttpFuzz(int seed)
{
    private static readonly string[] Methods = ["POST", "POST", "POST", "GET", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "FOO", "G\u00c9T"];

    private static readonly string[] Paths =
    [
        Routes.ChatInfo, Routes.Receives, Routes.TransferRoute, "/op/v2/nothing", "/", "/__admin", "/__admin/requests", "/__admin/mappings",
        "/__admin/settings", "/__admin/requests/find", "/__admin/mappings/save", "/__admin/scenarios", "/__opmock/", "/__opmock/avatars/u1.svg",
        "/__admin/opmock/sessions", "/__admin/requests/00000000-0000-0000-0000-000000000000",
    ];

    private static readonly string[] PathNoise = ["%2F", "%2f", "%252F", "%5C", "\\", "//", "/./", "/../", "%00", "%ZZ", "%", "%C0%AF", "%E4%BD%A0", ";x=1", "#frag", "?", "%0D%0A", "\u4f60", "*"];

    private static readonly string[] Hosts = ["{authority}", "{authority}", "{authority}", "", " ", "a..b", "h:65536", "h:-1", "[::1", "evil.example", "ex ample", "\u00e9vil.example", "127.0.0.1:0", "{long}", "localhost:{port}, evil.example"];

    private static readonly string[] ContentTypes = ["application/json", "application/json; charset=utf-8", "application/json; charset=gbk", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", ";;;", "application/vnd.op+json", "application/json; charset=\"utf-8\""];

    private static readonly string[] Scenarios = ["not-logged-in", "empty-lists", "offline", "empty-response", "malformed-chunk", "no-such", "", "\u4f60\u597d"];

    private static readonly string[] Values = ["\"u0001fuzz\"", "42", "-1", "9223372036854775808", "-9223372036854775809", "1e400", "0.1", "true", "null", "[]", "{}", "\"\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\u4f60\u597d\"", "\"" + new string('x', 5000) + "\"", "[[[[[[[[[[1]]]]]]]]]]", "\"/op/v2/../v2/receives\"", "\"http://evil.example/\""];

    private static readonly string[] Keys = ["userId", "staffId", "chatId", "reqUrl", "token", "pageNo", "pageSize", "MaxRequestLogCount", "maxRequestLogCount", "Request", "Response", "Path", "Methods", "ProxyUrl", "BodyAsFile", "\u4f60", ""];

    private readonly Random random = new(seed);

    /// <summary>The next request for a server at <paramref name="authority"/> (host:port).</summary>
    public byte[] Next(string authority)
    {
        var method = Pick(Methods);
        var path = Path();
        var host = Pick(Hosts).Replace("{authority}", authority, StringComparison.Ordinal).Replace("{port}", authority.Split(':')[^1], StringComparison.Ordinal)
            .Replace("{long}", new string('h', 300), StringComparison.Ordinal);
        var body = Body(path);
        var chunked = random.Next(5) == 0;
        // HTTP/1.0 has no chunked framing: such a body would be read until the connection closes (a stall).
        var head = new StringBuilder($"{method} {path} HTTP/1.{(!chunked && random.Next(20) == 0 ? 0 : 1)}\r\n");
        if (random.Next(25) != 0)
        {
            head.Append("Host: ").Append(host).Append("\r\n");
        }

        if (random.Next(3) == 0)
        {
            head.Append("Content-Type: ").Append(Pick(ContentTypes)).Append("\r\n");
        }
        else if (body.Length > 0)
        {
            head.Append("Content-Type: application/json\r\n");
        }

        foreach (var header in Headers())
        {
            head.Append(header).Append("\r\n");
        }

        var framed = chunked ? Chunks(body) : body;
        if (chunked)
        {
            head.Append("Transfer-Encoding: chunked\r\n");
            if (random.Next(10) == 0)
            {
                head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
            }
        }
        else if (body.Length > 0 || random.Next(2) == 0)
        {
            // Never more than is sent (that would stall); sometimes less, the rest left unread.
            head.Append("Content-Length: ").Append(random.Next(8) == 0 ? random.Next(body.Length + 1) : body.Length).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        return [.. Encoding.UTF8.GetBytes(head.ToString()), .. framed];
    }

    private string Path()
    {
        var path = Pick(Paths);
        for (var i = random.Next(3); i > 0; i--)
        {
            var at = random.Next(path.Length + 1);
            path = path[..at] + Pick(PathNoise) + path[at..];
        }

        if (random.Next(4) == 0)
        {
            path += "?" + Pick(Keys) + "=" + Uri.EscapeDataString(Pick(Values).Trim('"')) + (random.Next(3) == 0 ? "&token=%ZZ&&=&" : "");
        }

        return path.Replace(" ", "%20", StringComparison.Ordinal);
    }

    private IEnumerable<string> Headers()
    {
        if (random.Next(4) == 0)
        {
            yield return $"X-OpMock-Scenario: {Pick(Scenarios)}";
        }

        if (random.Next(6) == 0)
        {
            yield return $"X-OpMock-Session: {(random.Next(2) == 0 ? "qa-1" : "bad session \u00e9")}";
        }

        if (random.Next(6) == 0)
        {
            yield return $"Origin: {(random.Next(2) == 0 ? "http://evil.example" : "null")}";
        }

        if (random.Next(10) == 0)
        {
            yield return "Content-Encoding: gzip";
        }

        if (random.Next(10) == 0)
        {
            yield return "Expect: 100-continue";
        }

        if (random.Next(12) == 0)
        {
            yield return "Authorization: Basic " + (random.Next(2) == 0 ? "!!!" : Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:guess")));
        }

        if (random.Next(15) == 0)
        {
            yield return $"X-{new string('a', random.Next(1, 50))}: {new string('b', random.Next(0, 4000))}";
        }
    }

    private byte[] Body(string path)
    {
        switch (random.Next(12))
        {
            case 0:
                return [];
            case 1:
                var bytes = new byte[random.Next(1, 300)];
                random.NextBytes(bytes);
                return bytes;
            case 2:
                return Encoding.UTF8.GetBytes(new string('{', random.Next(1, 3000)));
        }

        var fields = new List<string>();
        if (path.Contains("transfer", StringComparison.Ordinal) && random.Next(4) != 0)
        {
            fields.Add($"\"reqUrl\":\"{(random.Next(3) == 0 ? "/op/v2/nothing" : Routes.ChatInfo)}\"");
        }

        for (var i = random.Next(0, 5); i > 0; i--)
        {
            fields.Add($"\"{Pick(Keys)}\":{Pick(Values)}");
        }

        var text = "{" + string.Join(",", fields) + "}";
        if (random.Next(8) == 0 && text.Length > 2)
        {
            // Cut anywhere: truncated JSON.
            text = text[..random.Next(1, text.Length)];
        }

        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The body in chunks, the framing sometimes broken: a size past 64 bits, a wrong size, not hex; sometimes a trailer.</summary>
    private byte[] Chunks(byte[] body)
    {
        var framed = new List<byte>();
        var size = random.Next(10) switch
        {
            0 => "ffffffffffffffffff",
            1 => "-1",
            2 => "zz",
            3 => Math.Max(0, body.Length - 3).ToString("x", System.Globalization.CultureInfo.InvariantCulture),
            4 => body.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ";ext=\"x\"",
            _ => body.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (body.Length > 0)
        {
            framed.AddRange(Encoding.ASCII.GetBytes(size + "\r\n"));
            framed.AddRange(body);
            framed.AddRange("\r\n"u8.ToArray());
        }

        framed.AddRange(random.Next(10) == 0 ? "0\r\nX-Trailer: 1\r\n\r\n"u8.ToArray() : "0\r\n\r\n"u8.ToArray());
        return [.. framed];
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}
