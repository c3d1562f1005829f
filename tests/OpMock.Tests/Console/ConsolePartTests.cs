using System.Net;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Console;

/// <summary>The console is a part `opmock serve` attaches: a server started without it answers no console page.</summary>
public sealed class ConsolePartTests
{
    [Fact]
    public async Task Attach_ServerWithTheConsole_ServesItsPage()
    {
        await using var host = await MockHost.StartAsync();

        using var page = await host.Client.GetAsync(host.Server.ConsoleUrl);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("<html", Case.Insensitive);
    }

    [Fact]
    public async Task Attach_ServerWithoutParts_NoConsolePageAndItsDocumentedRoutesStillAnswer()
    {
        // A server given no parts (Server names no console: the serve command adds it)
        await using var server = await MockServer.StartAsync(new MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, TestFixtures.Base, Port: 0, AppPort: 0), TestClock.Frozen());
        using var client = new HttpClient();

        using var page = await client.GetAsync(server.ConsoleUrl);
        using var answer = await client.PostAsync(server.DirectUrl + "/op/v2/getChatInfoByUserId", new StringContent("""{"userId":"u0001106268050147246664"}""", System.Text.Encoding.UTF8, "application/json"));

        page.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
