using WireMock;

namespace OpMock.Core.Server;

/// <summary>The mappings OpMock put on one server: one per route, and the catch-all.</summary>
/// <param name="Methods">Each route's documented method: its mapping takes only that one.</param>
internal sealed record OurMappings(
    IReadOnlyCollection<IMapping> All, IReadOnlyDictionary<string, IMapping> Routes, IReadOnlyDictionary<string, string> Methods, IMapping CatchAll)
{
    /// <summary>The mapping WireMock would have chosen for a request without a scenario.</summary>
    public IMapping For(string method, string? route) =>
        route is not null && Routes.TryGetValue(route, out var mapping) && string.Equals(Methods[route], method, StringComparison.OrdinalIgnoreCase)
            ? mapping : CatchAll;
}
