using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Json;

namespace OpMock.Core.Validation.Proxy;

/// <summary>
/// Saves each exchange as a one-entry HAR file (000001.har, 000002.har …), so `opmock validate --har DIR`
/// re-checks a proxy session later. Each file is written beside its name and renamed, so a reader
/// never sees half of one.
/// </summary>
internal sealed class HarRecorder(string folder, TimeProvider time)
{
    private int sequence;

    public sealed record Exchange(
        string Method, string Url, IEnumerable<KeyValuePair<string, string>> RequestHeaders, byte[] RequestBody,
        int Status, IEnumerable<KeyValuePair<string, string>> ResponseHeaders, byte[] ResponseBody, string? ContentType, double Milliseconds);

    public async Task SaveAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var number = Interlocked.Increment(ref sequence);
        var path = Path.Combine(folder, number.ToString("D6", CultureInfo.InvariantCulture) + ".har");
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, OpJson.ToFileText(Document(exchange)), cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    private JsonObject Document(Exchange exchange)
    {
        var request = new JsonObject
        {
            ["method"] = exchange.Method,
            ["url"] = exchange.Url,
            ["httpVersion"] = "HTTP/1.1",
            ["headers"] = Headers(exchange.RequestHeaders),
            ["queryString"] = new JsonArray(),
            ["cookies"] = new JsonArray(),
            ["headersSize"] = -1,
            ["bodySize"] = exchange.RequestBody.Length,
        };
        if (exchange.RequestBody.Length > 0)
        {
            request["postData"] = new JsonObject
            {
                ["mimeType"] = exchange.RequestHeaders.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "",
                ["text"] = Encoding.UTF8.GetString(exchange.RequestBody),
            };
        }

        return new JsonObject
        {
            ["log"] = new JsonObject
            {
                ["version"] = "1.2",
                ["creator"] = new JsonObject { ["name"] = "opmock proxy", ["version"] = "1" },
                ["entries"] = new JsonArray(new JsonObject
                {
                    ["startedDateTime"] = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                    ["time"] = Math.Round(exchange.Milliseconds, 3),
                    ["request"] = request,
                    ["response"] = new JsonObject
                    {
                        ["status"] = exchange.Status,
                        ["statusText"] = "",
                        ["httpVersion"] = "HTTP/1.1",
                        ["headers"] = Headers(exchange.ResponseHeaders),
                        ["cookies"] = new JsonArray(),
                        // Base64, as browsers save binary bodies: the bytes come back exactly, whatever their charset.
                        ["content"] = new JsonObject
                        {
                            ["size"] = exchange.ResponseBody.Length,
                            ["mimeType"] = exchange.ContentType ?? "",
                            ["text"] = Convert.ToBase64String(exchange.ResponseBody),
                            ["encoding"] = "base64",
                        },
                        ["redirectURL"] = "",
                        ["headersSize"] = -1,
                        ["bodySize"] = exchange.ResponseBody.Length,
                    },
                    ["cache"] = new JsonObject(),
                    ["timings"] = new JsonObject { ["send"] = 0, ["wait"] = Math.Round(exchange.Milliseconds, 3), ["receive"] = 0 },
                }),
            },
        };
    }

    private static JsonArray Headers(IEnumerable<KeyValuePair<string, string>> headers) =>
        new([.. headers.Select(h => (JsonNode)new JsonObject { ["name"] = h.Key, ["value"] = h.Value })]);
}
