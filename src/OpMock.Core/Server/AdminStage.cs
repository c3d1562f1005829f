using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// The stage that hands the admin API (`/__admin`, what OpMock's own endpoints did not answer) to WireMock.Net:
/// a body its admin reader would fail on, or one the <see cref="AdminGuard"/> refuses, is refused first; WireMock's
/// own 500 on input becomes a 400; after a change, the port's stubs are read again before the answer goes out.
/// Any other guarded path (the console's area) that no endpoint answered is a 404.
/// </summary>
/// <param name="stubs">The port's user stubs, null until its WireMock server has started.</param>
internal sealed class AdminStage(Gate gate, AdminGuard admin, Func<UserStubs?> stubs, Func<bool, RequestLog> log) : IStage
{
    public async Task<bool> TryAnswerAsync(HttpContext context, Func<Task> wireMock)
    {
        var feature = RequestFeature.Of(context);
        if (!CanonicalPath.Guarded(feature.Path))
        {
            return false;
        }

        feature.Draft.AnsweredBy = "admin";
        if (!CanonicalPath.Under(feature.Path, OwnPaths.Admin))
        {
            // The console's own pages: none is served here yet.
            await gate.RefuseAsync(context, new Refusal(404, $"{MockEngine.Sample(feature.Path)} is not a page of the console"));
            return true;
        }

        var body = feature.Body;
        if (StubStage.WireMockReadable(context.Request) is { } unreadable)
        {
            await gate.RefuseAsync(context, new Refusal(400, unreadable));
            return true;
        }

        var logBound = Settings(context.Request, body);
        if (admin.CheckBody(context.Request, ref body) is { } refusal)
        {
            await gate.RefuseAsync(context, refusal);
            return true;
        }

        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = body.Length;
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await WireMockAdminAsync(context, wireMock);
            return true;
        }

        // The stubs are read again once WireMock has applied the change, before its answer is sent: whoever got
        // the admin answer sees the change in every later request.
        var changed = stubs();
        context.Response.OnStarting(() =>
        {
            changed?.Changed();
            if (logBound is { } bound && context.Response.StatusCode is >= 200 and < 300)
            {
                log(feature.App).Bound = bound;
            }

            return Task.CompletedTask;
        });
        try
        {
            await WireMockAdminAsync(context, wireMock);
        }
        finally
        {
            changed?.Changed();
        }

        return true;
    }

    /// <summary>
    /// WireMock answers the admin request; its own 500 (an exception on a body or query it could not read: an
    /// empty settings body, a mapping it cannot build) becomes a 400 naming what it said, never a 500 for input.
    /// </summary>
    private async Task WireMockAdminAsync(HttpContext context, Func<Task> wireMock)
    {
        var body = context.Response.Body;
        var capture = new ResponseCapture(body, _ => context.Response.StatusCode >= 500 && !context.Response.HasStarted);
        context.Response.Body = capture;
        try
        {
            await wireMock();
        }
        finally
        {
            context.Response.Body = body;
        }

        if (capture.Missed || (context.Response.StatusCode >= 500 && !context.Response.HasStarted))
        {
            var said = System.Text.Encoding.UTF8.GetString(capture.Kept);
            context.Response.Clear();
            await gate.RefuseAsync(context, new Refusal(400, $"WireMock.Net could not apply this admin request: {MockEngine.Sample(said.Length > 0 ? said : "no reason given")}"));
        }
    }

    /// <summary>The request-log bound a settings update asks for (validated by the admin guard), or null.</summary>
    private static int? Settings(HttpRequest request, byte[] body)
    {
        if (!CanonicalPath.Of(request.Path.Value ?? "", out _)!.TrimEnd('/').Equals(OwnPaths.Settings, StringComparison.OrdinalIgnoreCase)
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
