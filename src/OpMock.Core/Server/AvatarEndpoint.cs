using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.World;
using OpMock.Core.World.Catalog;

namespace OpMock.Core.Server;

/// <summary>
/// <c>GET /__opmock/avatars/{id}.svg</c>: the images the world links to (<see cref="Avatars"/>), public on both ports
/// (an &lt;img&gt; on any origin loads it, as a CDN would serve it). The initial is the first character of the name of
/// the entity the id names — a user's family name, an OP's, an app's — else of the id. Images of a seed never
/// change, so they are cached for a day without revalidation (<c>immutable</c>) and carry an ETag for the rest.
/// </summary>
internal sealed class AvatarEndpoint(Func<MockEngine> engine)
{
    public const string Prefix = OwnPaths.Avatars;

    public const string ContentType = "image/svg+xml";

    public const string CacheControl = "public, max-age=86400, immutable";

    /// <summary>Answers the request when its path is under <see cref="Prefix"/>; false to leave it to the next stage.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var request = context.Request;
        // A preflight is the gate's to answer, as for any public path.
        if (HttpMethods.IsOptions(request.Method) || !request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return false;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await ReplyWriter.WriteAsync(context, engine().Envelope.Plain(405, $"avatars are images: GET {Prefix}/{{id}}.svg, not {MockEngine.Sample(request.Method)}", Path(request)));
            return true;
        }

        var file = rest.Value ?? "";
        var id = file.Length > 1 + Avatars.Extension.Length && file[0] == '/' && file.EndsWith(Avatars.Extension, StringComparison.Ordinal)
            ? file[1..^Avatars.Extension.Length] : "";
        if (!Avatars.IsId(id))
        {
            await ReplyWriter.WriteAsync(context, engine().Envelope.Plain(404,
                $"no such avatar: {Prefix}/{{id}}.svg takes an id of 1 to {Avatars.MaxIdLength} letters, digits, '-' or '_'", Path(request)));
            return true;
        }

        var svg = Avatars.Svg(id, NameOf(engine().State.Data.World, id));
        // An SVG opened on its own is a document: this one runs nothing and loads nothing.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        await WriteImageAsync(context, Encoding.UTF8.GetBytes(svg), ContentType, Avatars.ETag(svg));
        return true;
    }

    /// <summary>
    /// An image's answer, as a CDN gives it: public on any origin, cached a day without revalidation, with an ETag
    /// (a 304 on If-None-Match, which compares weakly — W/"…" matches "…" — and may list several tags), no body for HEAD.
    /// </summary>
    internal static async Task WriteImageAsync(HttpContext context, byte[] bytes, string contentType, string etag)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        headers.CacheControl = CacheControl;
        headers.ETag = etag;
        headers.AccessControlAllowOrigin = "*";
        headers.XContentTypeOptions = "nosniff";
        if (request.Headers.IfNoneMatch.SelectMany(v => (v ?? "").Split(',')).Select(t => t.Trim()).Any(t => t == "*" || t == etag || t == "W/" + etag))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    /// <summary>
    /// The host the answers' image URLs name: the request's Host header, as the client reached this server (a
    /// container's name, a LAN address), or, without one (HTTP/1.0), the address the request arrived on. The gate has
    /// refused a Host that is no host; <see cref="Avatars.Base"/> keeps any other character out of a URL.
    /// </summary>
    public static string HostOf(HttpContext context)
    {
        var host = context.Request.Host;
        if (host.HasValue)
        {
            return host.Value!;
        }

        var local = context.Connection.LocalIpAddress ?? IPAddress.Loopback;
        var address = local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local;
        var name = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"{name}:{context.Connection.LocalPort}";
    }

    /// <summary>The name of what the id names, or null: an image of an unknown id shows the id's first character.</summary>
    internal static string? NameOf(OpWorld world, string id)
    {
        if (id.StartsWith(WorldIds.UserPrefix, StringComparison.Ordinal))
        {
            return world.Facts.Of(EntityKind.User, id)?.GetValueOrDefault(Facts.Key(Attr.UserName)) is JsonValue shown
                && !ReferenceEquals(shown, Facts.Absent) && shown.TryGetValue<string>(out var name) && name.Length > 0 ? name : world.User(id).UserName;
        }

        if (id.StartsWith(WorldIds.OpPrefix, StringComparison.Ordinal))
        {
            return world.Op(id).Name;
        }

        // An app's logo: its name after the brand (Get iOS → iOS, Get 微信公众号 → 微信公众号).
        return Clients.All.Items.FirstOrDefault(c => Avatars.LogoId(c) == id) is { } client ? client.Name.Replace("Get ", "", StringComparison.Ordinal) : null;
    }

    private static JsonObject Path(HttpRequest request) => new() { ["path"] = MockEngine.Sample(request.Path.Value) };
}
