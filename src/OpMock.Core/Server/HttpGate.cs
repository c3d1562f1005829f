using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Fixtures;

namespace OpMock.Core.Server;

/// <summary>
/// ASP.NET Core middleware in front of WireMock: every request, whatever it carries, gets the house JSON
/// envelope or WireMock's answer, never an exception dump. In order: a `Host` that is not a host refused;
/// CORS (the API's origins on API paths, only listed ones on the admin API); the <see cref="AdminGuard"/>;
/// the body read here, bounded, so a stalled (408), badly framed (400) or oversized body is answered by OpMock;
/// faults WireMock cannot send (a dropped connection, broken chunk framing); the transfer relayed through the
/// direct port when stubs there change its answer; then the <see cref="FastPath"/>, and WireMock for the rest.
/// </summary>
internal sealed class HttpGate(Func<MockEngine> engine, AdminGuard admin, FastPath fastPath, TransferRelay? relay, Console.ConsoleEndpoint? console = null)
{
    private readonly AvatarEndpoint avatars = new(engine); // round5: wired here until the pipeline's endpoint registry lands

    public void Install(object app) => ((IApplicationBuilder)app).Use(InvokeAsync);

    private async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        try
        {
            await RouteAsync(context, next);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own verdicts on the body: too slow (408), broken chunk framing or length (400), too large (413).
            await RefuseAsync(context, new Refusal(e.StatusCode, e.StatusCode == StatusCodes.Status408RequestTimeout
                ? "the request body did not arrive in time (it stalled); send it at once"
                : $"the request could not be read: {e.Message}"));
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is nobody to answer.
        }
        catch (Exception e)
        {
            // A bug in OpMock or WireMock: the answer names the kind of failure, never its stack or source paths.
            await RefuseAsync(context, new Refusal(500, $"OpMock failed to answer this request ({e.GetType().Name}); this is a bug in OpMock, please report it with the request"));
        }
    }

    private async Task RouteAsync(HttpContext context, Func<Task> next)
    {
        if (HostProblem(context.Request) is { } badHost)
        {
            await RefuseAsync(context, new Refusal(400, badHost));
            return;
        }

        if (await avatars.TryHandleAsync(context)) // round5: wired here until the pipeline's endpoint registry lands
        {
            return;
        }

        if (console is not null && await console.TryHandleAsync(context)) // round5: wired here until the pipeline's endpoint registry lands
        {
            return;
        }

        var isAdmin = AdminGuard.IsAdmin(context.Request.Path);
        AddCors(context, isAdmin);
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            await PreflightAsync(context, isAdmin);
            return;
        }

        if (isAdmin)
        {
            await AdminAsync(context, next);
            return;
        }

        if (await BodyLimit.ReadAsync(context.Request, RequestBody.MaxBytes, context.RequestAborted) is not { } body)
        {
            await WriteAsync(context, engine().TooLarge(context.Request.ContentLength));
            return;
        }

        switch (ScenarioFault(context))
        {
            case Fault.DropConnection:
                // WireMock.Net has no "drop connection" fault; aborting the socket here is one.
                context.Abort();
                return;
            case Fault.MalformedChunk:
                await BrokenChunksAsync(context);
                return;
        }

        if (relay is not null && await relay.TryRelayAsync(context, body))
        {
            return;
        }

        if (!await fastPath.TryAnswerAsync(context, body))
        {
            context.Request.Body = new MemoryStream(body, writable: false);
            context.Request.ContentLength = body.Length;
            await next();
        }
    }

    private async Task AdminAsync(HttpContext context, Func<Task> next)
    {
        if (admin.Check(context) is { } refusal)
        {
            await RefuseAsync(context, refusal);
            return;
        }

        if (await BodyLimit.ReadAsync(context.Request, RequestBody.AdminMaxBytes, context.RequestAborted) is not { } body)
        {
            await RefuseAsync(context, new Refusal(413, $"the admin request body is larger than {RequestBody.AdminMaxBytes >> 20} MiB"));
            return;
        }

        if (admin.CheckBody(context.Request, ref body) is { } bodyRefusal)
        {
            await RefuseAsync(context, bodyRefusal);
            return;
        }

        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = body.Length;
        if (await new SessionsAdmin(engine).TryHandleAsync(context)) // round5: wired here until the pipeline's endpoint registry lands
        {
            return;
        }

        // The fast path stands aside before WireMock applies a change, and decides again before the answer is
        // sent: whoever got the admin answer sees the change in every later request.
        var changes = fastPath.AdminRequestStarting(context.Request);
        try
        {
            context.Response.OnStarting(() =>
            {
                fastPath.AdminRequestDone(changes);
                changes = false;
                return Task.CompletedTask;
            });
            await next();
        }
        finally
        {
            fastPath.AdminRequestDone(changes);
        }
    }

    /// <summary>Why the Host header cannot name a server (`h:65536`, `a..b`), or null.</summary>
    internal static string? HostProblem(HttpRequest request)
    {
        var host = request.Host;
        if (!host.HasValue)
        {
            // HTTP/1.0 requests may omit it; Kestrel refuses an HTTP/1.1 request without one itself.
            return null;
        }

        var name = host.Host;
        var valid = name.Length > 0 && Uri.CheckHostName(name.Trim('[', ']')) != UriHostNameType.Unknown
            && (host.Port is null || host.Port is >= 0 and <= 65535)
            && Uri.TryCreate($"http://{host.Value}/", UriKind.Absolute, out _);
        return valid ? null : $"the Host header `{MockEngine.Sample(host.Value)}` is not a host name or address with an optional port (0-65535)";
    }

    private void AddCors(HttpContext context, bool isAdmin)
    {
        string? allowed;
        if (isAdmin)
        {
            // The admin API answers no page's scripts unless the user listed the page's origin.
            allowed = admin.AllowedOrigin(context.Request);
        }
        else
        {
            var origins = engine().State.Fixtures.CorsOrigins;
            var origin = context.Request.Headers.Origin.ToString();
            allowed = origins.Contains("*") ? "*" : origins.Contains(origin) ? origin : origins.FirstOrDefault() ?? "*";
        }

        if (allowed is null)
        {
            return;
        }

        context.Response.OnStarting(() =>
        {
            context.Response.Headers.AccessControlAllowOrigin = allowed;
            if (allowed != "*")
            {
                context.Response.Headers.Vary = "Origin";
            }

            return Task.CompletedTask;
        });
    }

    private async Task PreflightAsync(HttpContext context, bool isAdmin)
    {
        if (isAdmin && admin.AllowedOrigin(context.Request) is null)
        {
            await RefuseAsync(context, new Refusal(403, "the admin API does not answer cross-origin requests; list the page's origin with --admin-origin to allow it"));
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        context.Response.Headers.AccessControlAllowMethods = isAdmin ? "GET, POST, PUT, DELETE, OPTIONS" : "GET, POST, OPTIONS";
        var asked = context.Request.Headers.AccessControlRequestHeaders.ToString();
        context.Response.Headers.AccessControlAllowHeaders = asked.Length > 0 ? asked : $"Content-Type, {MockEngine.ScenarioHeader}, {SessionName.Header}";
        context.Response.Headers.AccessControlMaxAge = "600";
    }

    private Fault ScenarioFault(HttpContext context) =>
        context.Request.Headers.TryGetValue(MockEngine.ScenarioHeader, out var name)
        && engine().State.Fixtures.Scenarios.TryGetValue(name.ToString(), out var scenario)
            ? scenario.Fault : Fault.None;

    /// <summary>
    /// The `malformed-chunk` fault: a 200 whose chunked body is cut inside a chunk, with no terminating chunk,
    /// and the connection reset. HTTP clients raise a transport error, as they do on a real broken stream;
    /// WireMock's own fault sends well-formed chunks of random bytes, which clients accept as a body.
    /// </summary>
    internal static async Task BrokenChunksAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = MockReply.ContentType;
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.WriteAsync("{\"code\":200,\"message\":\"成功\",\"data\":{"u8.ToArray(), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        context.Abort();
    }

    private Task RefuseAsync(HttpContext context, Refusal refusal)
    {
        if (context.Response.HasStarted)
        {
            // Too late for an answer: ending the connection is the only honest signal left.
            context.Abort();
            return Task.CompletedTask;
        }

        if (refusal.Challenge is not null)
        {
            context.Response.Headers.WWWAuthenticate = refusal.Challenge;
        }

        return WriteAsync(context, engine().Plain(refusal.Status, refusal.Message, new JsonObject { ["path"] = MockEngine.Sample(context.Request.Path.Value) }));
    }

    /// <summary>Sends a reply without WireMock: the gate's own refusals and the fast path's answers.</summary>
    public static async Task WriteAsync(HttpContext context, MockReply reply)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = MockReply.ContentType;
        context.Response.ContentLength = reply.Body.Length;
        await context.Response.Body.WriteAsync(reply.Body);
    }
}
