using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Core.Server;

namespace OpMock.Core.Console;

/// <summary>One row of the live log as the page reads it: an answered request of `opmock serve`.</summary>
internal static class ExchangeRow
{
    /// <summary>Headers whose values are secrets: shown as present, never as sent.</summary>
    private static readonly string[] Secret = ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"];

    public static byte[] Write(Exchange exchange) => Encoding.UTF8.GetBytes(OpJson.ToCompactText(Json(exchange)));

    public static JsonObject Json(Exchange exchange) => new()
    {
        ["kind"] = "serve",
        ["id"] = exchange.Id.ToString(),
        ["time"] = Time(exchange.Time),
        ["app"] = exchange.App,
        ["port"] = exchange.Port,
        ["method"] = exchange.Method,
        ["path"] = exchange.Path,
        ["query"] = exchange.Query,
        ["reqUrl"] = exchange.ReqUrl,
        ["status"] = exchange.Status,
        ["latencyMs"] = Milliseconds(exchange.Latency),
        ["session"] = exchange.Session,
        ["scenario"] = exchange.Scenario,
        ["ids"] = new JsonArray([.. exchange.Ids.Select(i => (JsonNode)new JsonObject { ["name"] = i.Key, ["value"] = i.Value })]),
        ["answeredBy"] = exchange.AnsweredBy,
        ["mapping"] = exchange.MappingGuid is { } guid ? new JsonObject { ["guid"] = guid.ToString(), ["title"] = exchange.MappingTitle } : null,
        ["request"] = Message(exchange.RequestHeaders, exchange.RequestBody, exchange.RequestBodySize),
        ["response"] = Message(exchange.ResponseHeaders, exchange.ResponseBody, exchange.ResponseBodySize),
    };

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static double Milliseconds(TimeSpan latency) => Math.Round(latency.TotalMilliseconds, 1);

    /// <summary>Headers and the kept part of a body, as text (bytes that are not UTF-8 read as U+FFFD), with the size it had.</summary>
    public static JsonObject Message(ImmutableArray<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, long size) => new()
    {
        ["headers"] = new JsonArray([.. (headers.IsDefault ? [] : headers).Select(h => (JsonNode)new JsonArray(h.Key, Secret.Contains(h.Key, StringComparer.OrdinalIgnoreCase) ? "…" : h.Value))]),
        ["body"] = Encoding.UTF8.GetString(body.Span),
        ["size"] = size,
        ["truncated"] = size > body.Length,
    };
}
