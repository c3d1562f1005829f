namespace OpMock.Core.Diagnostics;

/// <summary>
/// A problem with the user's input or environment that the CLI reports as one clear line
/// (never a stack trace). Anything else that escapes is a bug in OpMock.
/// </summary>
internal class OpMockException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The input files had errors; the findings say where.</summary>
/// <param name="docs">The docs folder the findings' doc paths are relative to, when they are about docs.</param>
internal sealed class InvalidInputException(IReadOnlyList<Finding> findings, string? docs = null)
    : OpMockException(string.Join(Environment.NewLine, findings))
{
    public IReadOnlyList<Finding> Findings { get; } = findings;

    public string? Docs { get; } = docs;
}
