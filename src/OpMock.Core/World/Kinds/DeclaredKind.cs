using System.Collections.Immutable;

namespace OpMock.Core.World.Kinds;

/// <summary>A word of a fixture and the line it is on, so a mistake found against the docs names its file:line.</summary>
internal readonly record struct Located(string Text, int Line);

/// <summary>
/// A kind a fixture names, merges or splits where the docs cannot tell (`kinds:` in fixtures/*.yaml): its name, the id
/// fields that name its entities (two or more merge them: <c>orderId</c> and <c>orderNo</c> name one order), the routes
/// on which they do (a split: <c>recordId</c> names a call on the call routes and a visit on the visit routes), and
/// relations the doc words do not show (<c>auditorNo: op</c>). Checked against the docs by <see cref="KindDiscovery"/>.
/// </summary>
/// <param name="Ids">Empty: the kind the docs' discovery named <paramref name="Name"/>, renamed or given relations only.</param>
/// <param name="Routes">Empty: every route showing the ids (but those another declared kind claims by route).</param>
internal sealed record DeclaredKind(string Name, ImmutableArray<Located> Ids, ImmutableArray<Located> Routes, ImmutableArray<(Located Field, Located Kind)> Relations, string File, int Line)
{
    /// <summary>A finding about this declaration, at <paramref name="line"/> of its file.</summary>
    public Diagnostics.Finding Error(int line, string message) => new(File, line, Diagnostics.Severity.Error, $"kinds.{Name}: {message}");
}
