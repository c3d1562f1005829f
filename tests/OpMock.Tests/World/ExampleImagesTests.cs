using System.Text.Json.Nodes;
using OpMock.Core.World;
using OpMock.Tests.Support;
using OpMock.Tests.World.Consistency;

namespace OpMock.Tests.World;

/// <summary>The images an example shows are served by OpMock under the same file name (issue 26.1).</summary>
public sealed class ExampleImagesTests
{
    [Theory]
    [InlineData("icon", "http://7xkq6j.com1.z0.glb.clouddn.com/defaultUserIcon.png?imageView2/1/w/200", "/__opmock/images/defaultUserIcon.png")]
    [InlineData("remark", "https://img.example-cdn.cn/review/2016/0305/p1.jpg", "/__opmock/images/p1.jpg")] // an image file in any field
    [InlineData("avatar", "http://7xo8pm.com1.z0.glb.clouddn.com/FlUoJd3Xk_9a", "/__opmock/images/FlUoJd3Xk_9a.png")] // a CDN hash in an image field
    [InlineData("headImgUrl", "https://cdn.example.cn/a/b/face.webp", "/__opmock/images/face.webp")]
    [InlineData("link", "http://www.example.com/help", null)] // a page, no image
    [InlineData("url", "http://120.55.94.183:8080/op/v2/receives", null)]
    [InlineData("icon", "/__opmock/avatars/default.svg", null)] // already OpMock's
    [InlineData("icon", "ftp://files.example.com/a.png", null)]
    [InlineData("name", "王.png", null)] // no URL
    public void PathOf_UrlInAField_IsServedUnderItsFileName(string field, string url, string? expected) =>
        ExampleImages.PathOf(url, field).ShouldBe(expected);

    [Fact]
    public void PathOf_OddFileName_IsServedUnderItsHashWithItsExtension()
    {
        var path = ExampleImages.PathOf("http://cdn.example.cn/%E5%A4%B4%E5%83%8F.jpg", "photo")!;

        path.ShouldMatch("^/__opmock/images/[0-9a-f]{16}\\.jpg$");
        ExampleImages.IsName(path["/__opmock/images/".Length..]).ShouldBeTrue();
    }

    [Theory]
    [InlineData("a.png", true)]
    [InlineData("cover-01_x.JPG", true)]
    [InlineData(".png", false)]
    [InlineData("a.exe", false)]
    [InlineData("../a.png", false)]
    [InlineData("a/b.png", false)]
    [InlineData("头像.png", false)]
    [InlineData("", false)]
    public void IsName_FileName_OnlySafeImageNames(string file, bool expected) =>
        ExampleImages.IsName(file).ShouldBe(expected);

    [Fact]
    public void IsName_LongerThanTheLimit_IsRefused() =>
        ExampleImages.IsName(new string('a', ExampleImages.MaxNameLength) + ".png").ShouldBeFalse();

    [Fact]
    public void Offline_ExampleData_RewritesImagesInObjectsAndListsAndLeavesTheRest()
    {
        var data = JsonNode.Parse("""{"icon": "http://x.clouddn.com/u1.png", "pics": ["http://x.clouddn.com/p1.jpg"], "chats": [{"logo": "https://x.cn/l.gif", "title": "http://x.cn/t.png 空调"}], "home": "http://x.cn/"}""");

        var offline = ExampleImages.Offline(data)!;

        OpMock.Core.Json.OpJson.ToCompactText(offline).ShouldBe("""{"icon":"/__opmock/images/u1.png","pics":["/__opmock/images/p1.jpg"],"chats":[{"logo":"/__opmock/images/l.gif","title":"http://x.cn/t.png 空调"}],"home":"http://x.cn/"}""");
        data!["icon"]!.GetValue<string>().ShouldBe("http://x.clouddn.com/u1.png");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Served_ExampleImages_AreUrlsOnThePortAskedThatLoadAsPngs(bool viaTransfer)
    {
        // Given the present docs, whose examples show a CDN's cover and another host's photo
        await using var host = await ActionsHost.StartAsync(moreDocs: TestDocs.Present);
        var origin = viaTransfer ? host.Host.Server.AppUrl : host.Host.Server.DirectUrl;
        foreach (var session in new[] { "a", "b" })
        {
            // When their samples are sent, in two sessions
            var order = (await host.CallAsync("/op/v2/getServiceOrderDetail", """{"userId":"u0001d2f1a0b9c8e7d6f5a4b3c2d1e0f9a8b7"}""", session, viaTransfer))["data"]!;
            var review = (await host.CallAsync("/op/v2/getUserReviewSummary", """{"userId":"u0001a1b2c3d4e5f60718293a4b5c6d7e8f90"}""", session, viaTransfer))["data"]!;

            // Then the images are OpMock's, on the port asked, under the documented file names, and they load
            order["coverImg"]!.GetValue<string>().ShouldBe(origin + "/__opmock/images/ac-clean-01.png");
            review["photo"]!.GetValue<string>().ShouldBe(origin + "/__opmock/images/p1.jpg");
            using var image = await host.Host.Client.GetAsync(review["photo"]!.GetValue<string>());
            image.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        }
    }

    [Fact]
    public async Task Served_DocumentedImagesFixture_KeepsTheExamplesUrls()
    {
        using var temp = new TempFolder();
        await using var host = await ActionsHost.StartAsync(fixtures: KeptExamples.Fixtures(temp), moreDocs: TestDocs.Present);

        var order = (await host.CallAsync("/op/v2/getServiceOrderDetail", """{"userId":"u0001d2f1a0b9c8e7d6f5a4b3c2d1e0f9a8b7"}""", "a"))["data"]!;

        order["coverImg"]!.GetValue<string>().ShouldBe(ExampleTimesTests.Documented("26.1")["coverImg"]!.GetValue<string>());
    }
}
