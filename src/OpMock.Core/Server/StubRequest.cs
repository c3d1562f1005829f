using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.WebUtilities;
using Newtonsoft.Json.Linq;
using WireMock;
using WireMock.Models.Mime;
using WireMock.Types;
using WireMock.Util;

namespace OpMock.Core.Server;

/// <summary>
/// A request as WireMock.Net's matchers read it (its public <see cref="IRequestMessage"/>), built by OpMock: the
/// user's stubs are matched against it (<see cref="IMapping.GetRequestMatchResult"/>), and so are the request
/// log's entries for `POST /__admin/requests/find`. The body is read as WireMock's body parser reads it: text
/// when it is UTF-8, JSON (Newtonsoft's JToken, what its JSON matchers expect) when it parses as JSON.
/// </summary>
internal sealed class StubRequest : IRequestMessage
{
    private StubRequest(string method, Uri url, string path, ImmutableArray<KeyValuePair<string, string>> headers, string clientIp, byte[] body, string? contentType, DateTime time)
    {
        Method = method;
        Url = AbsoluteUrl = url.ToString();
        Path = AbsolutePath = path;
        PathSegments = AbsolutePathSegments = path.Split('/').Skip(1).ToArray();
        Protocol = url.Scheme;
        Host = url.Host;
        Port = url.Port;
        Origin = $"{Protocol}://{Host}:{Port}";
        RawQuery = url.Query;
        Query = QueryHelpers.ParseQuery(url.Query).ToDictionary(q => q.Key, q => new WireMockList<string>(q.Value.Select(v => v ?? "").ToArray()));
        QueryIgnoreCase = new Dictionary<string, WireMockList<string>>(Query, StringComparer.OrdinalIgnoreCase);
        Headers = headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => new WireMockList<string>(g.Select(h => h.Value).ToArray()), StringComparer.OrdinalIgnoreCase);
        Cookies = CookieHeader(headers);
        ClientIP = clientIp;
        DateTime = time;
        BodyData = body.Length == 0 ? null : Read(body, contentType);
        Body = BodyData?.BodyAsString;
        BodyAsJson = BodyData?.BodyAsJson;
        BodyAsBytes = BodyData?.BodyAsBytes;
        DetectedBodyType = BodyData?.DetectedBodyType?.ToString();
        DetectedBodyTypeFromContentType = BodyData?.DetectedBodyTypeFromContentType?.ToString();
    }

    public string ClientIP { get; }

    public string Url { get; }

    public string AbsoluteUrl { get; }

    public string? ProxyUrl { get; set; }

    public DateTime DateTime { get; }

    public string Path { get; }

    public string AbsolutePath { get; }

    public string[] PathSegments { get; }

    public string[] AbsolutePathSegments { get; }

    public string Method { get; }

    public string HttpVersion => "1.1";

    public IDictionary<string, WireMockList<string>>? Headers { get; }

    public IDictionary<string, string>? Cookies { get; }

    public IDictionary<string, WireMockList<string>>? Query { get; }

    public IDictionary<string, WireMockList<string>>? QueryIgnoreCase { get; }

    public string RawQuery { get; }

    public IBodyData? BodyData { get; }

    public string? Body { get; }

    public object? BodyAsJson { get; }

    public byte[]? BodyAsBytes { get; }

    public IMimeMessageData? BodyAsMimeMessage => null;

    public string? DetectedBodyType { get; }

    public string? DetectedBodyTypeFromContentType { get; }

    public string? DetectedCompression => null;

    public string Host { get; }

    public string Protocol { get; }

    public int Port { get; }

    public string Origin { get; }

    public X509Certificate2? ClientCertificate => null;

    /// <param name="host">The Host header's value (host and port), which names the server as the client called it.</param>
    /// <param name="path">The path as the server reads it; <paramref name="query"/> with its `?`, or empty.</param>
    public static StubRequest Create(string method, string host, string path, string query, ImmutableArray<KeyValuePair<string, string>> headers,
        string clientIp, byte[] body, DateTime time)
    {
        var contentType = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        // The path is kept as given (escapes included); the URL only carries host, port and query to the matchers.
        var url = new UriBuilder("http", "localhost") { Path = "/", Query = query.TrimStart('?') };
        if (HostAndPort(host) is var (name, port))
        {
            url.Host = name;
            url.Port = port ?? 80;
        }

        if (!Uri.TryCreate(url.Uri.GetLeftPart(UriPartial.Authority) + Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal) + url.Uri.Query, UriKind.Absolute, out var full))
        {
            full = new Uri("http://localhost/");
        }

        return new StubRequest(method, full, path, headers, clientIp, body, contentType, time);
    }

    public WireMockList<string>? GetParameter(string key, bool ignoreCase = false) =>
        (ignoreCase ? QueryIgnoreCase : Query)?.TryGetValue(key, out var value) == true ? value : null;

    private static (string Name, int? Port)? HostAndPort(string host)
    {
        var parsed = Microsoft.AspNetCore.Http.HostString.FromUriComponent(host);
        // The log keeps refused requests too: a Host that names no server reads as localhost here.
        return parsed.HasValue && Uri.CheckHostName(parsed.Host.Trim('[', ']')) != UriHostNameType.Unknown && parsed.Port is null or (>= 0 and <= 65535)
            ? (parsed.Host, parsed.Port) : null;
    }

    private static Dictionary<string, string>? CookieHeader(ImmutableArray<KeyValuePair<string, string>> headers)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in headers.Where(h => h.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var pair in header.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                cookies.TryAdd(at < 0 ? pair : pair[..at], at < 0 ? "" : pair[(at + 1)..]);
            }
        }

        return cookies;
    }

    /// <summary>The body as WireMock's parser reads it: bytes; text when UTF-8; JSON when it parses; a form when it is one.</summary>
    private static BodyData Read(byte[] body, string? contentType)
    {
        var fromType = RequestBody.IsJson(contentType) ? BodyType.Json
            : contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true ? BodyType.FormUrlEncoded
            : contentType?.StartsWith("text/", StringComparison.OrdinalIgnoreCase) == true ? BodyType.String
            : BodyType.Bytes;
        var data = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes, DetectedBodyTypeFromContentType = fromType };
        if (RequestBody.Decode(body, out _) is not { } text)
        {
            return data;
        }

        data.BodyAsString = text;
        data.Encoding = System.Text.Encoding.UTF8;
        data.DetectedBodyType = BodyType.String;
        if (fromType == BodyType.FormUrlEncoded)
        {
            data.BodyAsFormUrlEncoded = QueryHelpers.ParseQuery(text).ToDictionary(q => q.Key, q => new WireMockList<string>(q.Value.Select(v => v ?? "").ToArray()));
            data.DetectedBodyType = BodyType.FormUrlEncoded;
        }
        else if (text.TrimStart() is ['{' or '[', ..])
        {
            try
            {
                data.BodyAsJson = JToken.Parse(text, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Ignore });
                data.DetectedBodyType = BodyType.Json;
            }
            catch (Newtonsoft.Json.JsonException)
            {
                // Not JSON after all: WireMock reads it as text.
            }
        }

        return data;
    }
}
