namespace OpMock.Core.Server;

/// <summary>How `opmock serve` runs. Port 0 picks a free port (tests).</summary>
/// <param name="MaxRequestLogCount">Bounds WireMock's request log: unbounded, it grew to 650 MB after 210k requests.</param>
/// <param name="AdminOrigins">Web origins whose pages may call the admin API (CORS); none by default.</param>
/// <param name="AllowAdminFiles">Lets the admin API save mappings and files to disk, and read them.</param>
/// <param name="AllowAdminProxy">Lets admin stubs and settings proxy to, or call, hosts other than this machine.</param>
/// <param name="AdminFilesRoot">WireMock's root folder: admin stubs read files only from `__admin/mappings` under it (the working directory when null).</param>
/// <param name="State">Where session state lives (`memory`, `redis://HOST:PORT[/DB]`); null: fixtures' `state:`, else memory.</param>
/// <param name="StatePassword">The state store's password (OPMOCK_STATE_PASSWORD or a file).</param>
/// <param name="StateIdle">How long an unused session keeps its state; null: fixtures' `state.idle`, else 24 h.</param>
internal sealed record MockServerOptions(
    string Docs,
    string? Overrides,
    string? Fixtures,
    string Host = "127.0.0.1",
    int Port = 8080,
    int AppPort = 8086,
    int? Seed = null,
    bool Watch = false,
    int MaxRequestLogCount = 1000,
    string? AdminUsername = null,
    string? AdminPassword = null,
    IReadOnlyList<string>? AdminOrigins = null,
    bool AllowAdminFiles = false,
    bool AllowAdminProxy = false,
    string? AdminFilesRoot = null,
    string? State = null,
    string? StatePassword = null,
    TimeSpan? StateIdle = null,
    string? Base = null)
{
    public bool HasAdminCredentials => !string.IsNullOrEmpty(AdminUsername) && !string.IsNullOrEmpty(AdminPassword);

    public IReadOnlyList<string> AdminOrigins { get; init; } = AdminOrigins ?? [];

    /// <summary>The bounds of session state (sessions, changed records, messages per chat, idle expiry).</summary>
    public World.State.StateLimits StateLimits { get; init; } = World.State.StateLimits.Default;

    /// <summary>`--state-allow-eviction`: start on a Redis whose maxmemory-policy may evict OpMock's keys.</summary>
    public bool StateAllowEviction { get; init; }

    /// <summary>Parts built on the server (the console), attached in order where its own endpoints are (<see cref="ServerSeams"/>).</summary>
    public IReadOnlyList<Func<ServerSeams, IServerPart>> Parts { get; init; } = [];

    /// <summary>Request-body bytes all connections may hold at once while their bodies arrive (<see cref="BodyBudget"/>).</summary>
    public long BodyBudgetBytes { get; init; } = BodyBudget.DefaultBytes;

    /// <summary>What is wrong with the settings, as one line, or null: checked before anything is loaded.</summary>
    public string? Problem()
    {
        foreach (var (name, port) in new[] { ("--port", Port), ("--app-port", AppPort) })
        {
            if (port is < 0 or > 65535)
            {
                return $"{name} {port} is not a port: use 0 to 65535 (0 picks a free one)";
            }
        }

        if (Port != 0 && Port == AppPort)
        {
            return $"--port and --app-port are both {Port}: the direct and the app API need a port each";
        }

        if (string.IsNullOrEmpty(AdminUsername) != string.IsNullOrEmpty(AdminPassword))
        {
            return string.IsNullOrEmpty(AdminPassword)
                ? "--admin-username needs a password: set OPMOCK_ADMIN_PASSWORD (or --admin-password-file); without both the admin API stays loopback-only"
                : "an admin password needs --admin-username";
        }

        if (State is not null && World.State.RedisUrl.Problem(State) is { } state)
        {
            return $"--state: {state}";
        }

        return MaxRequestLogCount < 0 ? "the request log bound must be 0 or more" : null;
    }
}
