using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Server;
using OpMock.Core.World;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

public sealed class AvatarEndpointTests
{
    /// <summary>An engine over the frozen shipped docs, for the public image endpoints' tests.</summary>
    internal static readonly Lazy<Task<MockEngine>> Engine = new(async () =>
    {
        var time = TestClock.Frozen();
        return new MockEngine(await MockState.LoadAsync(TestDocs.Base, TestDocs.BaseOverrides, TestFixtures.Base, seed: null, time), time);
    });

    /// <summary>A request to an image endpoint, handled in process: whether it took it, the context, and the body's bytes.</summary>
    internal static async Task<(bool Handled, HttpContext Context, byte[] Body)> HandleAsync(
        Func<MockEngine, Func<HttpContext, Task<bool>>> endpoint, string path, string method = "GET", string? ifNoneMatch = null)
    {
        var engine = await Engine.Value;
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }

        var handled = await endpoint(engine)(context);
        return (handled, context, ((MemoryStream)context.Response.Body).ToArray());
    }

    private static async Task<(bool Handled, HttpContext Context, string Body)> AskAsync(string path, string method = "GET", string? ifNoneMatch = null)
    {
        var (handled, context, body) = await HandleAsync(engine => new AvatarEndpoint(() => engine).TryHandleAsync, path, method, ifNoneMatch);
        return (handled, context, Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("/op/v2/receives")]
    [InlineData("/__opmock")]
    [InlineData("/__opmock/avatarsx/a.svg")]
    [InlineData("/__admin/mappings")]
    public async Task TryHandleAsync_OtherPath_LeavesIt(string path) =>
        (await AskAsync(path)).Handled.ShouldBeFalse();

    [Fact]
    public async Task TryHandleAsync_Preflight_IsLeftToTheGate() =>
        (await AskAsync("/__opmock/avatars/default.svg", "OPTIONS")).Handled.ShouldBeFalse();

    [Fact]
    public async Task TryHandleAsync_UsersAvatar_IsACacheableSvgOfTheirInitial()
    {
        // Given a user of the world
        var world = (await Engine.Value).State.Data.World;
        var userId = world.UserId(12);

        // When its avatar is asked for
        var (handled, context, body) = await AskAsync($"/__opmock/avatars/{userId}.svg");

        // Then it is an SVG of the user's family name's first character, cacheable for good
        handled.ShouldBeTrue();
        context.Response.StatusCode.ShouldBe(200);
        context.Response.ContentType.ShouldBe("image/svg+xml");
        context.Response.Headers.CacheControl.ToString().ShouldBe("public, max-age=86400, immutable");
        context.Response.Headers.ETag.ToString().ShouldMatch("^\"[0-9a-f]{16}\"$");
        context.Response.Headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
        context.Response.ContentLength.ShouldBe(Encoding.UTF8.GetByteCount(body));
        body.ShouldStartWith("<svg");
        body.ShouldContain(">" + world.User(userId).UserName[..1] + "</text>");
    }

    [Fact]
    public async Task TryHandleAsync_OpsAvatarAndAppsLogo_ShowTheirNames()
    {
        var world = (await Engine.Value).State.Data.World;
        var opId = world.OpId(3);

        (await AskAsync($"/__opmock/avatars/{opId}.svg")).Body.ShouldContain(">" + world.Op(opId).Name[..1] + "</text>");
        (await AskAsync($"/__opmock/avatars/{Avatars.LogoId(OpMock.Core.World.Catalog.Clients.WeChat)}.svg")).Body.ShouldContain(">微</text>");
        (await AskAsync("/__opmock/avatars/i9f8e7d.svg")).Body.ShouldContain(">I</text>");
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("W/{0}")]
    [InlineData("\"other\", {0}")]
    [InlineData("*")]
    public async Task TryHandleAsync_MatchingETag_IsNotModified(string ifNoneMatch)
    {
        var first = await AskAsync("/__opmock/avatars/default.svg");
        var etag = first.Context.Response.Headers.ETag.ToString();

        var again = await AskAsync("/__opmock/avatars/default.svg", ifNoneMatch: string.Format(System.Globalization.CultureInfo.InvariantCulture, ifNoneMatch, etag));

        again.Context.Response.StatusCode.ShouldBe(304);
        again.Body.ShouldBeEmpty();
    }

    [Fact]
    public async Task TryHandleAsync_OtherETag_SendsTheImage() =>
        (await AskAsync("/__opmock/avatars/default.svg", ifNoneMatch: "\"0000000000000000\"")).Context.Response.StatusCode.ShouldBe(200);

    [Fact]
    public async Task TryHandleAsync_Head_SendsTheHeadersWithoutTheImage()
    {
        var (_, context, body) = await AskAsync("/__opmock/avatars/default.svg", "HEAD");

        context.Response.StatusCode.ShouldBe(200);
        context.Response.ContentLength.ShouldNotBeNull().ShouldBeGreaterThan(100);
        body.ShouldBeEmpty();
    }

    [Fact]
    public async Task TryHandleAsync_Post_Is405NamingGet()
    {
        var (handled, context, body) = await AskAsync("/__opmock/avatars/default.svg", "POST");

        handled.ShouldBeTrue();
        context.Response.StatusCode.ShouldBe(405);
        context.Response.Headers.Allow.ToString().ShouldBe("GET, HEAD");
        JsonNode.Parse(body)!["code"]!.GetValue<int>().ShouldBe(405);
    }

    [Theory]
    [InlineData("/__opmock/avatars")]
    [InlineData("/__opmock/avatars/")]
    [InlineData("/__opmock/avatars/.svg")]
    [InlineData("/__opmock/avatars/a.png")]
    [InlineData("/__opmock/avatars/a.b.svg")]
    [InlineData("/__opmock/avatars/a/b.svg")]
    [InlineData("/__opmock/avatars/../__admin.svg")]
    [InlineData("/__opmock/avatars/王.svg")]
    [InlineData("/__opmock/avatars/a.SVG")]
    public async Task TryHandleAsync_NoSuchId_Is404Envelope(string path)
    {
        var (handled, context, body) = await AskAsync(path);

        handled.ShouldBeTrue();
        context.Response.StatusCode.ShouldBe(404);
        var json = JsonNode.Parse(body)!;
        json["code"]!.GetValue<int>().ShouldBe(404);
        json["message"]!.GetValue<string>().ShouldContain("no such avatar");
    }

    [Fact]
    public async Task TryHandleAsync_IdTooLong_Is404() =>
        (await AskAsync($"/__opmock/avatars/{new string('a', Avatars.MaxIdLength + 1)}.svg")).Context.Response.StatusCode.ShouldBe(404);

    [Fact]
    public async Task Answers_EveryImageTheWorldAndItsExamplesShow_LoadsFromThePortItWasAskedOnAndNoneIsOffHost()
    {
        // Given a server over the test docs and docs with avatars, logos and pictures of their own
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithWiki(temp);
        foreach (var (path, text) in ValueDocs.All)
        {
            temp.Write(Path.Combine("docs", path), text);
        }

        await using var host = await MockHost.StartAsync(docs: docs, overrides: Path.Combine(temp.Path, "overrides.yaml"));
        var world = host.Server.Engine.State.Data.World;
        var examples = string.Join("\n", Directory.EnumerateFiles(docs, "*.txt", SearchOption.AllDirectories).Select(File.ReadAllText));

        // When users, chats and OPs are asked on every route, directly and through the transfer
        var answers = new List<(string Base, JsonNode? Data)>();
        async Task AskAsync(string route, string key, string id, bool transfer = false)
        {
            var response = transfer
                ? await host.PostTransferAsync($$"""{"reqUrl":"{{route}}","{{key}}":"{{id}}"}""")
                : await host.PostDirectAsync(route, $$"""{"{{key}}":"{{id}}"}""");
            answers.Add((transfer ? host.Server.AppUrl : host.Server.DirectUrl, (await MockHost.JsonAsync(response))["data"]));
        }

        for (var i = 0; i < 40; i++)
        {
            var userId = world.UserId(i * 101);
            await AskAsync(Routes.ChatInfo, "userId", userId);
            await AskAsync(Routes.ChatInfo, "userId", userId, transfer: true);
            await AskAsync("/op/v2/getUserDetail", "userId", userId);
            await AskAsync(ValueDocs.OrdersRoute, "userId", userId);
            await AskAsync(ValueDocs.MemberRoute, "userId", userId);
            await AskAsync("/op/v2/getChatMessages", "chatId", world.ChatOf(userId).ChatId);
        }

        // (and the docs' own OP, whose example list shows the examples' images)
        await AskAsync(Routes.Receives, "staffId", ActionsHost.Op);
        await AskAsync(Routes.Receives, "staffId", ActionsHost.Op, transfer: true);
        for (var j = 0; j < 15; j++)
        {
            await AskAsync(Routes.Receives, "staffId", world.OpId(j));
            await AskAsync(ValueDocs.ProfileRoute, "staffId", world.OpId(j));
        }

        // Then every URL is an image on the very server and port asked, the examples' own images included
        var images = new HashSet<string>();
        foreach (var (origin, data) in answers)
        {
            foreach (var url in Texts(data).Where(t => t.StartsWith("http", StringComparison.Ordinal)))
            {
                url.ShouldStartWith(origin + "/__opmock/");
                images.Add(url);
            }
        }

        // And each of those images loads: an avatar's SVG, an example image's PNG under its documented file name
        images.Count.ShouldBeGreaterThan(100);
        var exampleImages = images.Where(url => url.Contains("/__opmock/images/", StringComparison.Ordinal)).Select(url => new Uri(url).Segments.Last()).ToList();
        exampleImages.ShouldNotBeEmpty();
        exampleImages.ShouldAllBe(file => examples.Contains(file));
        foreach (var url in images)
        {
            using var image = await host.Client.GetAsync(url);
            image.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            var bytes = await image.Content.ReadAsByteArrayAsync();
            if (url.Contains("/__opmock/avatars/", StringComparison.Ordinal))
            {
                image.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
                Encoding.UTF8.GetString(bytes).ShouldStartWith("<svg");
            }
            else
            {
                image.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
                bytes[..4].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
            }
        }

        static IEnumerable<string> Texts(JsonNode? node) => node switch
        {
            JsonObject map => map.SelectMany(p => Texts(p.Value)),
            JsonArray list => list.SelectMany(Texts),
            JsonValue value when value.TryGetValue<string>(out var text) => [text],
            _ => [],
        };
    }

    [Fact]
    public async Task Avatars_FromAnyOriginWithoutAdminCredentials_AreServedOnBothPorts()
    {
        // Given a server whose admin API needs a password
        await using var host = await MockHost.StartAsync(adminUsername: "admin", adminPassword: "secret");

        foreach (var port in new[] { host.Server.DirectUrl, host.Server.AppUrl })
        {
            // When a page on another origin loads an avatar
            using var request = new HttpRequestMessage(HttpMethod.Get, port + "/__opmock/avatars/default.svg");
            request.Headers.Add("Origin", "http://app.example.com");
            using var response = await host.Client.SendAsync(request);

            // Then it gets the image
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.CacheControl!.ToString().ShouldContain("immutable");
        }
    }

    [Fact]
    public void HostOf_HostHeader_IsTheHostAsSent()
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString("opmock.local:18080");

        AvatarEndpoint.HostOf(context).ShouldBe("opmock.local:18080");
    }

    [Fact]
    public void HostOf_NoHostHeader_IsTheAddressTheRequestArrivedOn()
    {
        var context = new DefaultHttpContext();
        context.Connection.LocalIpAddress = IPAddress.Parse("::ffff:10.1.2.3");
        context.Connection.LocalPort = 8086;

        AvatarEndpoint.HostOf(context).ShouldBe("10.1.2.3:8086");

        context.Connection.LocalIpAddress = IPAddress.IPv6Loopback;
        AvatarEndpoint.HostOf(context).ShouldBe("[::1]:8086");
    }
}
