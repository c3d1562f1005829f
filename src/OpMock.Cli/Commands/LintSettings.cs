using System.CommandLine;
using OpMock.Core.Diagnostics;

namespace OpMock.Cli.Commands;

/// <summary>What `opmock lint` was asked for, bound once from the command line (or OPMOCK_* variables).</summary>
internal sealed record LintSettings(string Docs, string? Overrides, bool Strict)
{
    public static LintSettings Bind(ParseResult result) => new(
        result.GetValue<string>("--docs")!,
        result.GetValue<string?>("--overrides"),
        result.GetValue<bool>("--strict"));

    /// <summary>An overrides file the user named must be there: lint without it would report conflicts it settles.</summary>
    public void Validate()
    {
        if (Overrides is not null && !File.Exists(Overrides))
        {
            throw new OpMockException($"overrides file not found: {Overrides}");
        }
    }
}
