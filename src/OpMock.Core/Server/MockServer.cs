using System.Net.Sockets;
using OpMock.Core.Net;
using Microsoft.AspNetCore.Http;
using OpMock.Core.World.State;
using WireMock.Server;
using WireMock.Settings;

namespace OpMock.Core.Server;

/// <summary>
/// The mock: two ports, the direct API and the app (transfer) API, each a WireMock.Net server that holds only the
/// user's stubs and its admin interface, with OpMock's <see cref="Pipeline"/> in front: every request is answered
/// by the one <see cref="MockEngine"/> unless a user's stub matches it, and every request is logged by OpMock.
/// </summary>
internal sealed class MockServer : IAsyncDisposable
{
    private readonly WireMockServer direct;
    private readonly WireMockServer app;
    private readonly MockServerOptions options;
    private readonly ListenAddress listen;
    private readonly TransferStubs transfers;
    private readonly RequestLog directLog;
    private readonly RequestLog appLog;
    private readonly TimeProvider time;
    private readonly World.State.Sessions sessions;
    private readonly int connectionCap = ConnectionLimits.PerPort(ConnectionLimits.Descriptors());
    private readonly IDisposable[] logs;
    private readonly Pipeline? directPipeline;
    private readonly Pipeline? appPipeline;
    private readonly IServerPart[] attached;
    private readonly StubChoice choice = new();
    private MockEngine engine;

    private MockServer(MockServerOptions options, ListenAddress listen, MockState state, TimeProvider time, IStateStore store, TimeSpan idle, Schemas.ApiContract? baseContract)
    {
        this.options = options;
        this.listen = listen;
        this.time = time;
        sessions = new World.State.Sessions(store, new SessionOpeners(options.StateLimits.SessionsPerOrigin, idle, time));
        engine = new MockEngine(state, time, sessions);
        directLog = new RequestLog(app: false, options.MaxRequestLogCount);
        appLog = new RequestLog(app: true, options.MaxRequestLogCount);
        var admin = new AdminGuard(options, listen, () => [Port, AppPort]);
        var bodies = new BodyBudget(options.BodyBudgetBytes);
        logs = [Exchanges.Subscribe(directLog), Exchanges.Subscribe(appLog)];
        var requests = new RequestLogEndpoint(directLog, appLog, () => Engine);
        Endpoints.Add(CanonicalPath.Admin, guarded: true, AdminIndex.TryHandleAsync);
        Endpoints.Add(RequestLogEndpoint.Prefix + "/", guarded: true, requests.TryHandleAsync);
        // The Java client's resetAll (WireMock.Net has no such endpoint): the port's stubs, scenarios and log.
        Endpoints.Add(OwnPaths.Reset, guarded: true, ResetAsync);
        var sessionsAdmin = new SessionsAdmin(() => Engine);
        Endpoints.Add(SessionsAdmin.Prefix + "/", guarded: true, (context, _) => sessionsAdmin.TryHandleAsync(context));
        var seams = new ServerSeams(() => Engine, () => (Port, AppPort), baseContract is null ? null : (options.Base!, baseContract), admin.Check, bodies, time, Exchanges, Endpoints);
        attached = [.. options.Parts.Select(attach => attach(seams))];
        var avatars = new AvatarEndpoint(() => Engine);
        Endpoints.Add(AvatarEndpoint.Prefix + "/", guarded: false, (context, _) => avatars.TryHandleAsync(context));
        var images = new ExampleImageEndpoint(() => Engine);
        Endpoints.Add(ExampleImageEndpoint.Prefix + "/", guarded: false, (context, _) => images.TryHandleAsync(context));
        // A transfer that a stub on the direct port matches goes there (one loopback hop).
        transfers = new TransferStubs(() => Engine, () => directPipeline?.Stubs, () => new Uri($"http://{listen.LocalHost}:{Port}"), time);
        var parts = new PipelineParts(new Gate(admin, Endpoints, () => Engine, bodies, time), admin, Endpoints, transfers, Exchanges,
            onApp => onApp ? appLog : directLog, () => Engine, choice, time);
        directPipeline = new Pipeline(parts, app: false);
        appPipeline = new Pipeline(parts, app: true);
        // The two ports start side by side: each WireMock server is a web host of its own, and starting one was
        // ~15 % of the cold start (bench/README.md, "Cold start").
        var appStarting = Task.Run(() => Start(options.AppPort, appPipeline));
        try
        {
            direct = Start(options.Port, directPipeline);
        }
        catch
        {
            // The direct port is taken: do not leave the app port listening behind a failed start.
            Stop(appStarting);
            transfers.Dispose();
            throw;
        }

        try
        {
            app = appStarting.GetAwaiter().GetResult();
        }
        catch
        {
            // The app port is taken: do not leave the direct port listening behind a failed start.
            direct.Stop();
            direct.Dispose();
            transfers.Dispose();
            throw;
        }
    }

    /// <summary>Stops a server that was starting when the other port failed, whether or not it started.</summary>
    private static void Stop(Task<WireMockServer> starting)
    {
        try
        {
            var server = starting.GetAwaiter().GetResult();
            server.Stop();
            server.Dispose();
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException or WireMock.Exceptions.WireMockException or Diagnostics.OpMockException)
        {
            // It failed to start as well: nothing listens.
        }
    }

    public MockEngine Engine => Volatile.Read(ref engine);

    /// <summary>The sessions' state, shared by both ports and every reload.</summary>
    public World.State.Sessions Sessions => sessions;

    public int Port => direct.Ports[0];

    public int AppPort => app.Ports[0];

    /// <summary>Every answered request, as it happens: subscribe a sink (the console's live log) to see them.</summary>
    public ExchangeHub Exchanges { get; } = new();

    /// <summary>What OpMock answers itself by path (the request log, the console, sessions admin, avatars).</summary>
    public OwnEndpoints Endpoints { get; } = new();

    public string DirectUrl => $"http://{DisplayHost}:{Port}";

    public string AppUrl => $"http://{DisplayHost}:{AppPort}";

    /// <summary>The web console, on either port (the banner prints the direct port's).</summary>
    public string ConsoleUrl => $"{DirectUrl}{OwnPaths.Console}/";

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
        // Today's world (a third of the start) is built while the ports start, on the other core; the server is
        // returned only once it is built, and a world that fails to build stops the ports again.
        var state = await MockState.LoadAsync(options.Docs, options.Overrides, options.Fixtures, options.Seed, time, cancellationToken, warm: false);
        var warming = Task.Run(() => state.Data.World, cancellationToken);
        var baseContract = options.Base is { } based ? await Diff.DocDiff.LoadBaseAsync(based, options.Docs, cancellationToken) : null;
        // Where sessions live: memory, or a Redis shared by every replica of this world (its keys named by seed, docs and fixtures).
        var settings = StateSettings.Resolve(options.State, options.StatePassword, options.StateIdle, state.Fixtures.State, options.StateLimits.Idle)
            with { AllowEviction = options.StateAllowEviction };
        // A session used within the idle time is never evicted for a new one: new sessions are rationed per origin instead (SessionOpeners).
        var store = await StateStores.OpenAsync(settings, options.StateLimits with { Idle = settings.Idle, EvictAfter = settings.Idle },
            () => StateNamespace.Of(state.Fixtures.World.Seed, options.Docs, options.Overrides, options.Fixtures), time, cancellationToken);
        MockServer server;
        try
        {
            server = new MockServer(options, listen, state, time, store, settings.Idle, baseContract);
        }
        catch (Exception e)
        {
            await store.DisposeAsync();
            await Warmed(warming);
            if (e is IOException or SocketException or InvalidOperationException or WireMock.Exceptions.WireMockException)
            {
                throw new Diagnostics.OpMockException($"could not listen on {options.Host}:{options.Port}/{options.AppPort}: {e.Message}", e);
            }

            throw;
        }

        try
        {
            await warming;
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for a world being built whose server failed to start; its own failure, if any, is not the one to report.</summary>
    private static async Task Warmed(Task warming)
    {
        try
        {
            await warming;
        }
        catch (Exception)
        {
            // The start already failed: that is the error the caller gets.
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
        // One swap: a request is answered wholly by the old engine or wholly by the new one; stubs stay, and so do
        // the sessions (what tests wrote stays; reset it through the admin API).
        Volatile.Write(ref engine, new MockEngine(state, time, sessions));
    }

    public async ValueTask DisposeAsync()
    {
        // Parts first: a console page's live stream would keep the ports from stopping.
        foreach (var part in attached)
        {
            part.Dispose();
        }

        direct.Stop();
        app.Stop();
        direct.Dispose();
        app.Dispose();
        transfers.Dispose();
        foreach (var log in logs)
        {
            log.Dispose();
        }

        await sessions.DisposeAsync();
    }

    private async Task<bool> ResetAsync(Microsoft.AspNetCore.Http.HttpContext context, bool onApp)
    {
        if (!Microsoft.AspNetCore.Http.HttpMethods.IsPost(context.Request.Method))
        {
            return false;
        }

        var (server, pipeline, log) = onApp ? (app, appPipeline, appLog) : (direct, directPipeline, directLog);
        server.ResetMappings();
        server.ResetScenarios();
        pipeline?.Stubs?.Changed();
        log.Clear();
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"Status\":\"Mappings, scenarios and requests reset\"}", context.RequestAborted);
        return true;
    }

    private WireMockServer Start(int port, Pipeline pipeline)
    {
        if (port != 0)
        {
            Ports.EnsureFree(listen.Address, port, "; choose another with --port / --app-port");
            return StartOn(port, pipeline);
        }

        // Port 0: the free port found can be taken before Kestrel binds it (by another server starting on this machine,
        // or on ::1 when the host is localhost): another free port, a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return StartOn(Ports.Free(listen.Address), pipeline);
            }
            catch (WireMock.Exceptions.WireMockException e) when (attempt < 5 && Taken(e))
            {
            }
        }
    }

    private static bool Taken(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is AggregateException all && all.InnerExceptions.Any(Taken))
            {
                return true;
            }

            if (e is IOException && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private WireMockServer StartOn(int port, Pipeline pipeline)
    {
        var settings = new WireMockServerSettings
        {
            Urls = [$"http://{listen.UrlHost}:{port}"],
            StartAdminInterface = true,
            AdminUsername = options.HasAdminCredentials ? options.AdminUsername : null,
            AdminPassword = options.HasAdminCredentials ? options.AdminPassword : null,
            // OpMock keeps the request log (RequestLog); WireMock's own stays off.
            MaxRequestLogCount = 0,
            DoNotSaveDynamicResponseInLogEntry = true,
            DisableRequestBodyDecompressing = true,
            PreWireMockMiddlewareInit = pipeline.Install,
            AdditionalServiceRegistration = services => ConnectionLimits.Apply(services, connectionCap, (status, message) => Engine.Envelope.Plain(status, message, null).Body),
            StartTimeout = 5000,
            // WireMock reports each stub it chose here (its own log stays off): the request log records WireMock's choice.
            Logger = choice,
            FileSystemHandler = new WireMock.Handlers.LocalFileSystemHandler(AdminPolicy.FilesRoot(options)),
        };
        var server = WireMockServer.Start(settings);
        pipeline.Stubs = new UserStubs(server);
        return server;
    }
}
