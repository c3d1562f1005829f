using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

/// <summary>
/// Admin credentials are no pass for other sites: in Chromium, with the credentials the developer gave when opening
/// the console (the browser answers every Basic challenge with them, as it does once they are cached), a page on
/// another origin submits a form at the admin API and at the console's reset — and changes nothing.
/// </summary>
public sealed class OriginCheckTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly AuthenticationHeaderValue Admin = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:s3cret")));

    [Theory]
    [InlineData("/__admin/mappings/reset", "application/x-www-form-urlencoded")]
    [InlineData("/__admin/mappings/reset", "text/plain")]
    [InlineData("/__admin/opmock/reset", "multipart/form-data")]
    public async Task Problem_CrossSiteFormWithCachedCredentials_RefusedAndNothingChanges(string action, string enctype)
    {
        // Given a server with admin credentials, one stub, and a browser that holds the credentials
        await using var host = await MockHost.StartAsync(adminUsername: "admin", adminPassword: "s3cret");
        using (var add = new HttpRequestMessage(HttpMethod.Post, host.Server.DirectUrl + "/__admin/mappings"))
        {
            add.Headers.Authorization = Admin;
            add.Content = new StringContent("""{"Request":{"Path":"/kept","Methods":["GET"]},"Response":{"StatusCode":200,"Body":"kept"}}""", Encoding.UTF8, "application/json");
            using var added = await host.Client.SendAsync(add);
            added.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await using var other = StubHttpServer.Page($"""
            <!doctype html><title>another site</title>
            <form id="f" method="post" enctype="{enctype}" action="{host.Server.DirectUrl}{action}"><input name="x" value="1"></form>
            <script>document.getElementById('f').submit()</script>
            """);
        await using var context = await chromium.Browser.NewContextAsync(new() { HttpCredentials = new() { Username = "admin", Password = "s3cret" } });
        var page = await context.NewPageAsync();
        var console = await page.GotoAsync(host.Server.ConsoleUrl);
        console!.Status.ShouldBe(200, "the developer opened the console with the credentials");

        // When a page on another origin submits its form at the admin API
        var posted = page.WaitForResponseAsync(r => r.Url.EndsWith(action, StringComparison.Ordinal) && r.Request.Method == "POST" && r.Status != 401);
        await page.GotoAsync(other.Url.ToString());
        var answer = await posted.WaitAsync(TimeSpan.FromSeconds(20));

        // Then the server refused it, credentials and all, and the stub is still there
        answer.Status.ShouldBe(403);
        (await answer.TextAsync()).ShouldContain("pages of their own origin only");
        using var list = new HttpRequestMessage(HttpMethod.Get, host.Server.DirectUrl + "/__admin/mappings");
        list.Headers.Authorization = Admin;
        using var listed = await host.Client.SendAsync(list);
        var mappings = JsonNode.Parse(await listed.Content.ReadAsStringAsync())!.AsArray();
        mappings.ShouldContain(m => m!["Request"]!["Path"]!.ToJsonString().Contains("/kept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Problem_ConsoleOwnPageWithCredentials_ChangesState()
    {
        // Given a server with admin credentials and the console open in a browser that holds them
        await using var host = await MockHost.StartAsync(adminUsername: "admin", adminPassword: "s3cret");
        await using var context = await chromium.Browser.NewContextAsync(new() { HttpCredentials = new() { Username = "admin", Password = "s3cret" } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.Server.ConsoleUrl);

        // When the console's own page resets every session, as its button does
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/__admin/opmock/reset', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status");

        // Then its own origin may
        status.ShouldBe(200);
    }
}
