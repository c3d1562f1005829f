namespace OpMock.Core.Server;

/// <summary>
/// `--watch`: reloads docs and fixtures after they change (debounced, as editors write in bursts).
/// A broken edit keeps the last good state serving and reports why.
/// </summary>
internal sealed class ReloadWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private readonly MockServer server;
    private readonly Action<string> report;
    private readonly List<FileSystemWatcher> watchers = [];
    private readonly Dictionary<string, FileSystemWatcher> folders = new(StringComparer.Ordinal);
    private readonly Lock rewatching = new();
    private readonly ITimer timer;
    private readonly SemaphoreSlim gate = new(1, 1);

    public ReloadWatcher(MockServer server, MockServerOptions options, TimeProvider time, Action<string> report)
    {
        this.server = server;
        this.report = report;
        timer = time.CreateTimer(_ => _ = ReloadAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Watch(options.Docs, "*.*", recursive: true);
        if (options.Fixtures is { } fixtures)
        {
            Watch(fixtures, "*.y*ml", recursive: false);
        }

        if (options.Overrides is { } overrides && Path.GetDirectoryName(Path.GetFullPath(overrides)) is { } folder)
        {
            Watch(folder, Path.GetFileName(overrides), recursive: false);
        }
    }

    /// <summary>Raised after each reload attempt, with null on success or the reason it failed.</summary>
    public event Action<string?>? Reloaded;

    public void Dispose()
    {
        lock (rewatching)
        {
            foreach (var watcher in watchers.Concat(folders.Values))
            {
                watcher.Dispose();
            }

            watchers.Clear();
            folders.Clear();
        }

        timer.Dispose();
    }

    /// <summary>
    /// Watches a folder's contents, and its parent for the folder itself: a watcher follows the folder it was
    /// given, so after `mv fixtures old && cp -r new fixtures` it would watch `old`. When the name reappears,
    /// the folder is watched again and reloaded.
    /// </summary>
    private void Watch(string folder, string filter, bool recursive)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(full))
        {
            return;
        }

        WatchContents(full, filter, recursive);
        if (Path.GetDirectoryName(full) is { } parent && Directory.Exists(parent))
        {
            var name = Path.GetFileName(full);
            var above = new FileSystemWatcher(parent, name) { NotifyFilter = NotifyFilters.DirectoryName | NotifyFilters.FileName };
            void Replaced()
            {
                WatchContents(full, filter, recursive);
                Touch();
            }

            above.Created += (_, _) => Replaced();
            above.Renamed += (_, e) => { if (e.Name == name) { Replaced(); } };
            above.Deleted += (_, _) => Touch();
            above.EnableRaisingEvents = true;
            lock (rewatching)
            {
                watchers.Add(above);
            }
        }
    }

    private void WatchContents(string folder, string filter, bool recursive)
    {
        lock (rewatching)
        {
            if (folders.Remove(folder, out var old))
            {
                old.Dispose();
            }

            if (!Directory.Exists(folder))
            {
                return;
            }

            var watcher = new FileSystemWatcher(folder, filter) { IncludeSubdirectories = recursive };
            watcher.Changed += (_, _) => Touch();
            watcher.Created += (_, _) => Touch();
            watcher.Deleted += (_, _) => Touch();
            watcher.Renamed += (_, _) => Touch();
            watcher.EnableRaisingEvents = true;
            folders[folder] = watcher;
        }
    }

    private void Touch() => timer.Change(Quiet, Timeout.InfiniteTimeSpan);

    private async Task ReloadAsync()
    {
        await gate.WaitAsync();
        try
        {
            await server.ReloadAsync();
            report($"reloaded: {server.Engine.State.DirectRoutes.Length} routes");
            Reloaded?.Invoke(null);
        }
        catch (Diagnostics.OpMockException e)
        {
            report($"reload failed; still serving the last good state:{Environment.NewLine}{e.Message}");
            Reloaded?.Invoke(e.Message);
        }
        catch (Exception e)
        {
            // IO trouble, or a bug: either way the last good state keeps serving, and the user hears why.
            var why = e is IOException or UnauthorizedAccessException ? e.Message : $"OpMock could not load the files ({e.GetType().Name}); this is a bug in OpMock, please report it with the files";
            report($"reload failed; still serving the last good state: {why}");
            Reloaded?.Invoke(why);
        }
        finally
        {
            gate.Release();
        }
    }
}
