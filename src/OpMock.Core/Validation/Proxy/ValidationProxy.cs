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
/// `--timeout` bounds the whole exchange with the target, from the first byte sent to the last byte of its
/// answer: a target that sends its headers and then dribbles gets the client a 504 (or, once headers are on
/// their way to the client, a connection cut at the deadline); an upload has a deadline of its own.
/// </summary>
internal sealed class ValidationProxy : IDisposable, IAsyncDisposable
{
    public const string ViolationsHeader = "X-OpMock-Violations";

    /// <summary>What of an upload is kept to find a transfer's reqUrl and to record it; the rest streams on.</summary>
    public const int KeptRequest = 1024 * 1024;

    /// <summary>An upload may arrive this slowly on average (after <see cref="UploadGrace"/>) before the client gets a 408.</summary>
    public const int MinUploadRate = 32 * 1024;

    /// <summary>Time every upload has before its rate counts: the client's connection and first bytes.</summary>
    public static readonly TimeSpan UploadGrace = TimeSpan.FromSeconds(10);

    /// <summary>No upload takes longer than this, declared or not (a chunked upload declares nothing).</summary>
    public static readonly TimeSpan UploadCap = TimeSpan.FromMinutes(10);

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
    private readonly int consolePort;
    private readonly TimeProvider time;

    private ValidationProxy(ContractValidator validator, ProxySettings settings, Func<ProxyExchange, Task> report, TimeProvider time, ProxyConsole? console)
    {
        this.validator = validator;
        this.settings = settings;
        this.report = report;
        this.console = console;
        this.time = time;
        recorder = settings.RecordFolder is { } folder ? new HarRecorder(folder, time) : null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        // What a burst of large bodies left behind is given back once the proxy is idle, as the mock server does.
        builder.Services.AddHostedService(_ => new Net.IdleTrim(time));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(settings.Listen, settings.Port);
            if (console is not null)
            {
                // The console on a port of its own: on the proxy's port a page the target serves would be same-origin
                // with it, and could read every exchange's bodies.
                kestrel.Listen(settings.Listen, settings.ConsolePort);
            }

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

        // Kestrel lists its addresses in the order they were asked for: the proxy's, then the console's.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.Replace("[::]", "[::1]", StringComparison.Ordinal)).ToList();
        Url = addresses[0];
        port = new Uri(Url).Port;
        ConsoleUrl = console is null ? null : addresses[1];
        consolePort = ConsoleUrl is null ? -1 : new Uri(ConsoleUrl).Port;
    }

    /// <summary>Where the console is (http://ADDRESS:PORT; its page under /__opmock/), on its own port; null without one.</summary>
    public string? ConsoleUrl { get; }

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
        if (console is not null && context.Connection.LocalPort == consolePort)
        {
            if (await console.Endpoint.TryHandleAsync(context))
            {
                return;
            }

            // The console's page sends its requests through its own port, so they are checked and logged too; what the
            // target answers there is sandboxed, so a page of the target opened on this port gets no origin of its own.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentSecurityPolicy = "sandbox";
                return Task.CompletedTask;
            });
        }

        var started = time.GetTimestamp();
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

        // The start of the upload is read (a transfer's reqUrl is in it); the rest streams on to the target, all
        // of it under the upload's deadline: a client that stalls mid-body costs what it sent, for a bounded time.
        using var uploadTimer = new CancellationTokenSource(UploadDeadline(request.ContentLength), time);
        using var uploading = CancellationTokenSource.CreateLinkedTokenSource(aborted, uploadTimer.Token);
        var upload = new DeadlineStream(request.Body, uploadTimer.Token);
        byte[] head;
        bool wholeRequest;
        try
        {
            (head, wholeRequest) = await BodyLimits.ReadAsync(upload, KeptRequest, uploading.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && Stalled(upload, uploadTimer) && !aborted.IsCancellationRequested)
        {
            await SlowUploadAsync(context, request, upload.Count, pathAndQuery);
            return;
        }

        var reqUrl = ContractValidator.IsTransfer(route) && wholeRequest ? ReqUrl.Find(null, Encoding.UTF8.GetString(head)) : null;
        using var forward = Forward(request, upload, target, requestHeaders, head, wholeRequest);
        var sent = time.GetTimestamp();
        using var exchangeTimer = new CancellationTokenSource(settings.Timeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted, exchangeTimer.Token);
        var failed = new HarRecorder.Exchange(request.Method, target.ToString(), requestHeaders, wholeRequest ? head : null, 0, [], null, null, 0);
        Func<(bool Timeout, string Why), CheckedResponse>? noResponse = checkable ? (r => validator.NoResponse(route, reqUrl, source, r.Timeout ? "timeout" : "no connection", r.Why)) : null;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && Stalled(upload, uploadTimer) && !aborted.IsCancellationRequested)
        {
            await SlowUploadAsync(context, request, upload.Count, pathAndQuery);
            return;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !aborted.IsCancellationRequested)
        {
            var timedOut = e is OperationCanceledException;
            var why = timedOut
                ? string.Create(CultureInfo.InvariantCulture, $"no response from {settings.Target} within {settings.Timeout.TotalSeconds:0.###}s")
                : $"request to {settings.Target} failed: {e.Message}";
            await GatewayErrorAsync(context, timedOut ? 504 : 502, why, failed, noResponse, pathAndQuery, started);
            return;
        }

        using (response)
        {
            var relay = new Relay(request.Method, target, requestHeaders, wholeRequest ? head : null, route, reqUrl, source, pathAndQuery, checkable, started);
            await RelayAsync(context, response, relay, new Deadline(sent, failed, noResponse));
        }
    }

    /// <summary>Whether the upload stalled: past its deadline unfinished, or too slow for Kestrel's own minimum rate (a 408 it raised).</summary>
    private static bool Stalled(DeadlineStream upload, CancellationTokenSource deadline) =>
        (deadline.IsCancellationRequested && !upload.Done) || upload.Error is BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout };

    /// <summary>How long an upload of this declared size may take: its size at the minimum rate, after a grace, capped.</summary>
    public static TimeSpan UploadDeadline(long? declared) =>
        declared is { } size ? TimeSpan.FromSeconds(Math.Min(UploadCap.TotalSeconds, UploadGrace.TotalSeconds + ((double)size / MinUploadRate))) : UploadCap;

    /// <summary>The client's upload stalled past its deadline: a 408 (the target is not to blame), logged.</summary>
    private async Task SlowUploadAsync(HttpContext context, HttpRequest request, long received, string pathAndQuery)
    {
        var declared = request.ContentLength is { } length ? string.Create(CultureInfo.InvariantCulture, $" of {length}") : "";
        var why = string.Create(CultureInfo.InvariantCulture,
            $"the client's upload did not arrive in time (within {UploadDeadline(request.ContentLength).TotalSeconds:0.###}s at most, at 240 bytes/s at least; {received}{declared} bytes came)");
        // Logged before the client hears of it, as every answer the proxy holds whole.
        await ReportAsync(new ProxyExchange(request.Method, pathAndQuery, 408, null) { Note = $"408: {why}" });
        if (!context.Response.HasStarted)
        {
            var text = Encoding.UTF8.GetBytes($"opmock proxy: {why}\n");
            context.Response.StatusCode = StatusCodes.Status408RequestTimeout;
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.ContentLength = text.Length;
            context.Response.Headers.Connection = "close";
            try
            {
                await context.Response.Body.WriteAsync(text, context.RequestAborted);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                context.Abort();
            }
        }
        else
        {
            context.Abort();
        }
    }

    /// <summary>The target answered: its status and headers go back as they are, then its body, checked on the way when it can be.</summary>
    private async Task RelayAsync(HttpContext context, HttpResponseMessage response, Relay relay, Deadline exchange)
    {
        var aborted = context.RequestAborted;

        // The body has what is left of the timeout, on a timer of its own started once the headers are in.
        using var timer = new CancellationTokenSource(Remaining(exchange.Sent), time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted, timer.Token);
        bool Expired() => timer.IsCancellationRequested;
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
        await using var stream = await response.Content.ReadAsStreamAsync(aborted);
        var body = new DeadlineStream(stream, deadline.Token);
        try
        {
            if (relay.Checkable || recorder is not null)
            {
                (kept, whole) = await BodyLimits.ReadAsync(body, BodyLimits.Checked, deadline.Token);
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
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException && Expired() && !aborted.IsCancellationRequested)
        {
            // Nothing has gone to the client yet: it gets a 504, whatever the target sent so far.
            await GatewayErrorAsync(context, 504, string.Create(CultureInfo.InvariantCulture,
                $"the response from {settings.Target} did not complete within {settings.Timeout.TotalSeconds:0.###}s: HTTP {status} and {body.Count}{Declared(response)} bytes of its body came"),
                exchange.Failed, exchange.NoResponse, relay.PathAndQuery, relay.Started);
            return;
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

        // A body the proxy holds whole is logged and recorded before the client gets it: a client (or a test) that
        // reads the log once it has its answer finds the exchange there. A streamed body is logged when it ends.
        if (whole)
        {
            await RecordAndReportAsync(relay, status, headers, recorded, response, note, result, kept);
        }

        try
        {
            if (kept is { Length: > 0 })
            {
                await context.Response.Body.WriteAsync(kept, deadline.Token);
            }

            if (!whole)
            {
                await body.CopyToAsync(context.Response.Body, deadline.Token);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            // Headers are gone: the only honest signal left is a broken connection.
            context.Abort();
            if (whole)
            {
                // Already logged: the client left (or read too slowly) while a checked body was being sent.
                return;
            }

            // The deadline is named first when it passed: cutting at it can reach the client's side (the request's
            // abort token) before this runs.
            note = Expired() ? string.Create(CultureInfo.InvariantCulture,
                    $"connection cut at the deadline: the response from {settings.Target} did not complete within {settings.Timeout.TotalSeconds:0.###}s ({body.Count}{Declared(response)} bytes of its body came){(note is null ? "" : "; " + note)}")
                : aborted.IsCancellationRequested ? note ?? "the client closed the connection mid-body"
                : note ?? $"the target's body broke off: {e.Message}";
        }

        if (!whole)
        {
            await RecordAndReportAsync(relay, status, headers, null, response, note, result, kept);
        }
    }

    private async Task RecordAndReportAsync(
        Relay relay, int status, List<KeyValuePair<string, string>> headers, byte[]? recorded, HttpResponseMessage response, string? note, CheckedResponse? result, byte[]? kept)
    {
        var recordError = await RecordAsync(new HarRecorder.Exchange(relay.Method, relay.Target.ToString(), relay.RequestHeaders, relay.RequestBody, status, headers,
            recorded, response.Content.Headers.ContentType?.ToString(), time.GetElapsedTime(relay.Started).TotalMilliseconds)
        { Error = recorded is not null ? null : note ?? BodyLimits.TooLarge });
        await ReportAsync(new ProxyExchange(relay.Method, relay.PathAndQuery, status, result)
        {
            RecordError = recordError, Note = note, Elapsed = time.GetElapsedTime(relay.Started), RequestBody = relay.RequestBody, ResponseBody = recorded ?? kept,
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
        HttpContext context, int status, string why, HarRecorder.Exchange exchange, Func<(bool Timeout, string Why), CheckedResponse>? check, string pathAndQuery, long started)
    {
        var result = check?.Invoke((status == 504, why));
        var text = Encoding.UTF8.GetBytes($"opmock proxy: {why}\n");
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength = text.Length;
        if (result is not null)
        {
            context.Response.Headers[ViolationsHeader] = result.Violations.Length.ToString(CultureInfo.InvariantCulture);
        }

        // Logged before it is sent, as a whole relayed body is: the client that has its answer finds it in the log.
        var recordError = await RecordAsync(exchange with
        {
            Status = status,
            ResponseHeaders = [new("Content-Type", "text/plain; charset=utf-8")],
            ResponseBody = text,
            ContentType = "text/plain; charset=utf-8",
            Milliseconds = time.GetElapsedTime(started).TotalMilliseconds,
            Error = $"{status}: {why}",
            Failed = true,
        });
        await ReportAsync(new ProxyExchange(exchange.Method, pathAndQuery, status, result)
        {
            RecordError = recordError, Note = $"{status}: {why}", Elapsed = time.GetElapsedTime(started), RequestBody = exchange.RequestBody, ResponseBody = text,
        });

        try
        {
            await context.Response.Body.WriteAsync(text, context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            context.Abort();
        }
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

    private static HttpRequestMessage Forward(HttpRequest request, Stream upload, Uri target, List<KeyValuePair<string, string>> headers, byte[] head, bool whole)
    {
        var forward = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (head.Length > 0 || !whole)
        {
            forward.Content = whole ? new ByteArrayContent(head) : new StreamContent(new PrefixedStream(head, upload), 64 * 1024);
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

    /// <summary>" of 100000" when the response declared its length.</summary>
    private static string Declared(HttpResponseMessage response) =>
        response.Content.Headers.ContentLength is { } length ? string.Create(CultureInfo.InvariantCulture, $" of {length}") : "";

    /// <summary>What is left of the timeout since the request went to the target (nothing, when it is spent).</summary>
    private TimeSpan Remaining(long sent) => settings.Timeout - time.GetElapsedTime(sent) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>The exchange as the relay of a response needs it: when the request went out, and what to record if the body times out.</summary>
    private sealed record Deadline(long Sent, HarRecorder.Exchange Failed, Func<(bool Timeout, string Why), CheckedResponse>? NoResponse);

    /// <summary>What one forwarded request carries from the request side to the relay of its response.</summary>
    private sealed record Relay(
        string Method, Uri Target, List<KeyValuePair<string, string>> RequestHeaders, byte[]? RequestBody,
        string Route, string? ReqUrl, string Source, string PathAndQuery, bool Checkable, long Started);
}
