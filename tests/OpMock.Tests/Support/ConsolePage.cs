using System.Net;
using Microsoft.Playwright;

namespace OpMock.Tests.Support;

/// <summary>
/// One console page in its own browser context, 1280 px wide, watched: every request the page makes goes through
/// an interceptor that lets loopback through and refuses (and remembers) anything else, and console errors and
/// uncaught exceptions are collected. <see cref="AssertCleanAsync"/> fails the test on either.
/// </summary>
internal sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> outside = [];
    private readonly List<string> seen = [];
    private readonly List<string> errors = [];
    private readonly List<(string Path, int Status)> expectedFailures = [];
    private readonly Lock gate = new();

    private ConsolePage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>The URLs the page requested (all loopback, or they were refused).</summary>
    public IReadOnlyList<string> Requested
    {
        get
        {
            lock (gate)
            {
                return [.. seen];
            }
        }
    }

    public static async Task<ConsolePage> OpenAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "zh-CN" });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        var console = new ConsolePage(context, page);
        await context.RouteAsync("**/*", console.GuardAsync);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !console.Expected(message))
            {
                console.Note(console.errors, $"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => console.Note(console.errors, $"page error: {error}");
        return console;
    }

    /// <summary>
    /// A request the test expects to fail with this status: Chromium logs every 4xx/5xx a page fetches as a console
    /// error, which is no fault of the page when the answer is the one the page handles (an endpoint not there).
    /// </summary>
    public void ExpectFailure(string path, int status)
    {
        lock (gate)
        {
            expectedFailures.Add((path, status));
        }
    }

    /// <summary>Opens the console at <paramref name="url"/> and waits until every panel has started.</summary>
    public async Task GotoAsync(string url)
    {
        await Page.GotoAsync(url);
        await Assertions.Expect(Page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
    }

    /// <summary>Keeps a full-page screenshot as test output: TestResults/console/NAME.png under the repository.</summary>
    public async Task ShotAsync(string name)
    {
        var folder = Path.Combine(Repo.Root, "TestResults", "console");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>Nothing was loaded from outside loopback, and the page raised no error.</summary>
    public void AssertClean()
    {
        lock (gate)
        {
            seen.ShouldNotBeEmpty("the interceptor saw the page's requests");
            outside.ShouldBeEmpty();
            errors.ShouldBeEmpty();
        }
    }

    public Task AssertCleanAsync()
    {
        AssertClean();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();

    private async Task GuardAsync(IRoute route)
    {
        var url = route.Request.Url;
        Note(seen, url);
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))))
        {
            await route.ContinueAsync();
            return;
        }

        Note(outside, url);
        await route.AbortAsync("blockedbyclient");
    }

    private bool Expected(IConsoleMessage message)
    {
        lock (gate)
        {
            // Location is URL:line:column.
            var location = System.Text.RegularExpressions.Regex.Replace(message.Location, @":\d+:\d+$", "");
            return Uri.TryCreate(location, UriKind.Absolute, out var url) && expectedFailures.Any(f => url.AbsolutePath == f.Path
                && message.Text == $"Failed to load resource: the server responded with a status of {f.Status} ({ReasonPhrase(f.Status)})");
        }
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private void Note(List<string> list, string what)
    {
        lock (gate)
        {
            list.Add(what);
        }
    }
}
