using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpMock.Core.Diagnostics;
using OpMock.Core.Net;
using OpMock.Core.Transfer;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace OpMock.Core.Validation.Proxy;

/// <summary>
/// The validation proxy: forwards every request unchanged to the target and returns its response
/// unchanged, except that responses of documented routes are checked on the way back and carry
/// <c>X-OpMock-Violations: N</c>. WireMock.Net hosts it; the forwarding is done here with HttpClient
/// because WireMock's own proxy cannot post-process the responses it relays.
/// </summary>
internal sealed class ValidationProxy : IDisposable
{
    public const string ViolationsHeader = "X-OpMock-Violations";

    // Connection-level headers belong to one hop, not to the request being forwarded.
    private static readonly FrozenSet<string> HopByHop = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "Host", "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Content-Length");

    private readonly ContractValidator validator;
    private readonly ProxySettings settings;
    private readonly Func<ProxyExchange, Task> report;
    private readonly HarRecorder? recorder;
    private readonly HttpClient http;
    private readonly WireMockServer server;

    private ValidationProxy(ContractValidator validator, ProxySettings settings, Func<ProxyExchange, Task> report, TimeProvider time)
    {
        this.validator = validator;
        this.settings = settings;
        this.report = report;
        recorder = settings.RecordFolder is { } folder ? new HarRecorder(folder, time) : null;
        server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://{settings.Endpoint}"],
            AllowBodyForAllHttpMethods = true,
            DisableJsonBodyParsing = true,
            DisableRequestBodyDecompressing = true,

            // A proxy runs for hours: WireMock's request log would keep every body in memory.
            MaxRequestLogCount = 0,
            DoNotSaveDynamicResponseInLogEntry = true,
        });
        server.Given(Request.Create().WithPath(new RegexMatcher(".*")).UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(ForwardAsync));

        // Created after the server started, so a port that is taken leaves nothing to dispose.
        http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Where clients send their requests instead of the target: http://ADDRESS:PORT, with the port picked.</summary>
    public string Url => server.Urls[0];

    /// <param name="report">Called once per exchange (from several threads at once), for logging.</param>
    /// <exception cref="OpMockException">The port is taken or cannot be bound.</exception>
    public static ValidationProxy Start(ContractValidator validator, ProxySettings settings, Func<ProxyExchange, Task> report, TimeProvider time)
    {
        if (settings.Port != 0)
        {
            Ports.EnsureFree(settings.Listen, settings.Port, "");
        }

        try
        {
            return new(validator, settings, report, time);
        }
        catch (WireMock.Exceptions.WireMockException e)
        {
            throw new OpMockException($"cannot listen on {settings.Endpoint}: {e.GetBaseException().Message}", e);
        }
    }

    public void Dispose()
    {
        server.Stop();
        server.Dispose();
        http.Dispose();
    }

    private async Task<IResponseMessage> ForwardAsync(IRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        var pathAndQuery = new Uri(request.Url).PathAndQuery;
        var target = new Uri(settings.Target.GetLeftPart(UriPartial.Authority) + settings.Target.AbsolutePath.TrimEnd('/') + pathAndQuery);
        var requestBody = request.BodyAsBytes ?? (request.Body is { } raw ? Encoding.UTF8.GetBytes(raw) : []);
        var requestHeaders = Flatten(request.Headers);
        var route = ContractValidator.NormalizeRoute(request.Path);
        var checkable = validator.IsDocumented(route) && request.Method.ToUpperInvariant() is not ("OPTIONS" or "HEAD");
        var reqUrl = ContractValidator.IsTransfer(route) ? ReqUrl.Find(null, Encoding.UTF8.GetString(requestBody)) : null;
        // Without the query: tokens and signs stay out of reports and logs.
        var source = $"{request.Method} {request.Path}";

        using var deadline = new CancellationTokenSource(settings.Timeout);
        try
        {
            using var forward = Forward(request.Method, target, requestHeaders, requestBody);
            using var response = await http.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            var headers = response.Headers.Concat(response.Content.Headers)
                .Where(h => !HopByHop.Contains(h.Key))
                .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
            var status = (int)response.StatusCode;
            var encoding = response.Content.Headers.ContentEncoding.LastOrDefault();
            CheckedResponse? result = null;
            if (checkable)
            {
                var text = HttpBody.Text(body, encoding, response.Content.Headers.ContentType?.CharSet);
                result = validator.Check(route, reqUrl, source, status, text);
            }

            var message = Message(status, headers, body, result);
            string? recordError = null;
            if (recorder is not null)
            {
                try
                {
                    await recorder.SaveAsync(new HarRecorder.Exchange(request.Method, target.ToString(), requestHeaders, requestBody, status,
                        headers, HttpBody.Decompress(body, encoding), response.Content.Headers.ContentType?.ToString(), Stopwatch.GetElapsedTime(started).TotalMilliseconds), CancellationToken.None);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A full disk must not break the traffic being proxied; the log says what was lost.
                    recordError = $"not recorded: {e.Message}";
                }
            }

            await report(new ProxyExchange(request.Method, pathAndQuery, status, result) { RecordError = recordError });
            return message;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // The client gets a gateway error it can tell apart from the target's own answers.
            var timedOut = e is OperationCanceledException;
            var status = timedOut ? 504 : 502;
            var why = timedOut
                ? string.Create(CultureInfo.InvariantCulture, $"no response from {settings.Target} within {settings.Timeout.TotalSeconds:0.###}s")
                : $"request to {settings.Target} failed: {e.Message}";
            var result = checkable ? validator.NoResponse(route, reqUrl, source, timedOut ? "timeout" : "no connection", why) : null;
            await report(new ProxyExchange(request.Method, pathAndQuery, status, result));
            return Message(status, [new("Content-Type", "text/plain; charset=utf-8")], Encoding.UTF8.GetBytes($"opmock proxy: {why}\n"), result);
        }
    }

    private static HttpRequestMessage Forward(string method, Uri target, List<KeyValuePair<string, string>> headers, byte[] body)
    {
        var forward = new HttpRequestMessage(new HttpMethod(method), target);
        if (body.Length > 0)
        {
            forward.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!forward.Headers.TryAddWithoutValidation(name, value))
            {
                forward.Content ??= new ByteArrayContent([]);
                forward.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return forward;
    }

    private static ResponseMessage Message(int status, List<KeyValuePair<string, string>> headers, byte[] body, CheckedResponse? result)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = body.Length == 0 ? null : new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes },
        };
        foreach (var group in headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            message.AddHeader(group.Key, [.. group.Select(h => h.Value)]);
        }

        if (result is not null)
        {
            message.AddHeader(ViolationsHeader, result.Violations.Length.ToString(CultureInfo.InvariantCulture));
        }

        return message;
    }

    private static List<KeyValuePair<string, string>> Flatten(IDictionary<string, WireMockList<string>>? headers) =>
        headers is null ? [] : [.. headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))];
}
