using OpMock.Core.Diagnostics;

namespace OpMock.Cli;

/// <summary>Prints findings as `file:line: severity: message`, with doc paths the user can open.</summary>
internal static class FindingWriter
{
    public static async Task WriteAsync(TextWriter writer, IEnumerable<Finding> findings, string? docs)
    {
        foreach (var finding in findings)
        {
            await writer.WriteLineAsync(Locate(finding, docs).ToString());
        }
    }

    /// <summary>Doc findings name the doc relative to the docs folder; other files are named as given.</summary>
    private static Finding Locate(Finding finding, string? docs) =>
        docs is null || finding.File.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(finding.File)
            ? finding
            : finding with { File = Path.Combine(docs, finding.File).Replace('\\', '/') };
}
