using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpMock.Cli;
using OpMock.Cli.Commands;
using OpMock.Tests.Support;

namespace OpMock.Tests.Repository;

/// <summary>
/// Every curl of README.md and docs/*.md works as written against the server its page says to start: the page's
/// `serve` line is bound as `opmock serve` binds it, started in process on ephemeral ports, and each curl is sent
/// as curl sends it — only its host and port rewritten — and must get the JSON its comment shows.
/// </summary>
public sealed class GuideCurlTests
{
    /// <summary>After every example's time: the examples' chats started before the server's "now".</summary>
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> PagesWithCurls() => [.. GuidePages.Names.Where(page => GuidePages.Curls(page).Count > 0)];

    [Theory]
    [MemberData(nameof(PagesWithCurls))]
    public async Task EveryCurl_AgainstTheServerItsPageStarts_GetsTheJsonItShows(string page)
    {
        MockHost? host = null;
        string[]? started = null;
        string? guid = null;
        try
        {
            foreach (var (line, serve, curl) in GuidePages.Curls(page))
            {
                var where = $"{page}:{line}";

                // Given the server the page said to start (a new one when the page starts another)
                if (started is null || !started.SequenceEqual(serve))
                {
                    if (host is not null)
                    {
                        await host.DisposeAsync();
                    }

                    host = await StartAsync(serve);
                    started = serve;
                }

                // When the curl is sent as written, on the test server's ports (GUID: the Guid an earlier answer gave)
                var url = curl.Url
                    .Replace("http://127.0.0.1:8080", host!.Server.DirectUrl, StringComparison.Ordinal)
                    .Replace("http://127.0.0.1:8086", host.Server.AppUrl, StringComparison.Ordinal)
                    .Replace("GUID", guid ?? "GUID", StringComparison.Ordinal);
                (url.StartsWith(host.Server.DirectUrl + "/", StringComparison.Ordinal) || url.StartsWith(host.Server.AppUrl + "/", StringComparison.Ordinal))
                    .ShouldBeTrue($"{where}: a curl reaches the server its page starts, on http://127.0.0.1:8080 or :8086: {curl.Url}");
                using var request = curl.ToRequest(url);
                using var response = await host.Client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();

                // Then it succeeds with every `"name":value` its comment shows
                response.IsSuccessStatusCode.ShouldBeTrue($"{where}: HTTP {(int)response.StatusCode} {body}");
                curl.ShownPairs.ShouldNotBeEmpty($"{where}: the comment shows the JSON the curl gets");
                foreach (var pair in curl.ShownPairs)
                {
                    body.ShouldContain(pair, Case.Sensitive, $"{where}: {body}");
                }

                guid = JsonNode.Parse(body) is JsonObject json && json["Guid"] is { } id ? id.GetValue<string>() : guid;
            }
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Fact]
    public void Readme_Curls_ReadWriteInASessionAndTheSameThroughTheRelay_OnTheExampleWiki()
    {
        // Given the README's curls
        var curls = GuidePages.Curls("README.md");

        // Then they run on the example wiki: a read, a write in a session, and a read through /opapp/transfer in it
        curls.ShouldAllBe(c => c.ServeArgs.SequenceEqual(new[] { "--docs", "examples/workbench" }));
        curls.ShouldContain(c => c.Curl.Headers.Count(h => h.Key == "X-OpMock-Session") == 0 && c.Curl.Url.Contains("/op/v2/"));
        curls.ShouldContain(c => c.Curl.Headers.Any(h => h.Key == "X-OpMock-Session") && c.Curl.Url.Contains("/op/v2/"));
        curls.ShouldContain(c => c.Curl.Headers.Any(h => h.Key == "X-OpMock-Session") && c.Curl.Url.EndsWith("/opapp/transfer", StringComparison.Ordinal));
    }

    private static async Task<MockHost> StartAsync(string[] serve)
    {
        // Bound as `opmock serve` binds it; paths as a reader in the clone's root names them, ports ephemeral.
        var parsed = OpMockCli.Build(new CliConsole(TextWriter.Null, TextWriter.Null)).Parse(["serve", .. serve]);
        parsed.Errors.ShouldBeEmpty(string.Join(" ", serve));
        var settings = ServeSettings.Bind(parsed);
        settings = settings with
        {
            Docs = Path.Combine(Repo.Root, settings.Docs),
            Fixtures = Path.Combine(Repo.Root, settings.Fixtures),
            Port = 0,
            AppPort = 0,
        };
        return await MockHost.StartAsync(settings.Validate(statePassword: null), new FakeTimeProvider(Now));
    }
}
