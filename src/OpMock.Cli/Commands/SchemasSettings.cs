using System.CommandLine;
using OpMock.Core.Diagnostics;

namespace OpMock.Cli.Commands;

/// <summary>What `opmock schemas` was asked for, bound once from the command line (or OPMOCK_* variables).</summary>
internal sealed record SchemasSettings(string Docs, string? Overrides, string Out, bool Check)
{
    public static SchemasSettings Bind(ParseResult result) => new(
        result.GetValue<string>("--docs")!,
        result.GetValue<string?>("--overrides"),
        result.GetValue<string>("--out")!,
        result.GetValue<bool>("--check"));

    /// <summary>Refuses what cannot work before the docs are read: the schemas go into a folder, not over a file.</summary>
    public void Validate()
    {
        if (File.Exists(Out))
        {
            throw new OpMockException($"--out {Out} is a file: the schemas are written into a folder");
        }
    }
}
