namespace OpMock.Core.Diagnostics;

internal enum Severity
{
    Info,
    Warning,
    Error,
}

/// <summary>One thing worth telling the user about an input file, located to its line.</summary>
/// <param name="File">The file as the user named it (relative to the docs folder where there is one).</param>
/// <param name="Line">1-based line; 0 when the finding is about the file as a whole.</param>
internal sealed record Finding(string File, int Line, Severity Severity, string Message)
{
    public override string ToString() =>
        $"{File}:{Line}: {Severity.ToString().ToLowerInvariant()}: {Message}";
}
