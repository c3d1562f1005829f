using OpMock.Core.Diagnostics;

namespace OpMock.Core.Validation;

/// <summary>One way a JSON body breaks its schema, at a JSON path such as data.chats[2].createTime.</summary>
/// <param name="Expected">What the schema wants (a type, a format, "present").</param>
/// <param name="Actual">What the body has (the offending value, compact JSON, or "missing").</param>
/// <param name="Line">The line in the body (1-based), 0 when unknown.</param>
internal sealed record Violation(string Path, string Expected, string Actual, Severity Severity, string Message, int Line)
{
    public override string ToString() => $"{Path}: {Message}";
}
