using Microsoft.AspNetCore.Http;
using WireMock;

namespace OpMock.Core.Server;

/// <summary>The mappings OpMock put on one server: one per route, and the catch-all.</summary>
internal sealed record OurMappings(IReadOnlyCollection<IMapping> All, IReadOnlyDictionary<string, IMapping> Routes, IMapping CatchAll)
{
    /// <summary>The mapping WireMock would have chosen for a request without a scenario.</summary>
    public IMapping For(string method, string? route) =>
        HttpMethods.IsPost(method) && route is not null && Routes.TryGetValue(route, out var mapping) ? mapping : CatchAll;
}
