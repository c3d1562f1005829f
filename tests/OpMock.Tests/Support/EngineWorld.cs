using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Core.World;

namespace OpMock.Tests.Support;

/// <summary>
/// A doc set answered in process by one engine, without sockets, so property tests can ask thousands of entities
/// quickly: the base of the test worlds (<c>ListsWorld</c>, <c>RulesWorld</c>, <c>KindsWorld</c>, <c>LedgerWorld</c>),
/// which differ only in their docs, their fixture and their clock.
/// </summary>
public abstract class EngineWorld : IAsyncLifetime
{
    private readonly TempFolder temp = new();

    internal MockEngine Engine { get; private set; } = null!;

    internal OpWorld World => Engine.State.Data.World;

    internal string Docs { get; private set; } = null!;

    internal string Overrides => Path.Combine(temp.Path, "overrides.yaml");

    /// <summary>The world's fixture (fixtures/world.yaml), or null for none.</summary>
    private protected virtual string? Fixture => null;

    /// <summary>The engine's clock.</summary>
    private protected virtual TimeProvider Time => TimeProvider.System;

    public async Task InitializeAsync()
    {
        Docs = WriteDocs(temp);
        var fixtures = Fixture is { } yaml ? Path.GetDirectoryName(temp.Write("fixtures/world.yaml", yaml)) : null;
        Engine = new MockEngine(await MockState.LoadAsync(Docs, Overrides, fixtures, seed: null), Time);
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>One request answered by <paramref name="engine"/>: its status and whole envelope, in a session (null: the seeded world's default).</summary>
    internal static (int Status, JsonObject Body) Answer(MockEngine engine, string method, string route, string body, IReadOnlyDictionary<string, string> query, string? session = null, bool app = false)
    {
        var request = MockRequest.Create(method, route, method == "GET" ? null : "application/json", Encoding.UTF8.GetBytes(body), query.ToImmutableDictionary(), scenario: null);
        request = session is null ? request : request with { Session = session };
        // The in-memory session store answers at once: the engine's answer is ready when it returns.
        var reply = engine.HandleAsync(request, app, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return (reply.Status, JsonNode.Parse(reply.Body)!.AsObject());
    }

    /// <summary>One request answered by this world's engine.</summary>
    internal (int Status, JsonObject Body) Answer(string method, string route, string body, IReadOnlyDictionary<string, string> query, string? session = null, bool app = false) =>
        Answer(Engine, method, route, body, query, session, app);

    /// <summary>Writes the world's docs into <paramref name="temp"/>; their folder.</summary>
    private protected abstract string WriteDocs(TempFolder temp);
}
