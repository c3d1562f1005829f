using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OpMock.Tests.Console.Assets;

/// <summary>
/// The console's page in Chromium against a real `opmock serve` on loopback: what a developer sees and does.
/// Every test also checks that the page loaded nothing from outside loopback and raised no error.
/// </summary>
public sealed class ConsolePageTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string Sessions = "/__admin/opmock/sessions";

    [Fact]
    public async Task Open_EveryDocumentedRoute_ListedWithItsFieldsAndRules()
    {
        await using var host = await MockHost.StartAsync();
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);
        var page = console.Page;

        await console.GotoAsync(host.Server.ConsoleUrl);

        var state = host.Server.Engine.State;
        foreach (var route in state.DirectRoutes)
        {
            var item = page.Locator($"#route-list [data-route='{route}']");
            await Expect(item).ToHaveCountAsync(1);
            var doc = state.Direct(route)!.Endpoint.Doc;
            await Expect(item).ToContainTextAsync($"{doc.Number} {doc.Method.ToUpperInvariant()} {route}");
            if (state.TransferFor(route) is { } transfer)
            {
                await Expect(item).ToContainTextAsync($"also {transfer.Endpoint.Doc.Number} through {Routes.TransferRoute}");
            }
        }

        await Expect(page.Locator("#route-count")).ToHaveTextAsync($"{state.DirectRoutes.Length} of {state.DirectRoutes.Length} documented routes");
        await page.Locator($"#route-list [data-route='{Routes.ChatInfo}']").ClickAsync();
        await Expect(page.Locator("#route-fields tbody tr")).ToHaveCountAsync(state.Direct(Routes.ChatInfo)!.Endpoint.Input.Length);
        await Expect(page.Locator("#route-fields tbody")).ToContainTextAsync("userId");
        await Expect(page.Locator("#route-fields tbody")).ToContainTextAsync("not empty");
        await Expect(page.Locator("#send-body")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"userId\""));
        await console.ShotAsync("routes");
        console.AssertClean();
    }

    [Fact]
    public async Task Send_TheSampleThroughTheTransferWithASession_AnswerBesideItsVerdictAndInTheLog()
    {
        await using var host = await MockHost.StartAsync();
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);
        var page = console.Page;
        await console.GotoAsync(host.Server.ConsoleUrl);

        await page.Locator($"#route-list [data-route='{Routes.ChatInfo}']").ClickAsync();
        await page.GetByLabel("Send to").SelectOptionAsync(new SelectOptionValue { Label = $"app API ({Routes.TransferRoute}): {host.Server.AppUrl}{Routes.TransferRoute}" });
        await Expect(page.GetByLabel("Send to")).ToHaveValueAsync("1");
        await page.Locator("#send-session").FillAsync("qa-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        await Expect(page.Locator("#answer-status")).ToContainTextAsync($"HTTP 200");
        await Expect(page.Locator("#answer-body")).ToContainTextAsync("\"code\": 200");
        await Expect(page.Locator("#answer-verdict")).ToContainTextAsync($"Conforms to the response schema of {Routes.TransferRoute} → {Routes.ChatInfo}");
        await console.ShotAsync("send");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Live log" }).ClickAsync();
        var row = page.Locator("#log-rows tr", new() { HasText = $"{Routes.TransferRoute} → {Routes.ChatInfo}" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("qa-1");
        await Expect(row).ToContainTextAsync($"app {host.Server.AppPort}");
        console.AssertClean();
    }

    [Fact]
    public async Task Log_ARequestSentWithHttpClient_PushedToTheOpenLogWithItsIds()
    {
        await using var host = await MockHost.StartAsync();
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);
        var page = console.Page;
        await console.GotoAsync(host.Server.ConsoleUrl + "#log");
        await Expect(page.Locator("#live-status")).ToContainTextAsync("live");
        var userId = host.Server.Engine.State.Data.World.UserId(5);

        using var sent = await SendAsync(host, Routes.ChatInfo, new JsonObject { ["userId"] = userId }, session: "log-1");

        var first = page.Locator("#log-rows tr").First;
        // (pushed over the live feed the page opened: awaited on the row, with Playwright's bound, not a stopwatch)
        await Expect(first).ToContainTextAsync(userId);
        await Expect(first).ToContainTextAsync("userId");
        await Expect(first).ToContainTextAsync("log-1");
        await Expect(first).ToContainTextAsync("200");
        await Expect(page.Locator("#log-count")).ToHaveTextAsync("1");

        // A row opens from the keyboard, shows both bodies, and closes back onto its row.
        var open = first.Locator("button.row-open");
        await open.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var detail = page.Locator("#log-detail");
        await Expect(detail).ToBeVisibleAsync();
        await Expect(detail).ToBeFocusedAsync();
        await Expect(detail.Locator("pre[aria-label='Request body']")).ToContainTextAsync(userId);
        await Expect(detail.Locator("pre[aria-label='Response body']")).ToContainTextAsync("\"message\": \"成功\"");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the answer against its schema" }).ClickAsync();
        await Expect(detail.Locator(".verdict-box")).ToContainTextAsync("Conforms");
        await console.ShotAsync("log");
        await page.Keyboard.PressAsync("Escape");
        await Expect(detail).ToBeHiddenAsync();
        await Expect(open).ToBeFocusedAsync();

        // Filters narrow the rows and give them back.
        await page.Locator("#f-session").FillAsync("nobody");
        await Expect(page.Locator("#log-rows tr")).ToHaveCountAsync(0);
        await page.Locator("#f-session").FillAsync("");
        await page.Locator("#f-status").SelectOptionAsync("4");
        await Expect(page.Locator("#log-rows tr")).ToHaveCountAsync(0);
        await page.Locator("#f-status").SelectOptionAsync("2");
        await Expect(page.Locator("#log-rows tr")).ToHaveCountAsync(1);

        // Paused, new requests wait; resumed, they come in.
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        using (await SendAsync(host, Routes.ChatInfo, new JsonObject { ["userId"] = host.Server.Engine.State.Data.World.UserId(6) }))
        {
        }

        await Expect(page.Locator("#log-note")).ToContainTextAsync("Paused: 1 new request held");
        await Expect(page.Locator("#log-rows tr")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(page.Locator("#log-rows tr")).ToHaveCountAsync(2);
        console.AssertClean();
    }

    [Fact]
    public async Task World_SearchByIdAndByAName_FindsTheUserItsChatAndItsOp()
    {
        await using var host = await MockHost.StartAsync();
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);
        var page = console.Page;
        await console.GotoAsync(host.Server.ConsoleUrl + "#world");
        await Expect(page.Locator("#live-status")).ToContainTextAsync("live");
        var world = host.Server.Engine.State.Data.World;
        var userId = Enumerable.Range(0, 100).Select(world.UserId).First(id => world.User(id).UserName.Length > 0);
        var chat = world.ChatOf(userId);

        await page.GetByLabel("Find a user, chat or OP").FillAsync(userId);
        await page.Keyboard.PressAsync("Enter");

        var result = page.Locator("#world-result");
        await Expect(result.Locator("h2")).ToHaveTextAsync($"User {userId}");
        await Expect(result).ToContainTextAsync(chat.ChatId);
        await Expect(result).ToContainTextAsync(chat.OperatorId);
        await Expect(result).ToContainTextAsync(Routes.ChatInfo);
        await Expect(result.Locator("#entity-title")).ToBeFocusedAsync();
        await console.ShotAsync("world");

        // A user's name seen in an answer finds the user too.
        using var sent = await SendAsync(host, Routes.ChatInfo, new JsonObject { ["userId"] = userId });
        var name = JsonNode.Parse(await sent.Content.ReadAsStringAsync())!["data"]!["user"]!["userName"]!.ToString();
        await Expect(page.Locator("#log-count")).ToHaveTextAsync("1");
        await page.GetByLabel("Find a user, chat or OP").FillAsync(name);
        await page.Keyboard.PressAsync("Enter");
        await Expect(result.Locator("h2")).ToHaveTextAsync($"User {userId}");

        // Related entities are one activation away.
        await result.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^chat ") }).ClickAsync();
        await Expect(result.Locator("h2")).ToHaveTextAsync($"Chat {chat.ChatId}");
        await Expect(result).ToContainTextAsync(userId);
        console.AssertClean();
    }

    [Fact]
    public async Task Sessions_PanelActions_CallTheSessionsEndpointsAsTheContractSays()
    {
        await using var host = await MockHost.StartAsync();
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);
        var page = console.Page;
        var calls = new List<string>();
        // The sessions endpoints as the actions issue documents them (fulfilled here, so this test holds before and after they land).
        await page.RouteAsync("**/__admin/opmock/**", async route =>
        {
            var request = route.Request;
            lock (calls)
            {
                calls.Add($"{request.Method} {new Uri(request.Url).PathAndQuery} {request.PostData}".TrimEnd());
            }

            await route.FulfillAsync(new()
            {
                Status = 200,
                ContentType = "application/json",
                Body = request.Method == "GET"
                    ? """{"sessions":[{"name":"qa-1","changes":3,"lastUse":"2026-01-02T03:04:05Z","scenario":null},{"name":"default","changes":0,"lastUse":null,"scenario":"slow"}]}"""
                    : "{}",
            });
        });
        await console.GotoAsync(host.Server.ConsoleUrl + "#sessions");

        var row = page.Locator("#sessions-rows tr[data-session='qa-1']");
        await Expect(row).ToContainTextAsync("3");
        await Expect(page.Locator("#sessions-rows tr[data-session='default'] select")).ToHaveValueAsync("slow");
        await page.GetByLabel("Default scenario of session qa-1").SelectOptionAsync("slow");
        await row.GetByRole(AriaRole.Button, new() { Name = "Set scenario" }).ClickAsync();
        await Expect(page.Locator("#sessions-status")).ToContainTextAsync("Session qa-1 now answers with scenario slow by default.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Reset qa-1" }).ClickAsync();
        await Expect(page.Locator("#sessions-status")).ToContainTextAsync("Session qa-1 reset");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset all sessions" }).ClickAsync();
        await Expect(page.Locator("#sessions-status")).ToContainTextAsync("Every session reset.");
        await console.ShotAsync("sessions");

        string[] written;
        lock (calls)
        {
            written = [.. calls.Where(c => !c.StartsWith("GET", StringComparison.Ordinal))];
        }

        written.ShouldBe([
            """PUT /__admin/opmock/sessions/qa-1 {"scenario":"slow"}""",
            "POST /__admin/opmock/reset?session=qa-1 {}",
            "POST /__admin/opmock/reset {}",
        ]);
        console.AssertClean();
    }

    [Fact]
    public async Task Sessions_ServerWithoutSessions_SaysSoPlainly()
    {
        await using var host = await MockHost.StartAsync();
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);
        var page = console.Page;
        await page.RouteAsync("**" + Sessions, route => route.FulfillAsync(new() { Status = 404, ContentType = "application/json", Body = """{"code":404}""" }));
        console.ExpectFailure(Sessions, 404);

        await console.GotoAsync(host.Server.ConsoleUrl + "#sessions");

        await Expect(page.Locator("#sessions-status")).ToContainTextAsync("Sessions are not available on this server");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reset all sessions" })).ToBeDisabledAsync();
        await Expect(page.Locator("#scenarios-rows")).ToContainTextAsync("slow");
        console.AssertClean();
    }

    [Fact]
    public async Task Sessions_ScenarioSwitchAndReset_TakeEffectOnTheNextRequest()
    {
        await using var host = await MockHost.StartAsync();
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);
        var page = console.Page;
        var userId = host.Server.Engine.State.Data.World.UserId(2);
        var ask = new JsonObject { ["userId"] = userId };
        await console.GotoAsync(host.Server.ConsoleUrl + "#sessions");

        // A default scenario, set in the console for a session by name, answers that session's next request.
        await page.Locator("#session-set-name").FillAsync("e2e");
        await page.Locator("#session-set-scenario").SelectOptionAsync("server-error");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set default scenario" }).ClickAsync();
        await Expect(page.Locator("#sessions-status")).ToContainTextAsync("Session e2e now answers with scenario server-error by default.");
        var row = page.Locator("#sessions-rows tr[data-session='e2e']");
        await Expect(row.Locator("select")).ToHaveValueAsync("server-error");
        using (var failing = await SendAsync(host, Routes.ChatInfo, ask, session: "e2e"))
        {
            ((int)failing.StatusCode).ShouldBe(500);
        }

        using (var other = await SendAsync(host, Routes.ChatInfo, ask, session: "someone-else"))
        {
            ((int)other.StatusCode).ShouldBe(200, "a default scenario is the session's own");
        }

        // Switched back from the console, the next request is answered normally again.
        await page.GetByLabel("Default scenario of session e2e").SelectOptionAsync("");
        await row.GetByRole(AriaRole.Button, new() { Name = "Set scenario" }).ClickAsync();
        await Expect(page.Locator("#sessions-status")).ToContainTextAsync("Session e2e has no default scenario now.");
        using (var normal = await SendAsync(host, Routes.ChatInfo, ask, session: "e2e"))
        {
            ((int)normal.StatusCode).ShouldBe(200);
        }

        // Reset from the console: the session's changes are gone before its next request.
        await row.GetByRole(AriaRole.Button, new() { Name = "Reset e2e" }).ClickAsync();
        await Expect(page.Locator("#sessions-status")).ToContainTextAsync("Session e2e reset");
        var changes = page.Locator("#sessions-rows tr[data-session='e2e'] td.num");
        if (await changes.CountAsync() > 0)
        {
            await Expect(changes).ToHaveTextAsync("0");
        }

        console.AssertClean();
    }

    [Fact]
    public async Task Keyboard_TabsRoutesAndTheForm_UsableWithoutAMouseAndEveryControlLabelled()
    {
        await using var host = await MockHost.StartAsync();
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);
        var page = console.Page;
        await console.GotoAsync(host.Server.ConsoleUrl);

        await page.Locator("#tab-routes").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator("#tab-log")).ToBeFocusedAsync();
        await Expect(page.Locator("#tab-log")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#panel-log")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(page.Locator("#tab-sessions")).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("Home");
        await Expect(page.Locator("#panel-routes")).ToBeVisibleAsync();

        await page.GetByLabel("Filter routes").FocusAsync();
        await page.Keyboard.TypeAsync("getChatInfo");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator($"#route-list [data-route='{Routes.ChatInfo}']")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#route-title")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#answer-status")).ToContainTextAsync("HTTP 200");
        await console.ShotAsync("keyboard");

        // Every form control on every panel has a label a screen reader reads.
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, textarea, button')]
              .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !(e.textContent || '').trim())
              .map((e) => e.outerHTML.slice(0, 80))
            """);
        unlabelled.ShouldBeEmpty();
        console.AssertClean();
    }

    [Fact]
    public async Task Open_EveryPanel_NothingLoadedFromOutsideLoopback()
    {
        await using var host = await MockHost.StartAsync();
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);
        var page = console.Page;
        await console.GotoAsync(host.Server.ConsoleUrl);

        foreach (var tab in new[] { "Live log", "World", "Sessions & scenarios", "Routes" })
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page.Locator("#answer-verdict")).ToContainTextAsync("Conforms");

        console.Requested.ShouldContain(u => u.EndsWith("/__opmock/console.css", StringComparison.Ordinal));
        console.Requested.ShouldContain(u => u.Contains("/__opmock/api/events", StringComparison.Ordinal));
        console.Requested.ShouldAllBe(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        console.AssertClean();
    }

    [Fact]
    public async Task AnotherOrigin_CannotReadTheLog()
    {
        await using var host = await MockHost.StartAsync();
        await using var other = StubHttpServer.Page("<!doctype html><title>another site</title><p>a page on another origin</p>");
        await using var console = await ConsolePage.OpenAsync(chromium.Browser);
        var page = console.Page;
        await page.GotoAsync(other.Url.ToString());

        var outcome = await page.EvaluateAsync<string>("""
            async (url) => {
              const tries = {};
              try { const r = await fetch(url); tries.cors = `read ${r.status}`; } catch { tries.cors = 'refused'; }
              try { const r = await fetch(url, { mode: 'no-cors' }); tries.noCors = `${r.type} ${r.status}`; } catch { tries.noCors = 'refused'; }
              tries.eventSource = await new Promise((done) => {
                const source = new EventSource(url);
                source.addEventListener('open', () => { source.close(); done('open'); });
                source.addEventListener('error', () => { source.close(); done('refused'); });
              });
              return `${tries.cors} | ${tries.noCors} | ${tries.eventSource}`;
            }
            """, $"{host.Server.DirectUrl}/__opmock/api/events");

        // A script's read is refused (no CORS); so is a no-cors read, which would be opaque, because the console's answers
        // are for its own origin only (Cross-Origin-Resource-Policy); and the stream never opens.
        outcome.ShouldBe("refused | refused | refused");
        host.Feed.Clients.ShouldBe(0, "the server refused the stream itself, not just the browser its reading");
    }

    private static async Task<HttpResponseMessage> SendAsync(MockHost host, string route, JsonObject body, string? session = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Server.DirectUrl + route)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (session is not null)
        {
            request.Headers.Add(SessionName.Header, session);
        }

        return await host.Client.SendAsync(request);
    }
}
