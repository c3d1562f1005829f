using System.Collections.Immutable;

namespace OpMock.Core.Docs;

/// <summary>
/// A documented route, ready for schemas, the world and the server: its doc, its input fields and
/// its response fields with every reference resolved (a linked response is already followed).
/// </summary>
/// <param name="ResponseSource">The doc whose tables define the response (2.9's is get-op-api/2.36).</param>
internal sealed record Endpoint(
    ApiDoc Doc,
    ImmutableArray<DocField> Input,
    ImmutableArray<DocField> Output,
    ImmutableArray<DocSection> Sections,
    string ResponseSource)
{
    /// <summary>The app's relay: one route for many docs, each naming its direct route in reqUrl.</summary>
    public const string TransferRoute = "/opapp/transfer";

    public string Id => Doc.Id;

    public string Route => Doc.Route;

    public string Method => Doc.Method;

    public bool IsTransfer => string.Equals(Route, TransferRoute, StringComparison.OrdinalIgnoreCase);

    /// <summary>For a transfer doc: the direct route it relays to, when the doc says which.</summary>
    public string? TransferTarget { get; init; }

    public DocSection? Section(string? name) =>
        name is null ? null : Sections.FirstOrDefault(s => s.Name == name);
}
