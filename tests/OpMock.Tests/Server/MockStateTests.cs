using System.Diagnostics;
using System.Text;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>
/// Every bad file is refused where it is, with its file:line, at start (exit 2) and under `--watch` (the last good
/// state keeps serving): settings out of range, statuses that cannot carry the envelope, things that are not regular
/// files (never opened: a FIFO would block the start or the reload thread for good), docs that are not UTF-8 or
/// document a route OpMock keeps for itself.
/// </summary>
public sealed class MockStateTests
{
    private const string Doc = "get-op-api/2.36.txt";

    /// <summary>kind of file (fixture, doc, fifo-fixture, fifo-doc, device-fixture), its name, its content, what the refusal says.</summary>
    public static TheoryData<string, string, string, string> BadFiles => new()
    {
        { "fixture", "world.yaml", "world:\n  windowDays: 1000000\n", "fixtures/world.yaml:2: error: `world.windowDays` must be a whole number from 1 to 3650, found `1000000`" },
        { "fixture", "world.yaml", "world:\n  users: 0\n", "fixtures/world.yaml:2: error: `world.users` must be a whole number from 1 to 100000000, found `0`" },
        { "fixture", "world.yaml", "world:\n  ops: 99999999\n", "fixtures/world.yaml:2: error: `world.ops` must be a whole number from 1 to 1000000" },
        { "fixture", "world.yaml", "world:\n  anchor: '0001-01-02 00:00:00'\n", "fixtures/world.yaml:2: error: `world.anchor` must fall between 1980-01-01 and 2200-01-01" },
        { "fixture", "s.yaml", "scenarios:\n  early:\n    status: 100\n", "fixtures/s.yaml:3: error: `scenarios.early.status`: 100 is an interim (1xx) status" },
        { "fixture", "s.yaml", "scenarios:\n  upgrade:\n    status: 101\n", "fixtures/s.yaml:3: error: `scenarios.upgrade.status`: 101 is an interim (1xx) status" },
        { "fixture", "s.yaml", "scenarios:\n  nothing:\n    code: 0\n    status: 204\n", "fixtures/s.yaml:4: error: `scenarios.nothing.status`: 204 carries no body" },
        { "fixture", "s.yaml", "scenarios:\n  reset: {status: 205}\n", "fixtures/s.yaml:2: error: `scenarios.reset.status`: 205 carries no body" },
        { "fixture", "s.yaml", "scenarios:\n  cached: {status: 304}\n", "fixtures/s.yaml:2: error: `scenarios.cached.status`: 304 carries no body" },
        { "fixture", "e.yaml", "errors:\n  notFound:\n    status: 204\n", "fixtures/e.yaml:3: error: `errors.notFound.status`: 204 carries no body" },
        { "fixture", "latin1.yaml", "seed: 7\n# caf\u00e9\n", "fixtures/latin1.yaml:2: error: the bytes at offset 13 are not UTF-8 text" },
        { "fifo-fixture", "pipe.yaml", "", "fixtures/pipe.yaml:0: error: file: a FIFO (named pipe), not a regular file; OpMock does not open it" },
        { "device-fixture", "zero.yaml", "", "fixtures/zero.yaml:0: error: file: a character device, not a regular file" },
        { "fifo-doc", "get-op-api/9.9.txt", "", "get-op-api/9.9.txt:0: error: file: a FIFO (named pipe), not a regular file" },
        { "doc", "get-op-api/9.1.txt", "/__admin/op/v2/getChatInfoByUserId", "get-op-api/9.1.txt:6: error: the route `/__admin/op/v2/getChatInfoByUserId` is under /__admin/, which OpMock keeps for its admin API" },
        { "doc", "get-op-api/9.2.txt", "http://test.example.com:8080/__OpMock/api/info", "get-op-api/9.2.txt:6: error: the route `/__OpMock/api/info` is under /__opmock/, which OpMock keeps for its console" },
        { "doc", "get-op-api/9.3.txt", "/%5F_admin/mappings", "get-op-api/9.3.txt:6: error: the route `/%5F_admin/mappings` is under /__admin/" },
        { "doc-bytes", "get-op-api/9.4.txt", "/op/v2/latin", "get-op-api/9.4.txt:3: error: the bytes at offset" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task LoadAsync_BadFileAtStart_ExitsTwoNamingFileAndLine(string kind, string name, string content, string refusal)
    {
        // Given docs and fixtures that are fine but for one file
        using var temp = new TempFolder();
        var (docs, fixtures) = Folders(temp);
        Place(kind, name, content, docs, fixtures);

        // When the server starts on them
        var start = Support.Cli.RunAsync("serve", "--docs", docs, "--fixtures", fixtures, "--port", "0", "--app-port", "0");
        var result = await start.WaitAsync(TimeSpan.FromSeconds(60));

        // Then it refuses to start, naming the file and the line, never "internal error"
        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.ShouldContain(refusal);
        result.Error.ShouldNotContain("internal error");
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ReloadAsync_BadFileUnderWatch_KeepsTheLastGoodStateNamingFileAndLine(string kind, string name, string content, string refusal)
    {
        // Given a watched server answering a scenario of its fixtures
        using var temp = new TempFolder();
        var (docs, fixtures) = Folders(temp);
        var options = new MockServerOptions(docs, Path.Combine(temp.Path, "overrides.yaml"), fixtures, Port: 0, AppPort: 0, Watch: true);
        await using var host = await MockHost.StartAsync(options);
        var reloaded = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new ReloadWatcher(host.Server, options, TimeProvider.System, _ => { });
        watcher.Reloaded += r => reloaded.TrySetResult(r);

        // When the bad file appears
        Place(kind, name, content, docs, fixtures);

        // Then the reload (which never blocks on a FIFO) is refused naming the file and line, and the last good state answers
        var error = await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(20));
        error.ShouldNotBeNull();
        error.ShouldContain(refusal);
        using var teapot = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""", scenario: "teapot");
        ((int)teapot.StatusCode).ShouldBe(418);
        using var plain = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""");
        ((int)plain.StatusCode).ShouldBe(200);
    }

    private static (string Docs, string Fixtures) Folders(TempFolder temp)
    {
        var docs = temp.CopyShippedDocs();
        temp.Write("fixtures/base.yaml", "seed: 11\nscenarios:\n  teapot: {status: 418}\n");
        return (docs, Path.Combine(temp.Path, "fixtures"));
    }

    private static void Place(string kind, string name, string content, string docs, string fixtures)
    {
        switch (kind)
        {
            case "fixture":
                // Latin-1, as an editor set to the wrong encoding saves it: é is one byte, not UTF-8's two.
                File.WriteAllBytes(Path.Combine(fixtures, name), Encoding.Latin1.GetBytes(content));
                break;
            case "fifo-fixture":
                MakeFifo(Path.Combine(fixtures, name));
                break;
            case "device-fixture":
                File.CreateSymbolicLink(Path.Combine(fixtures, name), "/dev/zero");
                break;
            case "fifo-doc":
                MakeFifo(Path.Combine(docs, name));
                break;
            case "doc":
                File.WriteAllText(Path.Combine(docs, name), ShippedDoc(docs).Replace("/op/v2/getChatInfoByUserId", content, StringComparison.Ordinal));
                break;
            default:
                // A GBK-saved line among UTF-8 ones: 会 in GBK is 0xBB 0xE1, not UTF-8.
                var lines = ShippedDoc(docs).Replace("/op/v2/getChatInfoByUserId", content, StringComparison.Ordinal).Split('\n');
                var bytes = new List<byte>();
                for (var i = 0; i < lines.Length; i++)
                {
                    bytes.AddRange(i == 2 ? [0xBB, 0xE1, (byte)'\n'] : Encoding.UTF8.GetBytes(lines[i] + (i < lines.Length - 1 ? "\n" : "")));
                }

                File.WriteAllBytes(Path.Combine(docs, name), [.. bytes]);
                break;
        }
    }

    private static string ShippedDoc(string docs) => File.ReadAllText(Path.Combine(docs, Doc)).ReplaceLineEndings("\n");

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit(10_000).ShouldBeTrue();
        mkfifo.ExitCode.ShouldBe(0);
    }
}
