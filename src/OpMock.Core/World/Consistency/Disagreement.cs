using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;
using OpMock.Core.Json;

namespace OpMock.Core.World.Consistency;

/// <summary>
/// Two docs' examples saying different things about one entity (2.19 and a user-detail doc giving one user two icons).
/// The world keeps both where it can — each doc's sample answers its own example, other routes show the first doc's
/// (docs are read in id order) — and lint warns, naming both files and lines.
/// </summary>
/// <param name="Outcome">What the world does about it, for the warning.</param>
internal sealed record Disagreement(EntityKind Kind, string Id, string Field, ExampleSpot First, ExampleSpot Second, string Outcome)
{
    public Finding ToFinding() => new(Second.File, Second.Line, Severity.Warning,
        $"example disagrees with {First.File}:{First.Line} about {Word(Kind)} {Id}: {Field} is {Second.Value} here, {First.Value} there; {Outcome}");

    private static string Word(EntityKind kind) => kind switch
    {
        EntityKind.User => "user",
        EntityKind.Chat => "chat",
        EntityKind.Op => "OP",
        _ => "entity",
    };
}

/// <summary>Where a doc's example shows a value: its file and line, and the value as written.</summary>
internal sealed record ExampleSpot(string File, int Line, string Value)
{
    /// <summary>The line of the example that shows <paramref name="field"/> with this value (else the value, else the example's first line).</summary>
    public static ExampleSpot Of(ApiDoc doc, string field, JsonNode? value)
    {
        var text = value is null ? "null" : OpJson.ToCompactText(value);
        var line = doc.Example is { } example ? example.Line + LineOf(example.Text, field, text) : 0;
        return new ExampleSpot(doc.Path, line, text.Length > 60 ? text[..60] + "…" : text);
    }

    /// <summary>A doc's example as a whole, for what it shows by leaving out (a list without a chat).</summary>
    public static ExampleSpot Start(ApiDoc doc, string value) => new(doc.Path, doc.Example?.Line ?? 0, value);

    private static int LineOf(string example, string field, string value)
    {
        var lines = example.Split('\n');
        var key = "\"" + field + "\"";
        var both = Array.FindIndex(lines, l => l.Contains(key, StringComparison.Ordinal) && l.Contains(value, StringComparison.Ordinal));
        var any = Array.FindIndex(lines, l => l.Contains(value, StringComparison.Ordinal));
        return both >= 0 ? both : Math.Max(any, 0);
    }
}
