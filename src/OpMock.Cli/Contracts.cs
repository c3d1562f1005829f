using OpMock.Core.Diagnostics;
using OpMock.Core.Schemas;

namespace OpMock.Cli;

/// <summary>
/// The docs every command reads, loaded one way. A doc (or overrides file) that does not read is a usage error for
/// every command alike — exit 2 with its `file:line: error:` lines, through <see cref="ExitCodes"/> — whether the
/// command stops at once (validate, proxy, serve) or first does what the readable docs allow (schemas, openapi, lint).
/// </summary>
internal static class Contracts
{
    /// <summary>The contract, or the docs' errors thrown.</summary>
    public static async Task<ApiContract> LoadAsync(string docs, string? overrides, CancellationToken cancel)
    {
        var contract = await LoadReadableAsync(docs, overrides, cancel);
        ThrowIfBroken(contract, docs);
        return contract;
    }

    /// <summary>The contract of whatever reads, errors and all: call <see cref="ThrowIfBroken"/> once the rest is done.</summary>
    public static Task<ApiContract> LoadReadableAsync(string docs, string? overrides, CancellationToken cancel) =>
        ApiContract.LoadAsync(docs, CommonOptions.OverridesFor(docs, overrides), cancel);

    public static void ThrowIfBroken(ApiContract contract, string docs)
    {
        if (contract.HasErrors)
        {
            throw new InvalidInputException([.. contract.Findings.Where(f => f.Severity == Severity.Error)], docs);
        }
    }
}
