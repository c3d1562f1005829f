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
        await console.GotoAsync($"{proxy.ConsoleUrl}/__opmock/#log");
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

    [Fact]
    public async Task Console_AForwardedPageOfTheTarget_CannotReadIt()
    {
        // Given a target that serves an HTML page, opened through the proxy (the console's address in its fragment)
        await using var target = StubHttpServer.Page("<!doctype html><title>the target's page</title><p>served by the upstream</p>");
        var validator = await Shipped.ValidatorAsync();
        var guard = new AdminGuard(new MockServerOptions(TestDocs.Base, null, null), ListenAddress.Resolve("127.0.0.1"), () => []);
        var web = new ProxyConsole(await Shipped.ContractAsync(), validator, target.Url, guard.Check, TimeProvider.System);
        await using var proxy = ValidationProxy.Start(validator, new ProxySettings(target.Url, 0, null, TimeSpan.FromSeconds(30)), _ => Task.CompletedTask, TimeProvider.System, web);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{proxy.Url}/page#{proxy.ConsoleUrl}");

        // When the page's script reaches for the console: on its own port, and on the console's port (cors, no-cors, live feed)
        var outcome = await page.EvaluateAsync<string>("""
            async () => {
              const consoleUrl = location.hash.slice(1);
              const out = [];
              try { const t = await (await fetch('/__opmock/api/info')).text(); out.push(t.includes('"host":"proxy"') ? 'own port: console' : 'own port: forwarded'); } catch { out.push('own port: refused'); }
              try { const r = await fetch(consoleUrl + '/__opmock/api/info'); out.push(`console port: read ${r.status}`); } catch { out.push('console port: refused'); }
              try { const r = await fetch(consoleUrl + '/__opmock/api/totals', { mode: 'no-cors' }); out.push(`no-cors: ${r.type}`); } catch { out.push('no-cors: refused'); }
              out.push(await new Promise((done) => {
                const source = new EventSource(consoleUrl + '/__opmock/api/events');
                source.addEventListener('open', () => { source.close(); done('feed: open'); });
                source.addEventListener('error', () => { source.close(); done('feed: refused'); });
              }));
              return out.join(' | ');
            }
            """);

        // Then it gets nothing of the console: its own port forwards to the target, the console's port refuses it
        outcome.ShouldBe("own port: forwarded | console port: refused | no-cors: refused | feed: refused");
        web.Feed.Clients.ShouldBe(0);
    }
}
