using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// Whether a request that changes state on the admin API or the console comes from a page that may make it, when
/// admin credentials are set (without them <see cref="AdminGuard"/> checks every request this way and more). A
/// browser sends `Origin` on every POST, PUT and DELETE, a cross-site form included, and attaches the Basic
/// credentials it cached when the developer opened the console: so the origin decides, credentials or not. A page
/// may change state when it is the console itself (same origin, under a name this server answers to — a
/// DNS-rebinding page is same-origin with its own name) or is listed with `--admin-allow-origin`. A client that is
/// no browser (curl, a test runner, CI) sends no `Origin` and no `Sec-Fetch-Site`, and may name the server as it
/// likes (a container's service name): its credentials are its pass.
/// </summary>
internal sealed class OriginCheck(MockServerOptions options, ListenAddress listen)
{
    /// <summary>Whether a request with this method may change state (everything but reads and preflights).</summary>
    public static bool Changes(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    /// <summary>Why a browser's request may not change state here, or null.</summary>
    public Refusal? Problem(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            if (options.AdminOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
            {
                return null;
            }

            if (!AdminGuard.SameOrigin(request))
            {
                return new(403, $"the admin API and the console take changes from pages of their own origin only, not from `{MockEngine.Sample(origin)}` (admin credentials do not change that: a browser sends them for any page); list a team's own page with --admin-allow-origin");
            }

            if (!listen.Names.Contains(request.Host.Host.Trim('[', ']')))
            {
                return new(403, $"the console takes changes when opened as localhost or {options.Host} only, not as `{MockEngine.Sample(request.Host.Value)}` (a page on another site may be pointing its name here); list `{MockEngine.Sample(origin)}` with --admin-allow-origin to open it under that name");
            }

            return null;
        }

        // A browser that sent no Origin still says where the request came from.
        return request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site"
            ? new(403, "the admin API and the console take no changes from a page on another site (admin credentials do not change that); list the page's origin with --admin-allow-origin")
            : null;
    }
}
