using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Diff;
using OpMock.Core.Diff.Reports;
using OpMock.Core.Fixtures;
using OpMock.Core.Schemas;
using OpMock.Core.Server;
using OpMock.Core.Validation;
using OpMock.Core.World.State;

namespace OpMock.Core.Console;

/// <summary>
/// The console as `opmock serve` hosts it on both its ports: routes from the served docs, checks against their
/// response schemas, the world, scenarios from the fixtures and the sessions admin endpoints. Follows reloads:
/// everything is read from the current engine's state.
/// </summary>
/// <param name="baseDocs">With `serve --base OLD`: the base as named, and its contract, for the Changes view.</param>
internal sealed class ServeConsole(Func<MockEngine> engine, Func<(int Direct, int App)> ports, (string Name, ApiContract Contract)? baseDocs = null) : IConsoleHost
{
    public const string SessionsPath = Server.SessionsAdmin.SessionsPath;
    public const string ResetPath = Server.SessionsAdmin.ResetPath;

    // Response schemas compiled once per loaded state (a reload brings new docs).
    private (MockState State, Task<ContractValidator> Validator)? validator;

    // The comparison with the base, once per loaded state: a reload that edits a doc shows in the view.
    private Compared? changes;

    public IEnumerable<int> Ports => [ports().Direct, ports().App];

    public JsonObject Info(HttpRequest request)
    {
        var (direct, app) = ports();
        var scenarios = engine().State.Fixtures.Scenarios.Values.OrderBy(s => s.Name, StringComparer.Ordinal);
        return new JsonObject
        {
            ["host"] = "serve",
            ["targets"] = new JsonArray(
                Target("direct", "direct API", request, direct, false),
                Target("app", $"app API ({Docs.Endpoint.TransferRoute})", request, app, true)),
            ["transferRoute"] = Docs.Endpoint.TransferRoute,
            ["scenarios"] = new JsonArray([.. scenarios.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["summary"] = Summary(s) })]),
            ["headers"] = new JsonObject { ["session"] = SessionName.Header, ["scenario"] = MockEngine.ScenarioHeader },
            ["sessions"] = new JsonObject { ["list"] = SessionsPath, ["reset"] = ResetPath, ["defaultName"] = SessionName.Default },
            ["world"] = true,
            ["changes"] = baseDocs is { } based ? based.Name : null,
        };
    }

    public JsonObject Routes()
    {
        var state = engine().State;
        return RouteCatalog.For(state.Contract, state.Data.World);
    }

    public async Task<CheckedResponse?> CheckAsync(string route, string? reqUrl, int? status, string body)
    {
        var state = engine().State;
        var current = validator;
        if (current is not { } cached || !ReferenceEquals(cached.State, state))
        {
            current = (state, ContractValidator.CreateAsync(state.Contract, strict: false));
            validator = current;
        }

        var checker = await current.Value.Validator;
        return checker.IsDocumented(route) ? checker.Check(route, reqUrl, "console", status, body) : null;
    }

    public async Task<(JsonObject? Found, string? Problem)> WorldAsync(string query, string? kind, string session, CancellationToken cancel)
    {
        var current = engine();
        // Read without touching the session's last use: looking is not using.
        var snapshot = await current.Sessions.Store.ReadAsync(session, cancel);
        var found = new WorldLookup(current.State, snapshot.Version == 0 ? Overlay.Empty : new Overlay(snapshot)).Find(query, kind, session, out var problem);
        return (found, problem);
    }

    public JsonObject? Totals() => null;

    public JsonObject? Changes()
    {
        if (baseDocs is not { } based)
        {
            return null;
        }

        var state = engine().State;
        var cached = Volatile.Read(ref changes);
        if (cached is null || !ReferenceEquals(cached.State, state))
        {
            var report = new DiffReport(based.Name, state.Contract.Docs.Root, ContractDiff.Compare(based.Contract, state.Contract), ReplayResult.None, ChangeSeverity.Breaking);
            cached = new Compared(state, DiffJson.ToJson(report));
            Volatile.Write(ref changes, cached);
        }

        // A copy: each answer is serialised on its own while another request may be reading the cached one.
        return (JsonObject)cached.Changes.DeepClone();
    }

    private sealed record Compared(MockState State, JsonObject Changes);

    private static JsonObject Target(string name, string label, HttpRequest request, int port, bool app) => new()
    {
        ["name"] = name,
        ["label"] = label,
        ["port"] = port,
        ["app"] = app,
        ["url"] = ConsoleEndpoint.OriginFor(request, port),
    };

    /// <summary>What a scenario does, in a few words: "HTTP 500, code 500", "delay 300-800 ms", "fault drop-connection".</summary>
    internal static string Summary(Scenario scenario)
    {
        var parts = new List<string>();
        if (scenario.Status is { } status)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"HTTP {status}"));
        }

        if (scenario.Code is { } code)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"code {code}") + (scenario.Message is { } message ? $" {message}" : ""));
        }

        if (scenario.DelayMaxMs > 0)
        {
            parts.Add(scenario.DelayMs == scenario.DelayMaxMs
                ? string.Create(CultureInfo.InvariantCulture, $"delay {scenario.DelayMs} ms")
                : string.Create(CultureInfo.InvariantCulture, $"delay {scenario.DelayMs}-{scenario.DelayMaxMs} ms"));
        }

        if (scenario.Fault != Fault.None)
        {
            parts.Add("fault " + scenario.Fault switch
            {
                Fault.EmptyResponse => "empty-response",
                Fault.MalformedChunk => "malformed-chunk",
                _ => "drop-connection",
            });
        }

        if (scenario.Data.IsSet)
        {
            parts.Add("own data");
        }

        if (scenario.EmptyLists)
        {
            parts.Add("empty lists");
        }

        if (scenario.Offline)
        {
            parts.Add("OPs offline");
        }

        if (scenario.Match.Count > 0)
        {
            parts.Add("when " + string.Join(", ", scenario.Match.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}")));
        }

        return parts.Count == 0 ? "answers as normal" : string.Join("; ", parts);
    }
}
