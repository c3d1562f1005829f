using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock;

namespace OpMock.Core.Server;

/// <summary>
/// The one path every request on a port takes, as ASP.NET Core middleware in front of WireMock.Net (installed
/// through its `PreWireMockMiddlewareInit`): the <see cref="Gate"/>; OpMock's own endpoints
/// (<see cref="OwnEndpoints"/>); the admin API, handed to WireMock; a user's stub (<see cref="UserStubs"/>),
/// handed to WireMock, or on the app port one relayed to the direct port's stubs (<see cref="TransferStubs"/>);
/// else the <see cref="MockEngine"/>, whose reply <see cref="ReplyWriter"/> writes. Every request then becomes one
/// <see cref="Exchange"/> for the <see cref="ExchangeHub"/>. The one place an unexpected exception is answered.
/// </summary>
internal sealed class Pipeline(PipelineParts parts, bool app)
{
    /// <summary>What WireMock answers (404) when no mapping matches.</summary>
    private const string NoMatch = "No matching mapping found";

    /// <summary>The user's stubs on this port; null until its WireMock server has started.</summary>
    public UserStubs? Stubs { get; set; }

    public void Install(object builder) => ((IApplicationBuilder)builder).Use(InvokeAsync);

    private async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var draft = new ExchangeDraft(context, app, parts.Time);
        var hop = !app && parts.Transfers.IsHop(context.Request);
        var recorded = 0;
        void Record()
        {
            if (!hop && Interlocked.Exchange(ref recorded, 1) == 0)
            {
                parts.Hub.Record(draft.Build());
            }
        }

        // OpMock's own answers are recorded as they start (registered first, this runs after every other
        // start callback, CORS included): whoever got the answer finds it logged. A stub's answer, which WireMock
        // writes, is recorded once it is written.
        context.Response.OnStarting(() =>
        {
            if (draft.Captured is null)
            {
                Record();
            }

            return Task.CompletedTask;
        });
        try
        {
            await RunAsync(context, next, draft, Record);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or a fault ended the connection): there is nobody to answer.
            draft.Status ??= context.Response.HasStarted ? context.Response.StatusCode : 0;
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own verdicts on what it was reading: too slow (408), broken framing (400), too large (413).
            draft.AnsweredBy = "gate";
            await parts.Gate.RefuseAsync(context, new Refusal(e.StatusCode, e.StatusCode == StatusCodes.Status408RequestTimeout
                ? "the request body did not arrive in time (it stalled); send it at once"
                : $"the request could not be read: {MockEngine.Sample(e.Message)}"), draft);
        }
        catch (Exception e)
        {
            // A bug in OpMock or WireMock: the answer names the kind of failure, never its stack or source paths.
            draft.AnsweredBy = "opmock";
            await parts.Gate.RefuseAsync(context, new Refusal(500, $"OpMock failed to answer this request ({e.GetType().Name}); this is a bug in OpMock, please report it with the request"), draft);
        }
        finally
        {
            Record();
        }
    }

    private async Task RunAsync(HttpContext context, Func<Task> next, ExchangeDraft draft, Action record)
    {
        if (await parts.Gate.PassAsync(context, draft) is not { } passed)
        {
            return;
        }

        draft.RequestBody = passed.Body;
        context.Request.Body = new MemoryStream(passed.Body, writable: false);
        context.Request.ContentLength = passed.Body.Length;
        if (passed.Guarded && AdminBodyProblem(passed.Body) is { } problem)
        {
            draft.AnsweredBy = "admin";
            await parts.Gate.RefuseAsync(context, new Refusal(400, problem), draft);
            return;
        }

        if (await parts.Endpoints.TryHandleAsync(context, passed.Path, app))
        {
            draft.AnsweredBy = "admin";
            return;
        }

        if (CanonicalPath.Guarded(passed.Path))
        {
            draft.AnsweredBy = "admin";
            await AdminAsync(context, next, passed, draft);
            return;
        }

        // A query WireMock's parser fails on (a parameter without a name) is not handed to it: OpMock answers.
        if (Stubs is { Any: true } stubs && WireMockReadable(context.Request) is null && stubs.Match(Stub(context, passed.Body)) is not null
            && await StubAsync(context, next, draft, stubs))
        {
            return;
        }

        if (app && await parts.Transfers.TryRelayAsync(context, passed.Body, draft) is { } relayed)
        {
            draft.AnsweredBy = "stub";
            (draft.MappingGuid, draft.MappingTitle) = relayed;
            return;
        }

        await EngineAsync(context, draft, passed.Body, record);
    }

    private async Task EngineAsync(HttpContext context, ExchangeDraft draft, byte[] body, Action record)
    {
        draft.AnsweredBy = "opmock";
        var engine = parts.Engine();
        var request = MockRequest.From(context.Request, body);
        draft.Session = request.Session;
        var answer = await engine.HandleAsync(request, app, context.RequestAborted);
        draft.Scenario = answer.Scenario;
        draft.MappingTitle = engine.Route(request.Path, app) is { } route ? $"OpMock: {request.Method} {route}" : "OpMock: unknown path or method";
        draft.ReplyBody = answer.Fault == Fixtures.Fault.None ? answer.Body : [];
        draft.Status = answer.Fault is Fixtures.Fault.DropConnection or Fixtures.Fault.MalformedChunk ? 0 : answer.Status;
        // A dropped connection starts no answer, so nothing records it as it starts: it is recorded just before the drop,
        // or a client that sees the connection close could ask the log before the exchange is in it.
        await ReplyWriter.SendAsync(context, answer, parts.Time, context.RequestAborted, beforeDrop: record);
    }

    private async Task AdminAsync(HttpContext context, Func<Task> next, Gate.Passed passed, ExchangeDraft draft)
    {
        if (!CanonicalPath.Under(passed.Path, CanonicalPath.Admin))
        {
            // The console's own pages: none is served here yet.
            await parts.Gate.RefuseAsync(context, new Refusal(404, $"{MockEngine.Sample(passed.Path)} is not a page of the console"), draft);
            return;
        }

        var body = passed.Body;
        if (WireMockReadable(context.Request) is { } unreadable)
        {
            await parts.Gate.RefuseAsync(context, new Refusal(400, unreadable), draft);
            return;
        }

        var logBound = Settings(context.Request, body);
        if (parts.Admin.CheckBody(context.Request, ref body) is { } refusal)
        {
            await parts.Gate.RefuseAsync(context, refusal, draft);
            return;
        }

        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = body.Length;
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await WireMockAdminAsync(context, next, draft);
            return;
        }

        // The stubs are read again once WireMock has applied the change, before its answer is sent: whoever got
        // the admin answer sees the change in every later request.
        var stubs = Stubs;
        context.Response.OnStarting(() =>
        {
            stubs?.Changed();
            if (logBound is { } bound && context.Response.StatusCode is >= 200 and < 300)
            {
                parts.Log(app).Bound = bound;
            }

            return Task.CompletedTask;
        });
        try
        {
            await WireMockAdminAsync(context, next, draft);
        }
        finally
        {
            stubs?.Changed();
        }
    }

    /// <summary>
    /// WireMock answers the admin request; its own 500 (an exception on a body or query it could not read: an
    /// empty settings body, a mapping it cannot build) becomes a 400 naming what it said, never a 500 for input.
    /// </summary>
    private async Task WireMockAdminAsync(HttpContext context, Func<Task> next, ExchangeDraft draft)
    {
        var body = context.Response.Body;
        var capture = new ResponseCapture(body, _ => context.Response.StatusCode >= 500 && !context.Response.HasStarted);
        context.Response.Body = capture;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = body;
        }

        if (capture.Missed || (context.Response.StatusCode >= 500 && !context.Response.HasStarted))
        {
            var said = System.Text.Encoding.UTF8.GetString(capture.Kept);
            context.Response.Clear();
            await parts.Gate.RefuseAsync(context, new Refusal(400, $"WireMock.Net could not apply this admin request: {MockEngine.Sample(said.Length > 0 ? said : "no reason given")}"), draft);
        }
    }

    /// <summary>
    /// Why an admin body cannot be read the same way by every reader downstream, or null: valid JSON text no
    /// reader can hold (a lone surrogate escape, an integer past 64 bits), or a key given twice (WireMock reads keys
    /// in any case, so a bound checked on one could be lifted by the other).
    /// </summary>
    private static string? AdminBodyProblem(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        if (RequestBody.Decode(body, out _) is { } text && JsonHazards.Find(text, out var field) is { } hazard)
        {
            return $"the admin request body: {field}: {hazard}";
        }

        return JsonDuplicates.Find(body) is { } duplicate
            ? $"the admin request body gives `{MockEngine.Sample(duplicate)}` twice (keys are read in any case); give each once"
            : null;
    }

    /// <summary>Why WireMock's request reader would fail on the request (it throws on a query parameter without a name), or null.</summary>
    private static string? WireMockReadable(HttpRequest request) =>
        request.QueryString.Value is { Length: > 1 } query && query[1..].Split('&').Any(p => p.StartsWith('='))
            ? $"the query `{MockEngine.Sample(query)}` has a parameter without a name (`=value`); name it or leave it out"
            : null;

    /// <summary>
    /// Hands the request to WireMock, whose stub answers it, and records the stub WireMock chose (a transfer's hop
    /// tells the app port which, in <see cref="TransferStubs.ChosenHeader"/>); false when WireMock found no stub
    /// after all (nothing sent).
    /// </summary>
    private async Task<bool> StubAsync(HttpContext context, Func<Task> next, ExchangeDraft draft, UserStubs stubs)
    {
        draft.AnsweredBy = "stub";
        var chosen = parts.Choice.Watch();
        if (parts.Transfers.IsHop(context.Request))
        {
            context.Response.OnStarting(() =>
            {
                if (chosen.Guid is { } guid)
                {
                    context.Response.Headers[TransferStubs.ChosenHeader] = guid.ToString();
                }

                return Task.CompletedTask;
            });
        }

        var body = context.Response.Body;
        var capture = new ResponseCapture(body, first => context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted
            && first.Length < 100 && System.Text.Encoding.UTF8.GetString(first.Span).Contains(NoMatch, StringComparison.Ordinal));
        context.Response.Body = capture;
        draft.Captured = capture;
        try
        {
            await next();
        }
        finally
        {
            // A stub's answer may move its scenario to the next state, or record a new mapping (proxying).
            stubs.Changed();
            context.Response.Body = body;
            (draft.MappingGuid, draft.MappingTitle) = (chosen.Guid, chosen.Title);
        }

        if (!capture.Missed)
        {
            return true;
        }

        // Its probability rolled no, its time window is over by WireMock's clock, the stub went away between
        // OpMock's look and WireMock's, or an undecided stub did not match after all: OpMock answers.
        context.Response.Clear();
        context.Request.Body.Position = 0;
        draft.Captured = null;
        draft.MappingGuid = null;
        draft.MappingTitle = null;
        return false;
    }

    /// <summary>The request as WireMock's matchers read it.</summary>
    private StubRequest Stub(HttpContext context, byte[] body)
    {
        var headers = System.Collections.Immutable.ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        foreach (var (name, values) in context.Request.Headers)
        {
            headers.AddRange(values.Select(v => KeyValuePair.Create(name, v ?? "")));
        }

        var ip = context.Connection.RemoteIpAddress;
        return StubRequest.Create(context.Request.Method, context.Request.Host.Value ?? "localhost", context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? "", headers.ToImmutable(), ip is null ? "" : (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString(),
            body, parts.Time.GetUtcNow().UtcDateTime);
    }

    /// <summary>The request-log bound a settings update asks for (validated by the admin guard), or null.</summary>
    private static int? Settings(HttpRequest request, byte[] body)
    {
        if (!CanonicalPath.Of(request.Path.Value ?? "", out _)!.TrimEnd('/').Equals(CanonicalPath.Admin + "/settings", StringComparison.OrdinalIgnoreCase)
            || HttpMethods.IsGet(request.Method) || body.Length == 0)
        {
            return null;
        }

        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body) is System.Text.Json.Nodes.JsonObject settings
                && settings.FirstOrDefault(p => p.Key.Equals("MaxRequestLogCount", StringComparison.OrdinalIgnoreCase)).Value is System.Text.Json.Nodes.JsonValue value
                && value.TryGetValue<int>(out var count) ? count : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>What the pipelines of both ports share.</summary>
internal sealed record PipelineParts(
    Gate Gate,
    AdminGuard Admin,
    OwnEndpoints Endpoints,
    TransferStubs Transfers,
    ExchangeHub Hub,
    Func<bool, RequestLog> Log,
    Func<MockEngine> Engine,
    StubChoice Choice,
    TimeProvider Time);
