using System.Collections.Immutable;
using OpMock.Core.Diagnostics;
using OpMock.Core.Transfer;

namespace OpMock.Core.Validation.Har;

/// <summary>
/// HAR mode: every entry to a documented route (or to the transfer relay, with the reqUrl its request
/// body names) is checked; every other entry is counted as skipped with the reason.
/// </summary>
internal static class HarChecks
{
    public const string NotDocumented = "not a documented route";
    public const string NoResponse = "no response (status 0: blocked, aborted or cached by the browser)";
    public const string NotCaptured = "body not saved in the HAR (content.text missing)";
    public const string BadBase64 = "content.text is not valid base64";
    public const string Preflight = "CORS preflight or HEAD request (no body to check)";

    /// <param name="paths">HAR files, or folders whose *.har files are read in name order (`proxy --record`).</param>
    public static async Task<ValidationReport> CheckAsync(ContractValidator validator, IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        var files = Expand(paths);
        var results = ImmutableArray.CreateBuilder<CheckedResponse>();
        var skipped = ImmutableArray.CreateBuilder<SkippedResponse>();
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await foreach (var entry in HarReader.ReadAsync(stream, file, cancellationToken))
            {
                var source = $"{file} entries[{entry.Index}]";
                var reason = SkipReason(validator, entry);
                string body = "";
                if (reason is null && !entry.TryReadBody(out body))
                {
                    reason = BadBase64;
                }

                if (reason is null)
                {
                    var reqUrl = ContractValidator.IsTransfer(entry.Path) ? ReqUrl.Find(entry.RequestReqUrlParam, entry.RequestText) : null;
                    results.Add(validator.Check(entry.Path, reqUrl, source, entry.Status, body));
                }
                else
                {
                    skipped.Add(new SkippedResponse(source, reason));
                }
            }
        }

        return new ValidationReport(results.ToImmutable(), skipped.ToImmutable());
    }

    private static string? SkipReason(ContractValidator validator, HarEntry entry) =>
        !validator.IsDocumented(entry.Path) ? NotDocumented
        : entry.Method.ToUpperInvariant() is "OPTIONS" or "HEAD" ? Preflight
        : entry.Status == 0 ? NoResponse
        // A body the server really sent empty has size 0; a positive or unknown size with no text was not saved.
        : entry.Text is null && entry.Size != 0 ? NotCaptured
        : null;

    private static List<string> Expand(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*.har").Order(StringComparer.Ordinal).ToList();

                // An empty folder is a mistake (a wrong --record folder), not a clean run.
                files.AddRange(found.Count > 0 ? found : throw new OpMockException($"no .har files in {path}"));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new OpMockException($"HAR file not found: {path}");
            }
        }

        return files;
    }
}
