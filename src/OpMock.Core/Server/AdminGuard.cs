using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>A refusal the gate sends instead of handing a request on: status, message, and a header when needed.</summary>
/// <param name="Challenge">`WWW-Authenticate`, for a refusal that credentials would lift.</param>
/// <param name="RetryAfter">`Retry-After` in seconds, for a refusal that passes by itself (a full body budget).</param>
internal sealed record Refusal(int Status, string Message, string? Challenge = null, int? RetryAfter = null);

/// <summary>
/// The admin API (`/__admin`) as a web page or a network client can reach it. Without credentials it answers
/// loopback clients only, and only when the request names this server (`Host` is localhost or the bound
/// address: a DNS-rebinding page names its own host) and does not come from a page on another origin (a browser
/// sends `Origin` on every cross-origin POST, including the "simple" ones that skip the preflight). With
/// credentials, basic auth decides. Features that write files or make OpMock fetch other hosts are off unless
/// the user turns them on, and settings changes cannot lift OpMock's own bounds.
/// </summary>
/// <param name="ports">This server's ports, once it listens: a stub that proxies to one of them is a loop.</param>
internal sealed class AdminGuard(MockServerOptions options, ListenAddress listen, Func<IReadOnlyCollection<int>> ports)
{
    public const string Prefix = OwnPaths.Admin;
    public const string SwaggerPath = OwnPaths.Swagger;

    /// <summary>Admin paths that write to or read from disk (WireMock's folder under the working directory).</summary>
    private static readonly string[] DiskPaths = ["/__admin/mappings/save", "/__admin/files", "/__admin/openapi/save", "/__admin/mappings/reloadStaticMappings"];

    private readonly IReadOnlySet<string> boundHosts = listen.Names;

    private readonly AdminPolicy policy = new(options, listen, ports);

    private readonly OriginCheck origins = new(options, listen);

    private readonly byte[]? expected = options.HasAdminCredentials
        ? Encoding.UTF8.GetBytes($"{options.AdminUsername}:{options.AdminPassword}")
        : null;

    public static bool IsAdmin(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The origin a browser may call the admin API from, or null: only origins the user listed.</summary>
    public string? AllowedOrigin(HttpRequest request) =>
        request.Headers.Origin.ToString() is { Length: > 0 } origin && options.AdminOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase) ? origin : null;

    /// <summary>
    /// Whether the request comes from a page this very server served (the console): browsers send Origin on a
    /// same-origin POST too. The Host was checked first, so a rebinding page's own name never gets here.
    /// </summary>
    public static bool SameOrigin(HttpRequest request) =>
        request.Host.HasValue && string.Equals(request.Headers.Origin.ToString(), $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why an admin request is refused before its body is read, or null to let it through.</summary>
    public Refusal? Check(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (path.StartsWith(SwaggerPath, StringComparison.OrdinalIgnoreCase))
        {
            return new(501, "the admin swagger endpoint is not available in OpMock: WireMock.Net.Minimal builds it with an older NJsonSchema than OpMock loads; the generated schemas are in schemas/json");
        }

        if (expected is not null)
        {
            if (!Authorized(request.Headers.Authorization.ToString()))
            {
                return new(401, "the admin API needs the admin username and password (basic auth)", "Basic realm=\"OpMock admin\", charset=\"UTF-8\"");
            }

            // Credentials say who; the origin says which page asked. A browser attaches cached Basic credentials to
            // a cross-site form too, so for a change they are checked with the origin, never instead of it.
            if (OriginCheck.Changes(request.Method) && origins.Problem(request) is { } foreign)
            {
                return foreign;
            }
        }
        else
        {
            if (context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
            {
                return new(403, "the admin API answers loopback clients only; set admin credentials (--admin-username, OPMOCK_ADMIN_PASSWORD) to open it to others");
            }

            var host = request.Host.Host.Trim('[', ']');
            if (!boundHosts.Contains(host))
            {
                return new(403, $"the admin API answers requests for localhost or {options.Host} only, not for Host `{MockEngine.Sample(request.Host.Value)}` (a page on another site may be pointing its name here); set admin credentials to allow other names");
            }

            if (request.Headers.Origin.Count > 0 && AllowedOrigin(request) is null && !SameOrigin(request))
            {
                return new(403, $"the admin API does not answer pages from origin `{MockEngine.Sample(request.Headers.Origin.ToString())}`; list the origin with --admin-allow-origin");
            }

            // A cross-site GET in no-cors mode (an image, a script tag) carries no Origin; browsers say where it came from.
            if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site" && request.Headers.Origin.Count == 0)
            {
                return new(403, "the admin API does not answer requests a page on another site made; list the page's origin with --admin-allow-origin");
            }
        }

        if (!options.AllowAdminFiles && DiskPaths.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return new(403, $"{path} reads or writes files and is off in OpMock; start with --admin-allow-files to turn it on");
        }

        return null;
    }

    /// <summary>
    /// Checks a changing admin request's body (stubs, settings) against the <see cref="AdminPolicy"/>: null to
    /// hand it on, the (possibly rewritten) body in <paramref name="body"/>; or why it is refused.
    /// </summary>
    public Refusal? CheckBody(HttpRequest request, ref byte[] body)
    {
        if (body.Length == 0 || HttpMethods.IsGet(request.Method) || HttpMethods.IsDelete(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return null;
        }

        var path = request.Path.Value ?? "";
        if (policy.Check(request.Method, path, request.ContentType, body) is { } refusal)
        {
            return refusal;
        }

        if (AdminPolicy.ModelOf(request.Method, path) == AdminFields.Settings)
        {
            if (JsonNode.Parse(body) is not JsonObject settings)
            {
                return new(400, "the settings body must be a JSON object");
            }

            if (KeepBounds(settings) is { } bound)
            {
                return bound;
            }

            body = Encoding.UTF8.GetBytes(settings.ToJsonString());
        }

        return null;
    }

    /// <summary>
    /// WireMock's settings update sets every setting, absent ones to null: an update that leaves out
    /// MaxRequestLogCount unbounds the log, one that leaves out DisableRequestBodyDecompressing inflates gzip
    /// bodies. Absent ones keep OpMock's values; one that asks to lift a bound is refused.
    /// </summary>
    private Refusal? KeepBounds(JsonObject settings)
    {
        var log = Take(settings, "MaxRequestLogCount");
        if (log is not null && (log.GetValueKind() != JsonValueKind.Number || !log.AsValue().TryGetValue<int>(out var count) || count < 0 || count > options.MaxRequestLogCount))
        {
            return new(400, $"MaxRequestLogCount: OpMock keeps at most {options.MaxRequestLogCount} requests in its log (it bounds memory); ask for 0 to {options.MaxRequestLogCount}, not {MockEngine.Sample(log)}");
        }

        // WireMock's own log stays off: OpMock keeps the request log (RequestLog), and the pipeline gives it the bound asked for.
        settings["MaxRequestLogCount"] = 0;
        foreach (var (name, value) in new[] { ("DisableRequestBodyDecompressing", true), ("DoNotSaveDynamicResponseInLogEntry", true) })
        {
            var given = Take(settings, name);
            if (given is not null && given.GetValueKind() != (value ? JsonValueKind.True : JsonValueKind.False))
            {
                return new(400, $"{name}: OpMock keeps it {value.ToString().ToLowerInvariant()} (request bodies are not inflated; the log stays small), not {MockEngine.Sample(given)}");
            }

            settings[name] = value;
        }

        return null;
    }

    private static JsonNode? Take(JsonObject settings, string name)
    {
        var key = settings.Select(p => p.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            return null;
        }

        var value = settings[key];
        settings.Remove(key);
        return value;
    }

    private bool Authorized(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[512];
        return Convert.TryFromBase64String(header[6..].Trim(), given, out var written)
            && CryptographicOperations.FixedTimeEquals(given[..written], expected);
    }
}
