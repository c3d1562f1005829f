using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Server;
using OpMock.Core.Validation;

namespace OpMock.Core.Console;

/// <summary>
/// The web console at `/__opmock/`: its page (embedded files) and its JSON API under `/__opmock/api/`, behind
/// the admin API's guard (loopback, a Host naming this server, no foreign Origin; basic auth when set). No CORS:
/// a page on another origin can neither preflight nor read it. Every answer carries a strict Content-Security-Policy
/// (no inline script, connections only to this server's own ports), `nosniff`, and refuses framing.
/// `/__opmock/avatars/` is not the console's: avatars are public images any frontend page loads.
/// </summary>
internal sealed class ConsoleEndpoint(IConsoleHost host, LiveFeed feed, Func<HttpContext, Refusal?> guard, BodyBudget bodies, TimeProvider time)
{
    public const string Prefix = Server.OwnPaths.Console;

    /// <summary>A header the console's page sends on its own admin calls, so the live log does not fill with them.</summary>
    public const string OwnHeader = Server.OwnPaths.ConsoleHeader;

    /// <summary>The largest check request (a response body of up to 1 MiB, as JSON text).</summary>
    private const int MaxCheckBytes = 3 * 1024 * 1024;

    private const string AvatarsPrefix = Server.OwnPaths.Avatars;

    private readonly EventStream events = new(feed, time);

    public LiveFeed Feed => feed;

    /// <summary>Whether a path is the console's (the avatars under it are not).</summary>
    public static bool Owns(PathString path) => Owns(path.Value ?? "");

    /// <summary>
    /// The console's own traffic (its page, its API, the page's admin calls): not shown in its own live log. The page's
    /// header counts only from the page itself (<see cref="OwnOrigin"/>): a page on another site must not hide its requests.
    /// </summary>
    public static bool IsOwnTraffic(string path, ImmutableArray<KeyValuePair<string, string>> headers) =>
        Owns(path) || (!headers.IsDefault && headers.Any(h => h.Key.Equals(OwnHeader, StringComparison.OrdinalIgnoreCase)) && OwnOrigin(headers));

    /// <summary>
    /// Whether a request came from no page, or from a page of this server's own origin: the browser says so in
    /// `Sec-Fetch-Site` (same-origin) and `Origin` (scheme and Host), which a page cannot set.
    /// </summary>
    public static bool OwnOrigin(ImmutableArray<KeyValuePair<string, string>> headers)
    {
        string? Header(string name) => headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        var site = Header("Sec-Fetch-Site");
        var origin = Header("Origin");
        var host = Header("Host");
        return (site is null or "same-origin" or "none")
            && (origin is null || (host is not null && (origin.Equals($"http://{host}", StringComparison.OrdinalIgnoreCase) || origin.Equals($"https://{host}", StringComparison.OrdinalIgnoreCase))));
    }

    private static bool Owns(string path) => Segment(path, Prefix) && !Segment(path, AvatarsPrefix);

    private static bool Segment(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (path.Length == prefix.Length || path[prefix.Length] == '/');

    /// <summary>Answers a console request; false when the path is not the console's.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        if (!Owns(context.Request.Path))
        {
            return false;
        }

        Secure(context);
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            await ConsoleJson.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "the console does not answer cross-origin requests (no CORS)");
            return true;
        }

        if (guard(context) is { } refusal)
        {
            if (refusal.Challenge is not null)
            {
                context.Response.Headers.WWWAuthenticate = refusal.Challenge;
            }

            await ConsoleJson.WriteErrorAsync(context, refusal.Status, refusal.Message.Replace("the admin API", "the console (like the admin API)", StringComparison.Ordinal));
            return true;
        }

        var path = context.Request.Path.Value!;
        if (path.Length == Prefix.Length)
        {
            await RedirectAsync(context);
            return true;
        }

        var rest = path[(Prefix.Length + 1)..];
        await (rest.ToLowerInvariant() switch
        {
            "api/info" => Get(context, () => ConsoleJson.WriteAsync(context, Info(context.Request))),
            "api/routes" => Get(context, () => ConsoleJson.WriteAsync(context, host.Routes())),
            "api/totals" => Get(context, () => host.Totals() is { } totals ? ConsoleJson.WriteAsync(context, totals) : NotHereAsync(context, "counts per route are kept by opmock proxy")),
            "api/world" => Get(context, () => WorldAsync(context)),
            "api/changes" => Get(context, () => host.Changes() is { } changes ? ConsoleJson.WriteAsync(context, changes) : NotHereAsync(context, "start opmock serve with --base OLD to see what the docs changed against OLD")),
            "api/events" => Get(context, () => events.ServeAsync(context)),
            "api/check" => HttpMethods.IsPost(context.Request.Method) ? CheckAsync(context) : NotAllowedAsync(context, "POST"),
            "" => Get(context, () => AssetAsync(context, "index.html")),
            _ => Get(context, () => AssetAsync(context, rest)),
        });
        return true;
    }

    private JsonObject Info(HttpRequest request)
    {
        var info = host.Info(request);
        info["live"] = new JsonObject { ["clients"] = feed.Clients, ["maxClients"] = feed.MaxClients, ["queue"] = feed.QueueBound, ["history"] = feed.HistoryBound };
        info["ownHeader"] = OwnHeader;
        return info;
    }

    private async Task WorldAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var session = query["session"].ToString();
        var name = SessionName.Read(session, out var bad);
        if (name is null)
        {
            await ConsoleJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, bad!);
            return;
        }

        var (found, problem) = await host.WorldAsync(query["q"].ToString(), query["kind"].FirstOrDefault(), name, context.RequestAborted);
        await (found is not null ? ConsoleJson.WriteAsync(context, found)
            : problem is not null ? ConsoleJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, problem)
            : NotHereAsync(context, "the world is opmock serve's; a proxy forwards to a real server"));
    }

    private async Task CheckAsync(HttpContext context)
    {
        var read = await BodyReader.ReadAsync(context.Request, MaxCheckBytes, bodies, time, context.RequestAborted);
        if (read.Body is not { } bytes)
        {
            await ConsoleJson.WriteErrorAsync(context, read.Refusal?.Status ?? StatusCodes.Status413PayloadTooLarge,
                read.TooLarge ? $"a check request is at most {MaxCheckBytes >> 20} MiB" : read.Refusal?.Message ?? "the check request could not be read");
            return;
        }

        JsonObject? ask;
        try
        {
            ask = JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException e)
        {
            await ConsoleJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"the check request is not JSON: {e.Message}");
            return;
        }

        if (ask?["route"] is not JsonValue route || !route.TryGetValue<string>(out var routeText)
            || ask["body"] is not JsonValue body || !body.TryGetValue<string>(out var bodyText))
        {
            await ConsoleJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "send {\"route\": \"/op/v2/…\", \"body\": \"the response body as text\", \"status\": 200, \"reqUrl\": null}");
            return;
        }

        var reqUrl = ask["reqUrl"] is JsonValue r && r.TryGetValue<string>(out var reqUrlText) ? reqUrlText : null;
        int? status = ask["status"] is JsonValue s && s.TryGetValue<int>(out var code) ? code : null;
        if (await host.CheckAsync(routeText, reqUrl, status, bodyText) is not { } result)
        {
            await ConsoleJson.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"`{MockEngine.Sample(routeText)}` is not a documented route");
            return;
        }

        await ConsoleJson.WriteAsync(context, Verdict(result));
    }

    /// <summary>A checked response as the page shows it: ok or not, counts, and each violation's path, expected and found.</summary>
    public static JsonObject Verdict(CheckedResponse result, int max = 50) => new()
    {
        ["route"] = result.Route,
        ["label"] = result.Label,
        ["ok"] = !result.Failed,
        ["errors"] = result.Errors,
        ["warnings"] = result.Warnings,
        ["violations"] = new JsonArray([.. result.Violations.Take(max).Select(v => (JsonNode)new JsonObject
        {
            ["path"] = v.Path,
            ["expected"] = v.Expected,
            ["actual"] = v.Actual,
            ["severity"] = v.Severity == Diagnostics.Severity.Error ? "error" : "warning",
            ["message"] = v.Message,
        })]),
        ["more"] = Math.Max(0, result.Violations.Length - max),
    };

    private static async Task AssetAsync(HttpContext context, string name)
    {
        if (ConsoleAssets.Find(name) is not { } asset)
        {
            await ConsoleJson.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"the console has no `{MockEngine.Sample(name)}`; open {Prefix}/");
            return;
        }

        var response = context.Response;
        response.Headers.ETag = asset.ETag;
        response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(asset.Bytes, context.RequestAborted);
        }
    }

    private static Task RedirectAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = Prefix + "/";
        return Task.CompletedTask;
    }

    private static Task Get(HttpContext context, Func<Task> answer) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) ? answer() : NotAllowedAsync(context, "GET, HEAD");

    private static Task NotAllowedAsync(HttpContext context, string allow)
    {
        context.Response.Headers.Allow = allow;
        return ConsoleJson.WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, $"{context.Request.Path} takes {allow}");
    }

    private static Task NotHereAsync(HttpContext context, string why) =>
        ConsoleJson.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"not available here: {why}");

    /// <summary>Headers on every console answer: what the page may load and connect to, and that it is nobody's frame.</summary>
    private void Secure(HttpContext context)
    {
        var headers = context.Response.Headers;
        var others = string.Concat(host.Ports.Select(port => OriginFor(context.Request, port)).OfType<string>().Select(o => " " + o));
        headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'{others}; "
            + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
    }

    /// <summary>The origin of this server's other port as the page names it (the Host it was loaded from), or null for a Host that is no host.</summary>
    internal static string? OriginFor(HttpRequest request, int port)
    {
        var name = request.Host.Host;
        return name.Length > 0 && Uri.CheckHostName(name.Trim('[', ']')) != UriHostNameType.Unknown
            && Uri.TryCreate($"{request.Scheme}://{name}:{port}", UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority) : null;
    }
}
