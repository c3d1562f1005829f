using System.Threading.Channels;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

public sealed class ReloadWatcherTests
{
    [Fact]
    public async Task Watch_FolderReplaced_FollowsTheNewFolder()
    {
        // Given a watched fixtures folder
        using var temp = new TempFolder();
        var fixtures = Path.Combine(temp.Path, "fixtures");
        temp.Write("fixtures/s.yaml", "scenarios:\n  teapot: {status: 418}\n");
        temp.Write("next/s.yaml", "scenarios:\n  teapot: {status: 429}\n");
        await using var host = await MockHost.StartAsync(fixtures: fixtures);
        var options = new MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, fixtures, Port: 0, AppPort: 0, Watch: true);
        var reloads = Channel.CreateUnbounded<string?>();
        using var watcher = new ReloadWatcher(host.Server, options, TimeProvider.System, _ => { });
        watcher.Reloaded += r => reloads.Writer.TryWrite(r);

        // When the folder is replaced as deploy scripts do: moved away, and a new copy put in its place
        Directory.Move(fixtures, Path.Combine(temp.Path, "old"));
        CopyFolder(Path.Combine(temp.Path, "next"), fixtures);

        // Then a reload follows the new folder (bounded: a few reload attempts at most)
        var status = 418;
        for (var attempt = 0; attempt < 5 && status != 429; attempt++)
        {
            await reloads.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            using var response = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""", scenario: "teapot");
            status = (int)response.StatusCode;
        }

        status.ShouldBe(429);

        // And edits in the new folder are still seen
        while (reloads.Reader.TryRead(out _))
        {
        }

        temp.Write("fixtures/s.yaml", "scenarios:\n  teapot: {status: 451}\n");
        (await reloads.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeNull();
        using var edited = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""", scenario: "teapot");
        ((int)edited.StatusCode).ShouldBe(451);
    }

    [Fact]
    public async Task Watch_EmptyFixtureFile_KeepsTheLastGoodStateAndSaysFileEmpty()
    {
        // Given a watched server with a world and a scenario
        using var temp = new TempFolder();
        var fixtures = Path.Combine(temp.Path, "fixtures");
        temp.Write("fixtures/s.yaml", "scenarios:\n  teapot: {status: 418}\n");
        temp.Write("fixtures/world.yaml", "seed: 7\n");
        await using var host = await MockHost.StartAsync(fixtures: fixtures);
        var options = new MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, fixtures, Port: 0, AppPort: 0, Watch: true);
        var reloaded = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new ReloadWatcher(host.Server, options, TimeProvider.System, _ => { });
        watcher.Reloaded += r => reloaded.TrySetResult(r);
        var before = await host.Client.PostAsync(host.Server.DirectUrl + ChatInfo, new StringContent("""{"userId":"u0001a"}""", System.Text.Encoding.UTF8, "application/json"));
        var world = await before.Content.ReadAsStringAsync();

        // When world.yaml is truncated to 0 bytes
        await File.WriteAllBytesAsync(Path.Combine(fixtures, "world.yaml"), []);

        // Then the reload is refused naming the file, and the same world and scenario still answer
        var error = await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(10));
        error.ShouldNotBeNull();
        error.ShouldContain("world.yaml:1: error: file: empty");
        using var teapot = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""", scenario: "teapot");
        ((int)teapot.StatusCode).ShouldBe(418);
        using var after = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001a"}""");
        (await after.Content.ReadAsStringAsync()).ShouldBe(world);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
