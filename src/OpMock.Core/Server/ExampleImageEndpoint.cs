using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.World;

namespace OpMock.Core.Server;

/// <summary>
/// <c>GET /__opmock/images/{file}</c>: the images the docs' examples show, under their own file names
/// (<see cref="ExampleImages"/>), as a generated placeholder PNG, public on both ports like the avatars.
/// </summary>
internal sealed class ExampleImageEndpoint(Func<MockEngine> engine)
{
    public const string Prefix = OwnPaths.Images;

    /// <summary>Answers the request when its path is under <see cref="Prefix"/>; false to leave it to the next stage.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var request = context.Request;
        // A preflight is the gate's to answer, as for any public path.
        if (HttpMethods.IsOptions(request.Method) || !request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return false;
        }

        var path = new JsonObject { ["path"] = MockEngine.Sample(request.Path.Value) };
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await ReplyWriter.WriteAsync(context, engine().Envelope.Plain(405, $"example images are images: GET {Prefix}/{{file}}, not {MockEngine.Sample(request.Method)}", path));
            return true;
        }

        var file = rest.Value is ['/', .. var name] ? name : "";
        if (!ExampleImages.IsName(file))
        {
            await ReplyWriter.WriteAsync(context, engine().Envelope.Plain(404,
                $"no such image: {Prefix}/{{file}} takes a file name of 1 to {ExampleImages.MaxNameLength} letters, digits, '.', '-' or '_' ending in {string.Join(", ", ExampleImages.Extensions)}", path));
            return true;
        }

        var png = PlaceholderPng.For(file);
        var etag = "\"" + StableHash.Of(0, "png", file).ToString("x16", CultureInfo.InvariantCulture) + "\"";
        await AvatarEndpoint.WriteImageAsync(context, png, PlaceholderPng.ContentType, etag);
        return true;
    }
}
