using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Json;

namespace OpMock.Core.Validation.Proxy;

/// <summary>
/// Saves each exchange as a one-entry HAR file, so `opmock validate --har DIR` re-checks a proxy session
/// later. Recording is append-only: a name is the run's start time, the process id and a sequence
/// (20261122-083000-123-p4242-000001.har), so names sort in time order, a restarted proxy or a second
/// one on the same folder never reuses one, and a name that exists anyway is never replaced (the next
/// sequence number is taken). Each file is written beside its name and renamed, so a reader never sees
/// half of one.
/// </summary>
internal sealed class HarRecorder
{
    private readonly string folder;
    private readonly TimeProvider time;
    private readonly string run;
    private int sequence;

    public HarRecorder(string folder, TimeProvider time)
    {
        this.folder = folder;
        this.time = time;
        run = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd-HHmmss-fff}-p{Environment.ProcessId}");
    }

    /// <param name="RequestBody">Null when the upload was streamed to the target without being kept.</param>
    /// <param name="ResponseBody">The body as the client would read it (decompressed); null when it was not kept (too large).</param>
    /// <param name="Error">Why the target gave no answer (the client got a 502 or 504), or why the body was not kept.</param>
    public sealed record Exchange(
        string Method, string Url, IEnumerable<KeyValuePair<string, string>> RequestHeaders, byte[]? RequestBody,
        int Status, IEnumerable<KeyValuePair<string, string>> ResponseHeaders, byte[]? ResponseBody, string? ContentType, double Milliseconds)
    {
        public string? Error { get; init; }

        /// <summary>The target never answered: the status is the proxy's own 502 or 504.</summary>
        public bool Failed { get; init; }
    }

    /// <returns>The path of the file written.</returns>
    public async Task<string> SaveAsync(Exchange exchange, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var text = OpJson.ToFileText(Document(exchange));
        var temp = Path.Combine(folder, $".{Guid.NewGuid():N}.har.tmp");
        try
        {
            await File.WriteAllTextAsync(temp, text, cancellationToken);
            for (var attempt = 0; ; attempt++)
            {
                var number = Interlocked.Increment(ref sequence);
                var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{run}-{number:D6}.har"));
                try
                {
                    // Never over an existing file: the rename fails instead, and the next number is tried.
                    File.Move(temp, path, overwrite: false);
                    return path;
                }
                catch (IOException) when (File.Exists(path) && attempt < 1000)
                {
                }
            }
        }
        finally
        {
            File.Delete(temp);
        }
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
            ["bodySize"] = exchange.RequestBody?.Length ?? -1,
        };
        if (exchange.RequestBody is { Length: > 0 })
        {
            request["postData"] = new JsonObject
            {
                ["mimeType"] = exchange.RequestHeaders.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "",
                ["text"] = BodyText.Scrub(Encoding.UTF8.GetString(exchange.RequestBody)),
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
                    ["response"] = Response(exchange),
                    ["cache"] = new JsonObject(),
                    ["timings"] = new JsonObject { ["send"] = 0, ["wait"] = Math.Round(exchange.Milliseconds, 3), ["receive"] = 0 },
                }),
            },
        };
    }

    private static JsonObject Response(Exchange exchange)
    {
        // Base64, as browsers save binary bodies: the bytes come back exactly, whatever their charset.
        // A body not kept has no text and size -1, which `validate --har` reports as not saved.
        var content = new JsonObject { ["size"] = exchange.ResponseBody?.Length ?? -1, ["mimeType"] = exchange.ContentType ?? "" };
        if (exchange.ResponseBody is { } body)
        {
            content["text"] = Convert.ToBase64String(body);
            content["encoding"] = "base64";
        }

        var response = new JsonObject
        {
            ["status"] = exchange.Status,
            ["statusText"] = "",
            ["httpVersion"] = "HTTP/1.1",
            ["headers"] = Headers(exchange.ResponseHeaders),
            ["cookies"] = new JsonArray(),
            ["content"] = content,
            ["redirectURL"] = "",
            ["headersSize"] = -1,
            ["bodySize"] = exchange.ResponseBody?.Length ?? -1,
        };
        if (exchange.Error is { } error)
        {
            // HAR's custom fields start with an underscore; browsers write _error for failed requests too.
            response[exchange.Failed ? "_error" : "comment"] = error;
        }

        return response;
    }

    private static JsonArray Headers(IEnumerable<KeyValuePair<string, string>> headers) =>
        new([.. headers.Select(h => (JsonNode)new JsonObject { ["name"] = h.Key, ["value"] = h.Value })]);
}
