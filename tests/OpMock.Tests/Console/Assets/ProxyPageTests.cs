using System.Text;
using Microsoft.Playwright;
using OpMock.Core.Console;
using OpMock.Core.Server;
using OpMock.Core.Validation.Proxy;
using OpMock.Tests.Support;
using OpMock.Tests.Validation;
using static Microsoft.Playwright.Assertions;

namespace OpMock.Tests.Console.Assets;

/// <summary>The same page on `opmock proxy`'s port, in Chromium: QA watches a live backend break the contract.</summary>
public sealed class ProxyPageTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Log_ADriftedAnswerPasses_ShownWithItsViolationsAndCountedUnderItsRoute()
    {
        using var server = await DriftedServers.StartDriftedAsync();
        var contract = await Shipped.ContractAsync();
        var validator = await Shipped.ValidatorAsync();
        var guard = new AdminGuard(new MockServerOptions(TestDocs.Base, null, null), ListenAddress.Resolve("127.0.0.1"), () => []);
        var web = new ProxyConsole(contract, validator, new Uri(server.Url!), guard.Check, TimeProvider.System);
        await using var proxy = ValidationProxy.Start(validator, new ProxySettings(new Uri(server.Url!), 0, null, TimeSpan.FromSeconds(30)),
            _ => Task.CompletedTask, TimeProvider.System, web);
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);
        var page = console.Page;
        await console.GotoAsync($"{proxy.Url}/__opmock/#log");
        await Expect(page.Locator("#host-kind")).ToHaveTextAsync("proxy");
        await Expect(page.Locator("#tab-world")).ToBeHiddenAsync();
        await Expect(page.Locator("#tab-sessions")).ToBeHiddenAsync();
        await Expect(page.Locator("#live-status")).ToContainTextAsync("live");

        using var http = new HttpClient();
        using (await http.PostAsync($"{proxy.Url}{Shipped.Receives}", new StringContent("{}", Encoding.UTF8, "application/json")))
        {
        }

        var row = page.Locator("#log-rows tr").First;
        await Expect(row).ToContainTextAsync(Shipped.Receives);
        await Expect(row).ToContainTextAsync("3 errors, 0 warnings");
        var totals = page.Locator("#totals-rows tr", new() { HasText = Shipped.Receives });
        await Expect(totals.Locator("td")).ToHaveTextAsync([Shipped.Receives, "1", "1", "1", "3", "0"]);

        await row.Locator("button.row-open").ClickAsync();
        var violations = page.Locator("#log-detail table.violations");
        await Expect(violations).ToContainTextAsync("data.isOnline");
        await Expect(violations).ToContainTextAsync("boolean or null");
        await Expect(violations).ToContainTextAsync("\"yes\"");
        await console.ShotAsync("proxy");
        console.AssertClean();
    }
}
