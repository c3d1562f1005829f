using Microsoft.Playwright;

namespace OpMock.Tests.Support;

/// <summary>
/// Debian's Chromium (`/usr/bin/chromium`, installed by .ci/run) driven by Playwright, one browser per test class:
/// Playwright's own browser download is never used. Each test opens its own context (cookies, cache) and page.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where Chromium is: OPMOCK_CHROMIUM, or Debian's package.</summary>
    public static string Path => Environment.GetEnvironmentVariable("OPMOCK_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? playwright;

    internal IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"the browser tests drive Chromium at {Path}: install it (apt-get install -y chromium; .ci/run does) or point OPMOCK_CHROMIUM at one");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-default-apps", "--disable-extensions", "--metrics-recording-only", "--mute-audio"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}
