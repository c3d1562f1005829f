using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// The first stage of every request on both ports: a `Host` that names no host refused; the path read as the
/// answering server reads it (<see cref="CanonicalPath"/>) before any admin decision; CORS (the API's origins on
/// API paths, only listed origins on the admin API and the console) and preflights; the <see cref="AdminGuard"/>
/// for `/__admin` and `/__opmock` (the console; its avatars are public); then the body, read bounded in size and
/// time (<see cref="BodyReader"/>), and an admin body every reader downstream reads alike. It puts what passed in the
/// request's <see cref="RequestFeature"/>.
/// </summary>
internal sealed class Gate(AdminGuard admin, OwnEndpoints endpoints, Func<MockEngine> engine, BodyBudget bodies, TimeProvider time) : IStage
{
    /// <summary>Headers a page may send to the API (preflights answer them when the browser names none).</summary>
    public const string AllowedHeaders = "Content-Type, " + MockEngine.ScenarioHeader + ", " + SessionName.Header;

    /// <summary>What passed the gate: the canonical path, whether it is guarded, and the body's bytes.</summary>
    public sealed record Passed(string Path, bool Guarded, byte[] Body);

    /// <summary>Refuses the request (or answers its preflight), or passes it on with its canonical path and body in its feature.</summary>
    public async Task<bool> TryAnswerAsync(HttpContext context, Func<Task> wireMock)
    {
        if (await PassAsync(context) is not { } passed)
        {
            return true;
        }

        var feature = RequestFeature.Of(context);
        feature.Pass(passed.Path, passed.Guarded, passed.Body);
        if (passed.Guarded && AdminBodyProblem(passed.Body) is { } problem)
        {
            feature.Draft.AnsweredBy = "admin";
            await RefuseAsync(context, new Refusal(400, problem));
            return true;
        }

        return false;
    }

    /// <summary>Checks the request and reads its body; null when the gate answered it (a refusal or a preflight).</summary>
    private async Task<Passed?> PassAsync(HttpContext context)
    {
        var request = context.Request;
        if (!KnownHost(request) && HostProblem(request) is { } badHost)
        {
            await RefuseAsync(context, new Refusal(400, badHost));
            return null;
        }

        var raw = request.Path.Value ?? "";
        if (CanonicalPath.Of(raw, out var unreadable) is not { } path)
        {
            await RefuseAsync(context, new Refusal(400, $"the path cannot be read as one path: {unreadable}"));
            return null;
        }

        var guarded = endpoints.Guarded(path);
        AddCors(context, guarded);
        if (HttpMethods.IsOptions(request.Method))
        {
            await PreflightAsync(context, guarded);
            return null;
        }

        if (guarded)
        {
            // A page on another site that embeds an admin or console URL (an <img>, a no-cors fetch) gets nothing its
            // process may hold, refusal included: CORP leaves CORS-mode calls from listed origins alone.
            context.Response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";

            // Decided on the canonical path; a path that reads as the admin API or the console only once decoded
            // or folded (`/__admin%2Frequests`, `/__admin//mappings`, `\__admin\mappings`) is refused outright.
            var refusal = !string.Equals(raw, path, StringComparison.Ordinal)
                ? new Refusal(400, $"the path `{MockEngine.Sample(raw)}` reads as `{MockEngine.Sample(path)}` only once decoded or folded; send `{MockEngine.Sample(path)}` as it is")
                : admin.Check(context);
            if (refusal is not null)
            {
                await RefuseAsync(context, refusal);
                return null;
            }
        }

        var read = await BodyReader.ReadAsync(request, guarded ? RequestBody.AdminMaxBytes : RequestBody.MaxBytes, bodies, time, context.RequestAborted);
        if (read.Body is null)
        {
            if (read.TooLarge && !guarded)
            {
                context.Response.Headers.Connection = "close";
                var reply = engine().Envelope.TooLarge(read.Declared);
                RequestFeature.Of(context).Draft.ReplyBody = reply.Body;
                await ReplyWriter.WriteAsync(context, reply);
            }
            else
            {
                await RefuseAsync(context, read.Refusal!);
            }

            return null;
        }

        return new Passed(path, guarded, read.Body);
    }

    /// <summary>Writes a refusal in the house envelope (with its challenge header), kept in the request's draft for the log.</summary>
    public async Task RefuseAsync(HttpContext context, Refusal refusal)
    {
        if (context.Response.HasStarted)
        {
            // Too late for an answer: ending the connection is the only honest signal left.
            context.Abort();
            return;
        }

        if (refusal.Challenge is not null)
        {
            context.Response.Headers.WWWAuthenticate = refusal.Challenge;
        }

        if (refusal.Status is 400 or 408 or 413 or 503)
        {
            // The rest of a refused body is not read: the connection cannot carry another request.
            context.Response.Headers.Connection = "close";
        }

        if (refusal.RetryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var reply = engine().Envelope.Plain(refusal.Status, refusal.Message, new System.Text.Json.Nodes.JsonObject { ["path"] = MockEngine.Sample(context.Request.Path.Value) });
        if (context.Features.Get<RequestFeature>() is { } feature)
        {
            feature.Draft.ReplyBody = reply.Body;
        }

        await ReplyWriter.WriteAsync(context, reply);
    }

    /// <summary>Why the Host header cannot name a server (empty, `h:65536`, `a..b`), or null.</summary>
    // The Host a client sent last, once checked: a client sends the same one on every request, and parsing it as a URI
    // each time was 2 % of a request. Only ever a value HostProblem passed.
    private string? knownHost;

    private bool KnownHost(HttpRequest request)
    {
        var value = request.Host.Value;
        if (value is not null && value == Volatile.Read(ref knownHost))
        {
            return true;
        }

        if (value is not null && request.Host.HasValue && HostProblem(request) is null)
        {
            Volatile.Write(ref knownHost, value);
            return true;
        }

        return false;
    }

    internal static string? HostProblem(HttpRequest request)
    {
        var host = request.Host;
        if (!host.HasValue)
        {
            if (request.Headers.ContainsKey("Host"))
            {
                return "the Host header is empty; name the server (`Host: 127.0.0.1:8080`)";
            }

            // HTTP/1.0 may omit it (Kestrel refuses an HTTP/1.1 request without one): the server names itself.
            request.Host = new HostString("localhost", request.HttpContext.Connection.LocalPort);
            return null;
        }

        var name = host.Host;
        var valid = name.Length > 0 && Uri.CheckHostName(name.Trim('[', ']')) != UriHostNameType.Unknown
            && (host.Port is null || host.Port is >= 0 and <= 65535)
            && Uri.TryCreate($"http://{host.Value}/", UriKind.Absolute, out _);
        return valid ? null : $"the Host header `{MockEngine.Sample(host.Value)}` is not a host name or address with an optional port (0-65535)";
    }

    private void AddCors(HttpContext context, bool guarded)
    {
        string? allowed;
        if (guarded)
        {
            // The admin API and the console answer no page's scripts unless the user listed the page's origin.
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

    private async Task PreflightAsync(HttpContext context, bool guarded)
    {
        if (guarded && admin.AllowedOrigin(context.Request) is null)
        {
            await RefuseAsync(context, new Refusal(403, "the admin API does not answer cross-origin requests; list the page's origin with --admin-allow-origin to allow it"));
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        context.Response.Headers.AccessControlAllowMethods = guarded ? "GET, POST, PUT, DELETE, OPTIONS" : "GET, POST, OPTIONS";
        // The console's own header is never granted to another origin: it would hide that page's requests from the live log.
        var asked = string.Join(", ", context.Request.Headers.AccessControlRequestHeaders.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(h => !h.Equals(OwnPaths.ConsoleHeader, StringComparison.OrdinalIgnoreCase)));
        context.Response.Headers.AccessControlAllowHeaders = asked.Length > 0 ? asked : AllowedHeaders;
        context.Response.Headers.AccessControlMaxAge = "600";
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
}
