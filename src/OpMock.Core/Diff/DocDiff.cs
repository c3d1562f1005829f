using OpMock.Core.Diagnostics;
using OpMock.Core.Schemas;

namespace OpMock.Core.Diff;

/// <summary>
/// `opmock diff` as one call: reads the base (a folder or a git revision) and the new docs through the same
/// Docs → Schemas pipeline, compares them, and replays recorded traffic against both.
/// </summary>
internal static class DocDiff
{
    /// <param name="overrides">The new docs' overrides.yaml (the base's is the one beside it, at its revision).</param>
    /// <param name="har">HAR files, or folders of them (the proxy's --record folder); empty for none.</param>
    public static async Task<DiffReport> RunAsync(string baseValue, string docs, string? overrides, IReadOnlyList<string> har, ChangeSeverity failOn, CancellationToken cancellationToken = default)
    {
        var before = await LoadBaseAsync(baseValue, docs, cancellationToken);
        var after = Readable(await ApiContract.LoadAsync(docs, overrides, cancellationToken), f => Path.Combine(docs, f));
        var changes = ContractDiff.Compare(before, after);
        var traffic = har.Count == 0 ? ReplayResult.None
            : await (await TrafficReplay.CreateAsync(before, after, changes)).ReplayAsync(har, cancellationToken);
        return new DiffReport(baseValue, docs, changes, traffic, failOn);
    }

    /// <summary>The base's contract (`serve --base` compares the served docs with it on every reload); its temp copy is gone on return.</summary>
    public static async Task<ApiContract> LoadBaseAsync(string baseValue, string docs, CancellationToken cancellationToken = default)
    {
        using var based = await BaseDocs.OpenAsync(baseValue, docs, cancellationToken);
        return Readable(await ApiContract.LoadAsync(based.Folder, based.Overrides, cancellationToken), based.Locate);
    }

    /// <summary>A doc that does not read is bad input (exit 2), its findings naming the file as the user finds it.</summary>
    private static ApiContract Readable(ApiContract contract, Func<string, string> locate)
    {
        if (!contract.HasErrors)
        {
            return contract;
        }

        // overrides.yaml findings already name their file in full.
        throw new InvalidInputException([.. contract.Findings.Where(f => f.Severity == Severity.Error)
            .Select(f => Path.IsPathRooted(f.File) || f.File.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ? f : f with { File = locate(f.File) })]);
    }
}
