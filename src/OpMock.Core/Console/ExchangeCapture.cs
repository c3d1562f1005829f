using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OpMock.Core.Server;
using OpMock.Core.Transfer;
using OpMock.Core.World;

namespace OpMock.Core.Console;

/// <summary>
/// Turns each request through one port into an <see cref="Exchange"/> for a sink, whoever answered it (the gate,
/// the fast path, WireMock): the outermost middleware, it keeps the first <see cref="RequestBody.LoggedBytes"/> of
/// each body as it passes and reads session, scenario, reqUrl and ids from the request.
/// </summary>
/// <remarks>
/// A bridge until the pipeline's ExchangeHub records every request from inside the pipeline (which knows the
/// scenario a `match` or a session default chose, and who answered); then this class goes.
/// </remarks>
internal sealed class ExchangeCapture(IExchangeSink sink, bool app, TimeProvider time)
{
    public void Install(object builder) => ((IApplicationBuilder)builder).Use(InvokeAsync);

    private async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var started = time.GetTimestamp();
        var at = time.GetUtcNow();
        var request = new TeeStream(context.Request.Body);
        var response = new TeeStream(context.Response.Body);
        var lifetime = new AbortWatch(context.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>());
        context.Request.Body = request;
        context.Response.Body = response;
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        try
        {
            await next();
        }
        finally
        {
            Record(context, at, time.GetElapsedTime(started), request, response, lifetime.Aborted);
        }
    }

    private void Record(HttpContext context, DateTimeOffset at, TimeSpan latency, TeeStream request, TeeStream response, bool aborted)
    {
        try
        {
            sink.Record(Build(context, at, latency, request, response, aborted));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The answer has gone out: a fault in logging it must not break the connection it went out on.
        }
    }

    private Exchange Build(HttpContext context, DateTimeOffset at, TimeSpan latency, TeeStream request, TeeStream response, bool aborted)
    {
        var http = context.Request;
        var path = http.Path.Value ?? "/";
        var body = request.Kept;
        var reqUrl = string.Equals(path, Docs.Endpoint.TransferRoute, StringComparison.OrdinalIgnoreCase)
            ? ReqUrl.Find(null, System.Text.Encoding.UTF8.GetString(body.Span)) : null;
        var session = http.Headers[SessionName.Header].ToString();
        var scenario = http.Headers[MockEngine.ScenarioHeader].ToString();
        return new Exchange(
            Guid.NewGuid(),
            at,
            app,
            context.Connection.LocalPort,
            context.Connection.RemoteIpAddress?.ToString() ?? "",
            http.Method,
            path,
            http.QueryString.Value ?? "",
            reqUrl,
            Headers(http.Headers),
            body,
            Math.Max(request.Total, http.ContentLength ?? 0),
            // A connection ended on purpose (a fault) before any answer: no status was sent.
            aborted && response.Total == 0 ? 0 : context.Response.StatusCode,
            Headers(context.Response.Headers),
            response.Kept,
            response.Total,
            latency,
            SessionName.Read(session, out _) ?? MockEngine.Sample(session),
            scenario.Length == 0 ? null : MockEngine.Sample(scenario),
            Ids(http.Query, body.Span),
            path.StartsWith(AdminGuard.Prefix, StringComparison.OrdinalIgnoreCase) ? "admin" : "opmock",
            null,
            null);
    }

    private static ImmutableArray<KeyValuePair<string, string>> Headers(IHeaderDictionary headers) =>
        [.. headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? "")))];

    /// <summary>The entity ids a request names, in the body (a JSON object) or the query: <see cref="WorldMap.Ids"/>'s fields.</summary>
    internal static ImmutableArray<KeyValuePair<string, string>> Ids(IQueryCollection query, ReadOnlySpan<byte> body)
    {
        var inBody = TopLevelValues(body);
        var ids = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        foreach (var (name, _) in WorldMap.Ids)
        {
            var value = inBody.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value ?? query[name].FirstOrDefault();
            if (!string.IsNullOrEmpty(value))
            {
                ids.Add(KeyValuePair.Create(name, MockEngine.Sample(value)));
            }
        }

        return ids.DrainToImmutable();
    }

    /// <summary>
    /// A JSON object's top-level text and number values, read as they come: whatever the body is (not JSON, cut at
    /// the kept bytes, duplicate keys, bytes that are not UTF-8), reading it names what it can and never throws.
    /// </summary>
    private static List<KeyValuePair<string, string?>> TopLevelValues(ReadOnlySpan<byte> body)
    {
        var values = new List<KeyValuePair<string, string?>>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return values;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
                {
                    values.Add(KeyValuePair.Create(name, Text(ref reader)));
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON from here on (or a value that is not text): what was read so far stands.
        }

        return values;

        // A string of bytes that are not UTF-8 (the engine refuses it) names nothing; the rest is still read.
        static string? Text(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
            }

            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    /// <summary>Knows whether the request's connection was aborted on purpose (a fault), which the status cannot tell.</summary>
    private sealed class AbortWatch(IHttpRequestLifetimeFeature inner) : IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted
        {
            get => inner.RequestAborted;
            set => inner.RequestAborted = value;
        }

        public void Abort()
        {
            Aborted = true;
            inner.Abort();
        }
    }

    /// <summary>A body stream that keeps the first bytes passing through it, read or written, and counts them all.</summary>
    private sealed class TeeStream(Stream inner) : Stream
    {
        private byte[]? kept;
        private int keptLength;
        private long total;

        public ReadOnlyMemory<byte> Kept => kept.AsMemory(0, keptLength);

        public long Total => total;

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => Keep(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            return Keep(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private int Keep(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty)
            {
                return 0;
            }

            // Most GETs carry no body: the buffer is made for the first byte.
            kept ??= new byte[RequestBody.LoggedBytes];
            var room = Math.Min(bytes.Length, kept.Length - keptLength);
            bytes[..room].CopyTo(kept.AsSpan(keptLength));
            keptLength += room;
            total += bytes.Length;
            return bytes.Length;
        }
    }
}
