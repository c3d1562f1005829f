using OpMock.Core.Diagnostics;

namespace OpMock.Core.Validation;

/// <summary>Files mode: response bodies saved to files, all for one route, checked in the order given.</summary>
internal static class FileChecks
{
    public static async Task<ValidationReport> CheckAsync(
        ContractValidator validator, string route, string? reqUrl, IReadOnlyList<string> files, CancellationToken cancellationToken = default)
    {
        var sink = new CollectingSink();
        await CheckAsync(validator, route, reqUrl, files, sink, cancellationToken);
        return sink.Report;
    }

    public static async Task CheckAsync(
        ContractValidator validator, string route, string? reqUrl, IReadOnlyList<string> files, IResultSink sink, CancellationToken cancellationToken = default)
    {
        RequireRoute(validator, route, reqUrl);
        var missing = files.Where(f => !File.Exists(f) && !Directory.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            throw new OpMockException($"file not found: {string.Join(", ", missing)}");
        }

        foreach (var file in files)
        {
            RegularFile.Require(file, "response file");
        }

        foreach (var file in files)
        {
            if (new FileInfo(file).Length > BodyLimits.Checked)
            {
                await sink.SkipAsync(new SkippedResponse(file, BodyLimits.TooLarge), cancellationToken);
                continue;
            }

            // Bytes, not text: a file that is not valid UTF-8 is a finding, not silently repaired.
            var body = await File.ReadAllBytesAsync(file, cancellationToken);
            await sink.AddAsync(validator.Check(route, reqUrl, file, null, body), cancellationToken);
        }
    }

    /// <summary>A route the contract does not know is a usage error, not a violation: nothing could be checked.</summary>
    private static void RequireRoute(ContractValidator validator, string route, string? reqUrl)
    {
        var documented = string.Join(", ", validator.Routes);
        if (ContractValidator.IsTransfer(route))
        {
            if (reqUrl is null)
            {
                throw new OpMockException($"--route {route} needs --req-url: the direct route whose response it relays ({documented})");
            }

            if (ContractValidator.IsTransfer(reqUrl) || !validator.IsDocumented(reqUrl))
            {
                throw new OpMockException($"--req-url {reqUrl} is not a documented direct route; documented: {documented}");
            }
        }
        else if (!validator.IsDocumented(route))
        {
            throw new OpMockException($"--route {route} is not a documented route; documented: {documented}, {Docs.Endpoint.TransferRoute}");
        }
        else if (reqUrl is not null)
        {
            throw new OpMockException("--req-url only goes with --route /opapp/transfer");
        }
    }
}
