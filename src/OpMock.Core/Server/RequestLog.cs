using System.Globalization;
using System.Text;
using WireMock.Admin.Requests;
using WireMock.Types;

namespace OpMock.Core.Server;

/// <summary>
/// OpMock's request log of one port (`/__admin/requests`): every request however it was answered (the engine,
/// a user's stub, a refusal, a fault), the newest <see cref="Bound"/> of them, each body cut to
/// <see cref="RequestBody.LoggedBytes"/> and marked when cut. Admin and console requests are not listed, as in
/// WireMock's own log (which OpMock keeps off). Entries are shown in WireMock's shape (<see cref="LogEntryModel"/>).
/// </summary>
internal sealed class RequestLog(bool app, int bound) : IExchangeSink
{
    /// <summary>Added to a logged request whose body was cut: the size the body had.</summary>
    public const string Header = "X-OpMock-Body-Truncated";

    public const string Marker = "…[truncated by OpMock: the request log keeps the first 4096 bytes of ";

    private readonly Lock gate = new();
    private readonly LinkedList<Exchange> entries = new();
    private int bound = bound;

    /// <summary>How many requests the log keeps: the start's bound, or less when `/__admin/settings` asked for less.</summary>
    public int Bound
    {
        get => Volatile.Read(ref bound);
        set
        {
            lock (gate)
            {
                bound = value;
                Trim();
            }
        }
    }

    public void Record(Exchange exchange)
    {
        if (exchange.App != app || CanonicalPath.Guarded(exchange.Path))
        {
            return;
        }

        lock (gate)
        {
            entries.AddLast(exchange);
            Trim();
        }
    }

    /// <summary>The entries, oldest first.</summary>
    public IReadOnlyList<Exchange> Entries()
    {
        lock (gate)
        {
            return [.. entries];
        }
    }

    public bool Remove(Guid id)
    {
        lock (gate)
        {
            for (var node = entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == id)
                {
                    entries.Remove(node);
                    return true;
                }
            }

            return false;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }

    /// <summary>One entry as WireMock's admin API shows it.</summary>
    public static LogEntryModel Model(Exchange exchange)
    {
        var host = exchange.RequestHeaders.FirstOrDefault(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value ?? "localhost";
        var url = $"http://{host}{exchange.Path}{exchange.Query}";
        var headers = Headers(exchange.RequestHeaders);
        if (exchange.RequestBodySize > RequestBody.LoggedBytes)
        {
            headers[Header] = new WireMockList<string>(exchange.RequestBodySize.ToString(CultureInfo.InvariantCulture));
        }

        var (body, bytes, type) = Body(exchange.RequestBody, exchange.RequestBodySize);
        var (answer, answerBytes, answerType) = Body(exchange.ResponseBody, exchange.ResponseBodySize);
        return new LogEntryModel
        {
            Guid = exchange.Id,
            MappingGuid = exchange.MappingGuid,
            MappingTitle = exchange.MappingTitle,
            Request = new LogRequestModel
            {
                ClientIP = exchange.ClientIp,
                DateTime = exchange.Time.UtcDateTime,
                Path = exchange.Path,
                AbsolutePath = exchange.Path,
                Url = url,
                AbsoluteUrl = url,
                Query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(exchange.Query)
                    .ToDictionary(q => q.Key, q => new WireMockList<string>(q.Value.Select(v => v ?? "").ToArray())),
                Method = exchange.Method,
                HttpVersion = "1.1",
                Headers = headers,
                Body = body,
                BodyAsBytes = bytes,
                DetectedBodyType = type,
            },
            Response = new LogResponseModel
            {
                StatusCode = exchange.Status,
                Headers = Headers(exchange.ResponseHeaders),
                Body = answer,
                BodyAsBytes = answerBytes,
                DetectedBodyType = answerType,
                FaultType = exchange.Status == 0 ? "CONNECTION_DROPPED_OR_BROKEN" : null,
                DateTime = (exchange.Time + exchange.Latency).UtcDateTime,
            },
        };
    }

    private void Trim()
    {
        while (entries.Count > bound)
        {
            entries.RemoveFirst();
        }
    }

    private static Dictionary<string, WireMockList<string>> Headers(IEnumerable<KeyValuePair<string, string>> headers) =>
        headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => new WireMockList<string>(g.Select(h => h.Value).ToArray()), StringComparer.OrdinalIgnoreCase);

    /// <summary>Text when the kept bytes are UTF-8 (marked when cut), else the bytes; null when there was no body.</summary>
    private static (string? Text, byte[]? Bytes, string? Type) Body(ReadOnlyMemory<byte> kept, long size)
    {
        if (size == 0)
        {
            return (null, null, null);
        }

        var cut = size > kept.Length;
        var span = kept.Span;
        if (cut)
        {
            // A cut may fall inside a character: the bytes before it are the text.
            while (span.Length > 0 && (span[^1] & 0xC0) == 0x80)
            {
                span = span[..^1];
            }

            if (span.Length > 0 && span[^1] >= 0xC0)
            {
                span = span[..^1];
            }
        }

        if (RequestBody.Decode(span, out _) is not { } text)
        {
            return (null, kept.ToArray(), "Bytes");
        }

        return (cut ? text + Marker + size.ToString(CultureInfo.InvariantCulture) + " bytes]" : text, null, "String");
    }
}
