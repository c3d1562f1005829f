using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Server;

namespace OpMock.Tests.Server;

public sealed class ExampleImageEndpointTests
{
    private static Task<(bool Handled, HttpContext Context, byte[] Body)> AskAsync(string path, string method = "GET", string? ifNoneMatch = null) =>
        AvatarEndpointTests.HandleAsync(engine => new ExampleImageEndpoint(() => engine).TryHandleAsync, path, method, ifNoneMatch);

    [Theory]
    [InlineData("/op/v2/receives")]
    [InlineData("/__opmock/avatars/default.svg")]
    [InlineData("/__opmock/imagesx/a.png")]
    public async Task TryHandleAsync_OtherPath_LeavesIt(string path) =>
        (await AskAsync(path)).Handled.ShouldBeFalse();

    [Fact]
    public async Task TryHandleAsync_ExampleImage_IsACacheablePng()
    {
        var (handled, context, body) = await AskAsync("/__opmock/images/defaultUserIcon.png");

        handled.ShouldBeTrue();
        context.Response.StatusCode.ShouldBe(200);
        context.Response.ContentType.ShouldBe("image/png");
        context.Response.Headers.CacheControl.ToString().ShouldBe(AvatarEndpoint.CacheControl);
        context.Response.Headers.AccessControlAllowOrigin.ToString().ShouldBe("*");
        context.Response.ContentLength.ShouldBe(body.Length);
        body[..4].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });

        // And asked again with its ETag, it is not modified
        var again = await AskAsync("/__opmock/images/defaultUserIcon.png", ifNoneMatch: context.Response.Headers.ETag.ToString());
        again.Context.Response.StatusCode.ShouldBe(304);
    }

    [Fact]
    public async Task TryHandleAsync_Post_Is405NamingGet()
    {
        var (_, context, body) = await AskAsync("/__opmock/images/a.png", "POST");

        context.Response.StatusCode.ShouldBe(405);
        context.Response.Headers.Allow.ToString().ShouldBe("GET, HEAD");
        JsonNode.Parse(body)!["code"]!.GetValue<int>().ShouldBe(405);
    }

    [Theory]
    [InlineData("/__opmock/images")]
    [InlineData("/__opmock/images/")]
    [InlineData("/__opmock/images/a.exe")]
    [InlineData("/__opmock/images/a/b.png")]
    [InlineData("/__opmock/images/../__admin.png")]
    [InlineData("/__opmock/images/.png")]
    public async Task TryHandleAsync_NoSuchImage_Is404Envelope(string path)
    {
        var (handled, context, body) = await AskAsync(path);

        handled.ShouldBeTrue();
        context.Response.StatusCode.ShouldBe(404);
        JsonNode.Parse(body)!["message"]!.GetValue<string>().ShouldContain("no such image");
    }
}
