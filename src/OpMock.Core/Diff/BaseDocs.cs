using System.Diagnostics;
using System.Formats.Tar;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Diff;

/// <summary>
/// The docs to compare against: a folder as it is, or a git revision (origin/main, HEAD~1, a tag) whose copy
/// of the docs path — and the overrides.yaml beside it — is read with `git archive` into a temp folder,
/// deleted again when the comparison is done.
/// </summary>
internal sealed class BaseDocs : IDisposable
{
    /// <summary>git on a local repository answers in moments; a bound keeps a wedged git from hanging CI.</summary>
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(1);

    private readonly string? temp;

    private BaseDocs(string folder, string? overrides, string name, string? temp)
    {
        Folder = folder;
        Overrides = overrides;
        Name = name;
        this.temp = temp;
    }

    /// <summary>The docs folder to read.</summary>
    public string Folder { get; }

    /// <summary>The overrides.yaml beside it, when there is one.</summary>
    public string? Overrides { get; }

    /// <summary>How messages name a file of the base: the folder, or `REV:path` for a revision.</summary>
    public string Name { get; }

    /// <param name="value">--base as given: a folder, else a git revision.</param>
    /// <param name="docs">The new docs folder: its path inside its repository is the path read at the revision.</param>
    public static async Task<BaseDocs> OpenAsync(string value, string docs, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(value))
        {
            return new BaseDocs(value, Beside(value), value, null);
        }

        if (!Directory.Exists(docs))
        {
            throw new OpMockException($"docs folder not found: {docs}");
        }

        var (code, top, error) = await GitAsync(docs, ["rev-parse", "--show-toplevel"], cancellationToken);
        if (code != 0)
        {
            throw new OpMockException($"--base `{value}` is no folder, and {docs} is not in a git repository to read a revision from ({Trim(error)})");
        }

        var root = System.Text.Encoding.UTF8.GetString(top).Trim();
        var relative = Path.GetRelativePath(root, Path.GetFullPath(docs)).Replace('\\', '/').TrimEnd('/');
        if (relative.StartsWith("..", StringComparison.Ordinal))
        {
            throw new OpMockException($"{docs} is outside its git repository {root}");
        }

        (code, _, error) = await GitAsync(root, ["rev-parse", "--verify", "--quiet", value + "^{commit}"], cancellationToken);
        if (code != 0)
        {
            throw new OpMockException($"--base `{value}` is neither a folder nor a git revision of {root}");
        }

        var folder = Path.Combine(Path.GetTempPath(), "opmock-base-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            Directory.CreateDirectory(folder);
            var docsThere = Path.Combine(folder, "docs");
            Directory.CreateDirectory(docsThere);
            await ExtractAsync(root, value, relative, docsThere, cancellationToken);
            // Decisions live beside the docs they settle (schemas/docs → schemas/overrides.yaml), at that revision too.
            var overridesPath = (relative.Contains('/') ? relative[..(relative.LastIndexOf('/') + 1)] : "") + "overrides.yaml";
            string? overrides = null;
            (code, var text, _) = relative == "." ? (1, [], "") : await GitAsync(root, ["show", $"{value}:{overridesPath}"], cancellationToken);
            if (code == 0)
            {
                overrides = Path.Combine(folder, "overrides.yaml");
                await File.WriteAllBytesAsync(overrides, text, cancellationToken);
            }

            return new BaseDocs(docsThere, overrides, $"{value}:{relative}", folder);
        }
        catch
        {
            Delete(folder);
            throw;
        }
    }

    /// <summary>Names a file of the base as a user finds it: base/docs/x.txt, or origin/main:schemas/docs/x.txt.</summary>
    public string Locate(string file) => temp is null ? Path.Combine(Name, file) : $"{Name}/{file}";

    public void Dispose()
    {
        if (temp is not null)
        {
            Delete(temp);
        }
    }

    private static string? Beside(string docs)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(docs).TrimEnd(Path.DirectorySeparatorChar));
        var beside = parent is null ? null : Path.Combine(parent, "overrides.yaml");
        return beside is not null && File.Exists(beside) ? beside : null;
    }

    /// <summary>Only regular files whose path stays inside the target are written: an archive names no file elsewhere.</summary>
    private static async Task ExtractAsync(string root, string revision, string relative, string target, CancellationToken cancellationToken)
    {
        var (code, tar, error) = await GitAsync(root, ["archive", "--format=tar", revision, "--", relative], cancellationToken);
        if (code != 0)
        {
            throw new OpMockException($"--base `{revision}` has no {relative} ({Trim(error)})");
        }

        var prefix = relative == "." ? "" : relative + "/";
        var full = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
        await using var reader = new TarReader(new MemoryStream(tar));
        while (await reader.GetNextEntryAsync(cancellationToken: cancellationToken) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !entry.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(target, entry.Name[prefix.Length..]));
            if (!path.StartsWith(full, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await entry.ExtractToFileAsync(path, overwrite: true, cancellationToken);
        }
    }

    private static async Task<(int Code, byte[] Out, string Error)> GitAsync(string folder, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(folder);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new OpMockException("git could not be started");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new OpMockException($"--base names no folder, and git, needed to read a revision, could not be run: {e.Message}");
        }

        using (process)
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(GitTimeout);
            var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output, bound.Token);
            var error = process.StandardError.ReadToEndAsync(bound.Token);
            try
            {
                await Task.WhenAll(copy, error, process.WaitForExitAsync(bound.Token));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new OpMockException($"git {string.Join(' ', args)} did not answer within {GitTimeout.TotalSeconds:0} s");
            }

            return (process.ExitCode, output.ToArray(), await error);
        }
    }

    private static string Trim(string error) => error.Trim().Split('\n').LastOrDefault()?.Trim() ?? "";

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Temp is cleaned by the OS later; a leftover folder is no reason to fail the comparison.
        }
    }
}
