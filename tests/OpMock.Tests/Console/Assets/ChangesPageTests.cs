using OpMock.Core.Server;
using OpMock.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpMock.Tests.Console.Assets;

/// <summary>The Changes panel in Chromium: a frontend developer sees what the served docs changed against `serve --base`.</summary>
public sealed class ChangesPageTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Open_ServedWithABase_ChangesTabListsEachChangeWithItsSeverity()
    {
        // Given the later diff docs served with the base folder as --base
        await using var host = await MockHost.StartAsync(new MockServerOptions(DiffDocs.After, null, null, Port: 0, AppPort: 0, Base: DiffDocs.Before));
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);
        var page = console.Page;
        await console.GotoAsync(host.Server.ConsoleUrl);

        // When the Changes tab is opened
        await Expect(page.Locator("#changes-count")).ToHaveTextAsync("5");
        await page.Locator("#tab-changes").ClickAsync();

        // Then every change is a row, breaking ones marked, and the summary counts them
        await Expect(page.Locator("#changes-summary")).ToContainTextAsync("5 breaking, 4 potentially breaking, 4 safe changes on 5 routes");
        await Expect(page.Locator("#changes-table tbody tr")).ToHaveCountAsync(13);
        var renamed = page.Locator("#changes-table tbody tr", new() { HasText = "data.realName → data.fullName" }).First;
        await Expect(renamed).ToContainTextAsync("breaking");
        await Expect(renamed).ToContainTextAsync("response field renamed");
        await console.ShotAsync("changes");
        console.AssertClean();
    }

    [Fact]
    public async Task Open_ServedWithoutABase_NoChangesTab()
    {
        // Given a server started without --base
        await using var host = await MockHost.StartAsync();
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);

        // When its console is opened
        await console.GotoAsync(host.Server.ConsoleUrl);

        // Then it offers no Changes view
        await Expect(console.Page.Locator("#tab-changes")).ToBeHiddenAsync();
        console.AssertClean();
    }
}
