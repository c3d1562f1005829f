using OpMock.Core.Diagnostics;
using OpMock.Core.Transfer;

namespace OpMock.Core.Validation.Har;

/// <summary>
/// HAR mode: every entry to a documented route (or to the transfer relay, with the reqUrl its request
/// body names) is checked; every other entry is skipped with the reason. Outcomes go to a sink as each
/// entry is read, so a HAR of any size is checked in the memory of its largest entry.
/// </summary>
internal static class HarChecks
{
    public const string NotDocumented = "not a documented route";
    public const string NoResponse = "no response (status 0: blocked, aborted or cached by the browser)";
    public const string NotCaptured = "body not saved in the HAR (content.text missing)";
    public const string BadBase64 = "content.text is not valid base64";
    public const string Preflight = "CORS preflight or HEAD request (no body to check)";

    /// <summary>Checks and keeps every outcome: for tests and small sessions.</summary>
    public static async Task<ValidationReport> CheckAsync(ContractValidator validator, IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        var sink = new CollectingSink();
        await CheckAsync(validator, paths, sink, cancellationToken);
        return sink.Report;
    }

    /// <param name="paths">HAR files, or folders whose *.har files are read in name order (`proxy --record`).</param>
    public static async Task CheckAsync(ContractValidator validator, IReadOnlyList<string> paths, IResultSink sink, CancellationToken cancellationToken = default)
    {
        foreach (var file in Expand(paths))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await foreach (var entry in HarReader.ReadAsync(stream, file, cancellationToken))
            {
                var source = $"{file} entries[{entry.Index}]";
                var reqUrl = ContractValidator.IsTransfer(entry.Path) ? ReqUrl.Find(entry.RequestReqUrlParam, entry.RequestText) : null;
                if (entry.Error is { } error && validator.IsDocumented(entry.Path) && entry.Method.ToUpperInvariant() is not ("OPTIONS" or "HEAD"))
                {
                    // A request that got no answer is evidence too (the proxy records its 502s and 504s this way).
                    await sink.AddAsync(validator.NoResponse(entry.Path, reqUrl, source, "no response", $"no response: {error}"), cancellationToken);
                    continue;
                }

                var reason = SkipReason(validator, entry);
                byte[]? bytes = null;
                if (reason is null && !entry.TryReadBytes(out bytes))
                {
                    reason = BadBase64;
                }

                if (reason is not null)
                {
                    await sink.SkipAsync(new SkippedResponse(source, entry.Oddities.IsEmpty ? reason : $"{reason}; {string.Join("; ", entry.Oddities)}"), cancellationToken);
                    continue;
                }

                // A status that is no HTTP status is a finding of its own; the body is still checked, without one.
                var status = entry.BadStatus is null ? entry.Status : (int?)null;
                var result = bytes is null
                    ? validator.Check(entry.Path, reqUrl, source, status, entry.Text ?? "")
                    : validator.Check(entry.Path, reqUrl, source, status, bytes);
                IEnumerable<Violation> found = [.. entry.Oddities.Select(o => new Violation("$", "a HAR entry of valid text", "invalid text", Severity.Error, o, 0))];
                if (entry.BadStatus is { } bad)
                {
                    found = found.Append(new Violation("status", "an HTTP status (100-999, or 0 for no response)", BodyText.Sample(bad), Severity.Error,
                        $"the HAR's response.status {BodyText.Sample(bad)} is not an HTTP status; the body was checked without one", 0));
                }

                await sink.AddAsync(entry.Oddities.IsEmpty && entry.BadStatus is null ? result : result with { Violations = [.. found, .. result.Violations] }, cancellationToken);
            }
        }
    }

    private static string? SkipReason(ContractValidator validator, HarEntry entry) =>
        !validator.IsDocumented(entry.Path) ? NotDocumented
        : entry.Method.ToUpperInvariant() is "OPTIONS" or "HEAD" ? Preflight
        : entry.Status == 0 && entry.BadStatus is null ? NoResponse
        // A body the server really sent empty has size 0; a positive or unknown size with no text was not saved.
        : entry.Text is null && entry.Size != 0 ? NotCaptured
        : null;

    /// <summary>Every path is checked before any is read: a FIFO or a typo ends the run before it starts.</summary>
    public static List<string> Expand(IReadOnlyList<string> paths)
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
            else
            {
                files.Add(path);
            }
        }

        foreach (var file in files)
        {
            RegularFile.Require(file, "HAR file");
        }

        return files;
    }
}
