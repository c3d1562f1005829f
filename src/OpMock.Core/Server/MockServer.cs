using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using OpMock.Core.Fixtures;
using OpMock.Core.Net;
using OpMock.Core.World.State;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace OpMock.Core.Server;

/// <summary>
/// The mock: two WireMock.Net servers, the direct API and the app (transfer) API. Each documented
/// route is a mapping; each fixture scenario a higher-priority mapping on its header; a catch-all
/// answers unknown paths with JSON. All of them call the one <see cref="MockEngine"/>, and so does the
/// <see cref="FastPath"/>, which answers ahead of WireMock's matching while nobody has changed the mappings.
/// </summary>
internal sealed class MockServer : IAsyncDisposable
{
    private const int ScenarioPriority = 5;
    private const int RoutePriority = 10;
    private const int CatchAllPriority = 1000;

    private readonly WireMockServer direct;
    private readonly WireMockServer app;
    private readonly FastPath directPath;
    private readonly FastPath appPath;
    private readonly MockServerOptions options;
    private readonly ListenAddress listen;
    private readonly AdminGuard admin;
    private readonly TransferRelay relay;
    private readonly TimeProvider time;
    private readonly int connectionCap = ConnectionLimits.PerPort(ConnectionLimits.Descriptors());
    private readonly World.State.Sessions sessions;
    private MockEngine engine;
    private OurMappings? directMappings;
    private OurMappings? appMappings;

    private MockServer(MockServerOptions options, ListenAddress listen, MockState state, TimeProvider time, IStateStore store)
    {
        this.options = options;
        this.listen = listen;
        this.time = time;
        sessions = new World.State.Sessions(store);
        engine = new MockEngine(state, time, sessions);
        admin = new AdminGuard(options, listen.Names);
        directPath = new FastPath(() => Engine, app: false, time);
        appPath = new FastPath(() => Engine, app: true, time);
        relay = new TransferRelay(() => Engine, directPath, () => new Uri($"http://{listen.LocalHost}:{Port}"));
        direct = Start(options.Port, directPath, relayTo: null);
        try
        {
            app = Start(options.AppPort, appPath, relay);
        }
        catch
        {
            // The app port is taken: do not leave the direct port listening behind a failed start.
            direct.Stop();
            direct.Dispose();
            relay.Dispose();
            throw;
        }

        Map();
    }

    public MockEngine Engine => Volatile.Read(ref engine);

    /// <summary>The sessions' state, shared by both ports and every reload.</summary>
    public World.State.Sessions Sessions => sessions;

    public int Port => direct.Ports[0];

    public int AppPort => app.Ports[0];

    /// <summary>How many requests were answered ahead of WireMock's matching, on both ports.</summary>
    public long AnsweredAhead => directPath.Answered + appPath.Answered;

    public string DirectUrl => $"http://{DisplayHost}:{Port}";

    public string AppUrl => $"http://{DisplayHost}:{AppPort}";

    /// <summary>How many connections each port accepts at once (from the file-descriptor limit).</summary>
    public int ConnectionCap => connectionCap;

    private string DisplayHost => listen.DisplayHost;

    /// <summary>Checks the settings, loads docs and fixtures, then starts; nothing listens unless everything loaded.</summary>
    public static async Task<MockServer> StartAsync(MockServerOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        if (options.Problem() is { } problem)
        {
            throw new Diagnostics.OpMockException(problem);
        }

        var listen = ListenAddress.Resolve(options.Host);
        var state = await MockState.LoadAsync(options.Docs, options.Overrides, options.Fixtures, options.Seed, time, cancellationToken);
        // Where sessions live: memory, or a Redis shared by every replica of this world (its keys named by seed, docs and fixtures).
        var settings = StateSettings.Resolve(options.State, options.StatePassword, options.StateIdle, state.Fixtures.State, options.StateLimits.Idle);
        var store = await StateStores.OpenAsync(settings, options.StateLimits with { Idle = settings.Idle },
            () => StateNamespace.Of(state.Fixtures.World.Seed, options.Docs, options.Overrides, options.Fixtures), time, cancellationToken);
        try
        {
            return new MockServer(options, listen, state, time, store);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException or WireMock.Exceptions.WireMockException)
        {
            await store.DisposeAsync();
            throw new Diagnostics.OpMockException($"could not listen on {options.Host}:{options.Port}/{options.AppPort}: {e.Message}", e);
        }
    }

    /// <summary>Reloads docs and fixtures; on error the last good state keeps serving and the error is thrown.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        // A folder being replaced (mv, then cp -r) is briefly missing: read as "no fixtures" it would reset the world.
        foreach (var folder in new[] { options.Docs, options.Fixtures })
        {
            if (folder is not null && !Directory.Exists(folder))
            {
                throw new Diagnostics.OpMockException($"{folder}: folder not found (moved or being replaced?)");
            }
        }

        var state = await MockState.LoadAsync(options.Docs, options.Overrides, options.Fixtures, options.Seed, time, cancellationToken);
        var old = Engine.State;
        // Sessions outlive a reload: what tests wrote stays (reset it through the admin API).
        Volatile.Write(ref engine, new MockEngine(state, time, sessions));

        // Mappings only name routes and scenarios and call the current engine; rebuilding them is needed only
        // when those names change. The new mappings go in before the old ones leave (both call the current
        // engine, so either answers the same): no moment without a mapping, and stubs added through the
        // admin API stay.
        if (!old.DirectRoutes.SequenceEqual(state.DirectRoutes)
            || !old.DirectRoutes.Select(r => old.Direct(r)?.Endpoint.Method).SequenceEqual(state.DirectRoutes.Select(r => state.Direct(r)?.Endpoint.Method))
            || !old.Fixtures.Scenarios.Keys.Order().SequenceEqual(state.Fixtures.Scenarios.Keys.Order()))
        {
            directPath.Close();
            appPath.Close();
            Map();
        }
    }

    public async ValueTask DisposeAsync()
    {
        direct.Stop();
        app.Stop();
        direct.Dispose();
        app.Dispose();
        relay.Dispose();
        await sessions.DisposeAsync();
    }

    private WireMockServer Start(int port, FastPath fastPath, TransferRelay? relayTo)
    {
        if (port != 0)
        {
            Ports.EnsureFree(listen.Address, port, "; choose another with --port / --app-port");
        }

        var gate = new HttpGate(() => Engine, admin, fastPath, relayTo);
        var settings = new WireMockServerSettings
        {
            Urls = [$"http://{listen.UrlHost}:{(port == 0 ? Ports.Free(listen.Address) : port)}"],
            StartAdminInterface = true,
            AdminUsername = options.HasAdminCredentials ? options.AdminUsername : null,
            AdminPassword = options.HasAdminCredentials ? options.AdminPassword : null,
            MaxRequestLogCount = options.MaxRequestLogCount,
            DoNotSaveDynamicResponseInLogEntry = true,
            DisableRequestBodyDecompressing = true,
            PreWireMockMiddlewareInit = gate.Install,
            AdditionalServiceRegistration = services => ConnectionLimits.Apply(services, connectionCap),
            StartTimeout = 5000,
        };
        var server = WireMockServer.Start(settings);
        LogBodies.Install(server);
        return server;
    }

    private void Map()
    {
        var state = Engine.State;
        directMappings = Replace(direct, directMappings, Map(direct, state.DirectRoutes, isApp: false, state.Fixtures.Scenarios));
        appMappings = Replace(app, appMappings, Map(app, [Docs.Endpoint.TransferRoute], isApp: true, state.Fixtures.Scenarios));
        directPath.Open(direct, WireMockLog.Find(direct, options.MaxRequestLogCount), directMappings);
        appPath.Open(app, WireMockLog.Find(app, options.MaxRequestLogCount), appMappings);
    }

    /// <summary>Removes the previous set of OpMock's mappings once the new one is in place.</summary>
    private static OurMappings Replace(WireMockServer server, OurMappings? old, OurMappings now)
    {
        foreach (var mapping in old?.All ?? [])
        {
            server.DeleteMapping(mapping.Guid);
        }

        return now;
    }

    private OurMappings Map(WireMockServer server, ImmutableArray<string> routes, bool isApp, ImmutableDictionary<string, Scenario> scenarios)
    {
        var guids = new List<Guid>();

        // Requests naming a scenario: one mapping per server (not per scenario and route), because
        // WireMock scores every mapping on every request; the engine reads the scenario itself.
        if (!scenarios.IsEmpty)
        {
            var scenarioGuid = Guid.NewGuid();
            guids.Add(scenarioGuid);
            server.Given(Request.Create().WithPath([.. routes]).UsingPost().WithHeader(MockEngine.ScenarioHeader, [.. scenarios.Keys.Order(StringComparer.Ordinal)]))
                .WithGuid(scenarioGuid).WithTitle("OpMock: scenario").AtPriority(ScenarioPriority).RespondWith(Response.Create().WithCallback(r => RespondAsync(r, isApp)));
        }

        var routeGuids = routes.ToDictionary(route => route, _ => Guid.NewGuid(), StringComparer.Ordinal);
        var methods = routes.ToDictionary(route => route, route => isApp ? "POST" : Engine.State.Direct(route)?.Endpoint.Method ?? "POST", StringComparer.Ordinal);
        foreach (var route in routes)
        {
            server.Given(Request.Create().WithPath(route).UsingMethod(methods[route])).WithGuid(routeGuids[route]).WithTitle($"OpMock: {methods[route]} {route}")
                .AtPriority(RoutePriority).RespondWith(Response.Create().WithCallback(r => RespondAsync(r, isApp)));
        }

        // Unknown paths and wrong methods get JSON errors listing the routes, never WireMock's default 404.
        var catchAll = Guid.NewGuid();
        server.Given(Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod()).WithGuid(catchAll).WithTitle("OpMock: unknown path or method")
            .AtPriority(CatchAllPriority).RespondWith(Response.Create().WithCallback(r => RespondAsync(r, isApp)));

        guids.AddRange(routeGuids.Values);
        guids.Add(catchAll);
        var mine = server.Mappings.Where(m => guids.Contains(m.Guid)).ToDictionary(m => m.Guid);
        return new OurMappings(mine.Values, routeGuids.ToDictionary(r => r.Key, r => mine[r.Value], StringComparer.Ordinal), methods, mine[catchAll]);
    }

    private async Task<IResponseMessage> RespondAsync(IRequestMessage request, bool isApp)
    {
        MockReply reply;
        try
        {
            reply = await Engine.HandleAsync(ToMockRequest(request), isApp, CancellationToken.None);
        }
        catch (Exception e)
        {
            // WireMock would answer 500 with the exception's message: the house envelope says it instead.
            reply = Engine.Plain(500, $"OpMock failed to answer this request ({e.GetType().Name}); this is a bug in OpMock, please report it with the request", null);
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay);
        }

        var response = new ResponseMessage { StatusCode = reply.Status };
        if (reply.Fault is Fault.EmptyResponse or Fault.MalformedChunk)
        {
            response.FaultType = reply.Fault == Fault.EmptyResponse ? FaultType.EMPTY_RESPONSE : FaultType.MALFORMED_RESPONSE_CHUNK;
            response.FaultPercentage = 1.0;
        }

        // A callback response carries no Content-Type unless one is set.
        response.AddHeader("Content-Type", MockReply.ContentType);
        response.BodyData = new BodyData { BodyAsBytes = reply.Body, DetectedBodyType = BodyType.Bytes };
        return response;
    }

    private static MockRequest ToMockRequest(IRequestMessage request)
    {
        string? Header(string name) => request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        var query = (request.Query ?? new Dictionary<string, WireMockList<string>>())
            .ToImmutableDictionary(q => q.Key, q => q.Value.FirstOrDefault() ?? "");
        // WireMock's own text reading is lenient (or absent for binary-looking bytes): the bytes decide.
        var bytes = request.BodyAsBytes ?? (request.Body is { } text ? System.Text.Encoding.UTF8.GetBytes(text) : []);
        return MockRequest.Create(request.Method, request.Path, Header("Content-Type"), bytes, query, Header(MockEngine.ScenarioHeader))
            with { Session = Header(SessionName.Header) ?? SessionName.Default, Host = Header("Host") ?? $"{request.Host}:{request.Port}" }; // round5: the pipeline's MockRequest will carry the session
    }
}
