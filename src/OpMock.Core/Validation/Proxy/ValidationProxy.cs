using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using OpMock.Core.Console;
using OpMock.Core.Diagnostics;
using OpMock.Core.Net;
using OpMock.Core.Transfer;

namespace OpMock.Core.Validation.Proxy;

/// <summary>
/// The validation proxy: forwards every request unchanged to the target and returns the target's own
/// status, headers and body, whatever the validator thinks; responses of documented routes are checked
/// on the way back and carry <c>X-OpMock-Violations: N</c>. Hosted on Kestrel directly (not WireMock,
/// which buffers whole bodies) so both directions stream: an upload goes on to the target as it arrives,
/// and a response body is held only up to <see cref="BodyLimits.Checked"/> bytes for checking; a larger
/// one is forwarded unchecked with a note. Header bytes outside ASCII pass through as Latin-1, unchanged.
/// </summary>
internal sealed class ValidationProxy : IDisposable, IAsyncDisposable
{
    public const string ViolationsHeader = "X-OpMock-Violations";

    /// <summary>What of an upload is kept to find a transfer's reqUrl and to record it; the rest streams on.</summary>
    public const int KeptRequest = 1024 * 1024;

    // Connection-level headers belong to one hop, not to the message being forwarded.
    private static readonly FrozenSet<string> HopByHop = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Host", "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade");

    private readonly ContractValidator validator;
    private readonly ProxySettings settings;
    private readonly Func<ProxyExchange, Task> report;
    private readonly HarRecorder? recorder;
    private readonly HttpClient http;
    private readonly WebApplication app;
    private readonly ProxyConsole? console;
    private readonly int port;

    private ValidationProxy(ContractValidator validator, ProxySettings settings, Func<ProxyExchange, Task> report, TimeProvider time, ProxyConsole? console)
    {
        this.validator = validator;
        this.settings = settings;
        this.report = report;
        this.console = console;
        recorder = settings.RecordFolder is { } folder ? new HarRecorder(folder, time) : null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(settings.Listen, settings.Port);
            kestrel.AddServerHeader = false;

            // Uploads of any size stream through; the target decides what it accepts.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
            kestrel.ResponseHeaderEncodingSelector = _ => Encoding.Latin1;
        });
        app = builder.Build();
        app.Run(ForwardAsync);
        http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
            ResponseHeaderEncodingSelector = (_, _) => Encoding.Latin1,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch
        {
            http.Dispose();
            ((IDisposable)app).Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = address.Replace("[::]", "[::1]", StringComparison.Ordinal);
        port = new Uri(Url).Port;
    }

    /// <summary>Where clients send their requests instead of the target: http://ADDRESS:PORT, with the port picked.</summary>
    public string Url { get; }

    /// <param name="report">Called once per exchange (from several threads at once), for logging.</param>
    /// <param name="console">The web console at /__opmock/ of the proxy's port, fed each exchange; none when null.</param>
    /// <exception cref="OpMockException">The port is taken or cannot be bound.</exception>
    public static ValidationProxy Start(ContractValidator validator, ProxySettings settings, Func<ProxyExchange, Task> report, TimeProvider time, ProxyConsole? console = null)
    {
        if (settings.Port != 0)
        {
            Ports.EnsureFree(settings.Listen, settings.Port, "");
        }

        try
        {
            return new(validator, settings, report, time, console);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new OpMockException($"cannot listen on {settings.Endpoint}: {e.GetBaseException().Message}", e);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        // Console pages' live streams end first, or the stop would wait for them.
        console?.Feed.Complete();
        await app.StopAsync();
        await app.DisposeAsync();
        http.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        if (console is not null && await console.Endpoint.TryHandleAsync(context))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        var aborted = context.RequestAborted;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw && raw[0] == '/' ? raw : request.Path + request.QueryString;
        var target = new Uri(settings.Target.GetLeftPart(UriPartial.Authority) + settings.Target.AbsolutePath.TrimEnd('/') + rawTarget);
        var path = request.Path.Value ?? "/";
        var route = ContractValidator.NormalizeRoute(path);
        var checkable = validator.IsDocumented(route) && !HttpMethods.IsOptions(request.Method) && !HttpMethods.IsHead(request.Method);

        // Without the query: tokens and signs stay out of reports and logs.
        var source = $"{request.Method} {path}";
        var pathAndQuery = rawTarget;
        var requestHeaders = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList();

        // The start of the upload is read (a transfer's reqUrl is in it); the rest streams on to the target.
        var (head, wholeRequest) = await BodyLimits.ReadAsync(request.Body, KeptRequest, aborted);
        var reqUrl = ContractValidator.IsTransfer(route) && wholeRequest ? ReqUrl.Find(null, Encoding.UTF8.GetString(head)) : null;
        using var forward = Forward(request, target, requestHeaders, head, wholeRequest);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(settings.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !aborted.IsCancellationRequested)
        {
            await GatewayErrorAsync(context, e is OperationCanceledException, e.Message, new(request.Method, target.ToString(), requestHeaders, wholeRequest ? head : null, 0, [], null, null, 0),
                checkable ? (r => validator.NoResponse(route, reqUrl, source, r.Timeout ? "timeout" : "no connection", r.Why)) : null, pathAndQuery, started);
            return;
        }

        using (response)
        {
            await RelayAsync(context, response, new Relay(request.Method, target, requestHeaders, wholeRequest ? head : null, route, reqUrl, source, pathAndQuery, checkable, started));
        }
    }

    /// <summary>The target answered: its status and headers go back as they are, then its body, checked on the way when it can be.</summary>
    private async Task RelayAsync(HttpContext context, HttpResponseMessage response, Relay relay)
    {
        var aborted = context.RequestAborted;
        var status = (int)response.StatusCode;
        var headers = response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
            .Where(h => !HopByHop.Contains(h.Key))
            .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
        var encoding = response.Content.Headers.NonValidated.TryGetValues("Content-Encoding", out var codings) ? codings.LastOrDefault() : null;
        var charset = response.Content.Headers.ContentType?.CharSet;
        string? note = null;
        CheckedResponse? result = null;
        byte[]? kept = null;
        byte[]? recorded = null;
        var whole = false;
        await using var body = await response.Content.ReadAsStreamAsync(aborted);
        try
        {
            if (relay.Checkable || recorder is not null)
            {
                (kept, whole) = await BodyLimits.ReadAsync(body, BodyLimits.Checked, aborted);
            }

            if (kept is not null && !whole)
            {
                note = $"forwarded unchecked: {BodyLimits.TooLarge}";
            }
            else if (kept is not null)
            {
                (recorded, result, note) = Check(relay, status, kept, encoding, charset);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            note = $"the target's body broke off: {e.Message}";
            whole = false;
        }

        context.Response.StatusCode = status;
        foreach (var group in headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.Headers[group.Key] = new StringValues([.. group.Select(h => h.Value)]);
        }

        if (result is not null)
        {
            context.Response.Headers[ViolationsHeader] = result.Violations.Length.ToString(CultureInfo.InvariantCulture);
        }

        try
        {
            if (kept is { Length: > 0 })
            {
                await context.Response.Body.WriteAsync(kept, aborted);
            }

            if (!whole)
            {
                await body.CopyToAsync(context.Response.Body, aborted);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            // Headers are gone: the only honest signal left is a broken connection.
            note ??= aborted.IsCancellationRequested ? "the client closed the connection mid-body" : $"the target's body broke off: {e.Message}";
            context.Abort();
        }

        var recordError = await RecordAsync(new HarRecorder.Exchange(relay.Method, relay.Target.ToString(), relay.RequestHeaders, relay.RequestBody, status, headers,
            whole ? recorded : null, response.Content.Headers.ContentType?.ToString(), Stopwatch.GetElapsedTime(relay.Started).TotalMilliseconds)
        { Error = whole && recorded is not null ? null : note ?? BodyLimits.TooLarge });
        await ReportAsync(new ProxyExchange(relay.Method, relay.PathAndQuery, status, result)
        {
            RecordError = recordError, Note = note, Elapsed = Stopwatch.GetElapsedTime(relay.Started), RequestBody = relay.RequestBody, ResponseBody = recorded ?? kept,
        });
    }

    /// <summary>
    /// The body decompressed (for the check and the recording only: the client gets the bytes as sent) and
    /// checked. Whatever goes wrong here is a note in the log; it never replaces the target's answer.
    /// </summary>
    private (byte[]? Plain, CheckedResponse? Result, string? Note) Check(Relay relay, int status, byte[] body, string? encoding, string? charset)
    {
        try
        {
            var plain = HttpBody.Decompress(body, encoding, out var refused);
            if (plain is null)
            {
                return (null, null, $"forwarded unchecked: {refused}");
            }

            return (plain, relay.Checkable ? validator.Check(relay.Route, relay.ReqUrl, relay.Source, status, plain, HttpBody.Charset(charset)) : null, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, null, $"forwarded unchecked: the body could not be read for checking ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>No answer from the target: the client gets a 502 or 504 it can tell apart from the target's own, and the failure is recorded.</summary>
    private async Task GatewayErrorAsync(
        HttpContext context, bool timedOut, string error, HarRecorder.Exchange exchange, Func<(bool Timeout, string Why), CheckedResponse>? check, string pathAndQuery, long started)
    {
        var status = timedOut ? 504 : 502;
        var why = timedOut
            ? string.Create(CultureInfo.InvariantCulture, $"no response from {settings.Target} within {settings.Timeout.TotalSeconds:0.###}s")
            : $"request to {settings.Target} failed: {error}";
        var result = check?.Invoke((timedOut, why));
        var text = Encoding.UTF8.GetBytes($"opmock proxy: {why}\n");
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (result is not null)
        {
            context.Response.Headers[ViolationsHeader] = result.Violations.Length.ToString(CultureInfo.InvariantCulture);
        }

        try
        {
            await context.Response.Body.WriteAsync(text, context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            context.Abort();
        }

        var recordError = await RecordAsync(exchange with
        {
            Status = status,
            ResponseHeaders = [new("Content-Type", "text/plain; charset=utf-8")],
            ResponseBody = text,
            ContentType = "text/plain; charset=utf-8",
            Milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Error = $"{status}: {why}",
            Failed = true,
        });
        await ReportAsync(new ProxyExchange(exchange.Method, pathAndQuery, status, result)
        {
            RecordError = recordError, Note = $"{status}: {why}", Elapsed = Stopwatch.GetElapsedTime(started), RequestBody = exchange.RequestBody, ResponseBody = text,
        });
    }

    private async Task<string?> RecordAsync(HarRecorder.Exchange exchange)
    {
        if (recorder is null)
        {
            return null;
        }

        try
        {
            await recorder.SaveAsync(exchange, CancellationToken.None);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk must not break the traffic being proxied; the log says what was lost.
            return $"not recorded: {e.Message}";
        }
    }

    private async Task ReportAsync(ProxyExchange exchange)
    {
        console?.Record(exchange, port);
        try
        {
            await report(exchange);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The log is closed (shutting down): the client already has its answer.
        }
    }

    private static HttpRequestMessage Forward(HttpRequest request, Uri target, List<KeyValuePair<string, string>> headers, byte[] head, bool whole)
    {
        var forward = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (head.Length > 0 || !whole)
        {
            forward.Content = whole ? new ByteArrayContent(head) : new StreamContent(new PrefixedStream(head, request.Body), 64 * 1024);
        }

        foreach (var (name, value) in headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (forward.Content is not null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                {
                    forward.Content.Headers.ContentLength = length;
                }
            }
            else if (!forward.Headers.TryAddWithoutValidation(name, value))
            {
                forward.Content ??= new ByteArrayContent([]);
                forward.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return forward;
    }

    /// <summary>What one forwarded request carries from the request side to the relay of its response.</summary>
    private sealed record Relay(
        string Method, Uri Target, List<KeyValuePair<string, string>> RequestHeaders, byte[]? RequestBody,
        string Route, string? ReqUrl, string Source, string PathAndQuery, bool Checkable, long Started);
}
