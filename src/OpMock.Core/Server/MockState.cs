using System.Collections.Immutable;
using OpMock.Core.Diagnostics;
using OpMock.Core.Fixtures;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Core.World;
using OpMock.Core.World.Actions;

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
    /// <summary>What each direct route's requests do to the world (World/Actions).</summary>
    public EffectTable Effects { get; init; } = EffectTable.Empty;

    // Computed once: every request looks routes up.
    private readonly ImmutableDictionary<string, EndpointSchemas> direct = Contract.Endpoints.Where(e => !e.Endpoint.IsTransfer)
        .GroupBy(e => e.Endpoint.Route, StringComparer.OrdinalIgnoreCase)
        .ToImmutableDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    private readonly ImmutableDictionary<string, EndpointSchemas> transfers = Contract.Endpoints
        .Where(e => e.Endpoint.IsTransfer && e.Endpoint.TransferTarget is not null)
        .GroupBy(e => e.Endpoint.TransferTarget!, StringComparer.OrdinalIgnoreCase)
        .ToImmutableDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The direct endpoints, as the transfer's reqUrl may name them.</summary>
    public ImmutableArray<EndpointSchemas> DirectEndpoints { get; } = [.. Contract.Endpoints.Where(e => !e.Endpoint.IsTransfer)];

    public ImmutableArray<string> DirectRoutes { get; } =
        [.. Contract.Endpoints.Where(e => !e.Endpoint.IsTransfer).Select(e => e.Endpoint.Route).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];

    public EndpointSchemas? Direct(string route) => direct.GetValueOrDefault(route);

    /// <summary>The transfer doc that relays to a direct route (2.9 for 2.36), when there is one.</summary>
    public EndpointSchemas? TransferFor(string route) => transfers.GetValueOrDefault(route);

    /// <param name="time">The clock the world's anchor follows (unless a fixture freezes it): the server's.</param>
    /// <param name="warm">True: today's world is built before the state is returned. False: the caller builds it
    /// (<see cref="WorldData.World"/>) while it does other work, and must await that before calling the state loaded.</param>
    public static async Task<MockState> LoadAsync(string docs, string? overrides, string? fixtures, int? seed, TimeProvider? time = null, CancellationToken cancellationToken = default,
        bool warm = true)
    {
        var contract = await ApiContract.LoadAsync(docs, overrides, cancellationToken);
        if (contract.HasErrors)
        {
            throw new InvalidInputException([.. contract.Findings.Where(f => f.Severity == Severity.Error)], docs);
        }

        // The request checkers' shapes compile on another core while fixtures load and the day's world is generated
        // (NJsonSchema's schemas wait for the first request that needs one).
        var compiling = Task.Run(() => Compile(contract), cancellationToken);
        var set = await FixtureLoader.LoadAsync(fixtures, cancellationToken);
        if (seed is { } pinnedSeed)
        {
            set = set with { World = set.World with { Seed = pinnedSeed } };
        }

        var findings = new List<Finding>();
        var effects = EffectTable.Build(contract.Endpoints.Select(e => e.Endpoint), set.Effects, findings);
        Preconditions.CheckRoutes(contract.Endpoints.Select(e => e.Endpoint), set.Errors.Routes.Values.Select(r => (r.Route, r.File, r.Line)), findings);
        // The kinds the docs describe (tickets, quick replies …) beside the built-in ones, as the fixtures name, merge
        // or split them: the same table every day.
        var kinds = World.Kinds.KindDiscovery.Discover(contract.Endpoints.Select(e => e.Endpoint), set.Kinds, findings);
        if (findings.Count > 0)
        {
            throw new InvalidInputException(findings);
        }

        // A write's example shows the world after the write, not the seeded one: it is no fact about the seeded world.
        // The world of each China day: examples are read again for each, as their facts place generated chats before the anchor.
        // Every route's examples are facts, read against the kinds table (a ticket's detail tells of that ticket).
        var endpoints = contract.Endpoints.Select(e => e.Endpoint).Where(e => !effects.Writes(e.IsTransfer ? e.TransferTarget ?? "" : e.Route)).ToImmutableArray();
        var worlds = new DailyWorld(set.World, options => new OpWorld(options, set.Pins, ExampleFacts.Read(endpoints, options, kinds), kinds), time ?? TimeProvider.System);
        if (warm)
        {
            _ = worlds.Today;
        }
        return new MockState(contract, set, new WorldData(worlds, contract), await compiling) { Effects = effects };
    }

    /// <summary>
    /// Each endpoint's request checker: its compiled shape now, NJsonSchema's schema when a request first needs it
    /// (<see cref="SchemaChecker.Deferred"/>).
    /// </summary>
    private static ImmutableDictionary<string, SchemaChecker> Compile(ApiContract contract)
    {
        var checkers = ImmutableDictionary.CreateBuilder<string, SchemaChecker>();
        foreach (var endpoint in contract.Endpoints)
        {
            checkers[endpoint.Endpoint.Id] = SchemaChecker.Deferred(endpoint.Request);
        }

        return checkers.ToImmutable();
    }
}
