using System.Collections.Immutable;
using OpMock.Core.Diagnostics;
using OpMock.Core.Fixtures;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Core.World;

namespace OpMock.Core.Server;

/// <summary>
/// Everything the server answers from, loaded and checked as a whole: the contract, the fixtures,
/// the world and a compiled request checker per endpoint. A reload builds a new one and swaps it in
/// only when it loaded without errors, so the server never runs half-configured.
/// </summary>
internal sealed record MockState(
    ApiContract Contract,
    FixtureSet Fixtures,
    WorldData Data,
    ImmutableDictionary<string, SchemaChecker> RequestCheckers)
{
    /// <summary>The direct routes, as the transfer's reqUrl may name them.</summary>
    public ImmutableArray<EndpointSchemas> DirectEndpoints => [.. Contract.Endpoints.Where(e => !e.Endpoint.IsTransfer)];

    public ImmutableArray<string> DirectRoutes => [.. DirectEndpoints.Select(e => e.Endpoint.Route).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The transfer doc that relays to a direct route (2.9 for 2.36), when there is one.</summary>
    public EndpointSchemas? TransferFor(string route) => Contract.Endpoints.FirstOrDefault(e =>
        e.Endpoint.IsTransfer && string.Equals(e.Endpoint.TransferTarget, route, StringComparison.OrdinalIgnoreCase));

    public static async Task<MockState> LoadAsync(string docs, string? overrides, string? fixtures, int? seed, CancellationToken cancellationToken = default)
    {
        var contract = await ApiContract.LoadAsync(docs, overrides, cancellationToken);
        if (contract.HasErrors)
        {
            throw new InvalidInputException([.. contract.Findings.Where(f => f.Severity == Severity.Error)]);
        }

        var set = await FixtureLoader.LoadAsync(fixtures, cancellationToken);
        if (seed is { } pinnedSeed)
        {
            set = set with { World = set.World with { Seed = pinnedSeed } };
        }

        var checkers = ImmutableDictionary.CreateBuilder<string, SchemaChecker>();
        foreach (var endpoint in contract.Endpoints)
        {
            checkers[endpoint.Endpoint.Id] = await SchemaChecker.CompileAsync(endpoint.Request);
        }

        return new MockState(contract, set, new WorldData(new OpWorld(set.World, set.Pins)), checkers.ToImmutable());
    }
}
