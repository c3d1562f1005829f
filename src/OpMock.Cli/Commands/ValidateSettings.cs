using System.CommandLine;
using OpMock.Core.Diagnostics;

namespace OpMock.Cli.Commands;

/// <summary>What `opmock validate` was asked for, bound once from the command line (or OPMOCK_* variables).</summary>
internal sealed record ValidateSettings(
    string Docs, string? Overrides, bool Strict, string Format, string? Junit, string? Html,
    string? Route, string? ReqUrl, string[] Files, string[] Har,
    string? BaseUrl, string? AppUrl, string? Query, string Timeout,
    int Cases, int Seed, int Concurrency, double? Rate)
{
    public static ValidateSettings Bind(ParseResult result) => new(
        result.GetValue<string>("--docs")!, result.GetValue<string?>("--overrides"), result.GetValue<bool>("--strict"), result.GetValue<string>("--format")!,
        result.GetValue<string?>("--junit"), result.GetValue<string?>("--html"),
        result.GetValue<string?>("--route"), result.GetValue<string?>("--req-url"), result.GetValue<string[]>("files") ?? [], result.GetValue<string[]>("--har") ?? [],
        result.GetValue<string?>("--base-url"), result.GetValue<string?>("--app-url"), result.GetValue<string?>("--query"), result.GetValue<string>("--timeout")!,
        result.GetValue<int>("--cases"), result.GetValue<int>("--seed"), result.GetValue<int>("--concurrency"), result.GetValue<double?>("--rate"));

    /// <summary>Refuses a combination that cannot run (one line, exit 2) before the docs are read.</summary>
    public void Validate()
    {
        // With a files argument, System.CommandLine takes a mistyped option for a file name.
        if (Files.FirstOrDefault(f => f.StartsWith("--", StringComparison.Ordinal)) is { } unknown)
        {
            throw new OpMockException($"unknown option {unknown}");
        }

        var modes = new[] { Route is not null || Files.Length > 0, Har.Length > 0, BaseUrl is not null }.Count(m => m);
        if (modes != 1)
        {
            throw new OpMockException("choose one mode: --route ROUTE FILE…, --har FILE…, or --base-url URL");
        }

        // Options of another mode would be silently ignored; saying so saves a puzzled CI run.
        if (BaseUrl is null && (AppUrl ?? Query) is not null)
        {
            throw new OpMockException("--app-url and --query only go with --base-url");
        }

        if (Cases < 0 || Concurrency < 1 || Rate is <= 0)
        {
            throw new OpMockException("--cases must be 0 or more, --concurrency 1 or more, --rate above 0");
        }

        if (BaseUrl is null && Cases > 0)
        {
            throw new OpMockException("--cases only goes with --base-url");
        }

        if (Route is null && ReqUrl is not null)
        {
            throw new OpMockException("--req-url only goes with --route /opapp/transfer");
        }
    }
}
