using System.CommandLine;
using OpMock.Core.Server;
using OpMock.Core.World.Actions;
using OpMock.Core.World.State;

namespace OpMock.Cli.Commands;

/// <summary>`opmock serve`: the mock server on the direct and app ports, until Ctrl-C.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var docs = CommonOptions.Docs();
        var overrides = CommonOptions.Overrides();
        var host = EnvironmentOptions.Create("--host", "Address to listen on (0.0.0.0 in containers)", () => "127.0.0.1");
        var port = EnvironmentOptions.Create("--port", "Port of the direct API (/op/v2/...)", () => 8080);
        var appPort = EnvironmentOptions.Create("--app-port", "Port of the app API (/opapp/transfer)", () => 8086);
        var fixtures = CommonOptions.Fixtures();
        var seed = EnvironmentOptions.Create<int?>("--seed", "World seed (overrides the fixtures' seed)", () => null);
        var watch = EnvironmentOptions.Create("--watch", "Reload docs and fixtures when they change", () => false);
        var adminUser = EnvironmentOptions.Create<string?>("--admin-username", "Open the admin API (/__admin) to non-loopback clients with basic auth", () => null);
        var adminPassword = EnvironmentOptions.Create<string?>("--admin-password", "Password for --admin-username (prefer the environment variable: a command line shows in ps)", () => null);
        var adminPasswordFile = EnvironmentOptions.Create<string?>("--admin-password-file", "File holding the password for --admin-username (a container secret)", () => null);
        var adminOrigins = EnvironmentOptions.Create<string?>("--admin-origin", "Web origins whose pages may call the admin API, comma-separated (none by default)", () => null);
        var allowFiles = EnvironmentOptions.Create("--admin-allow-files", "Let the admin API save mappings and files to disk and read them", () => false);
        var filesRoot = EnvironmentOptions.Create<string?>("--admin-files", "Folder whose __admin/mappings admin stubs may read files from, with --admin-allow-files (default: the working directory)", () => null);
        var allowProxy = EnvironmentOptions.Create("--admin-allow-proxy", "Let admin stubs and settings proxy to or call hosts other than this machine", () => false);
        var state = EnvironmentOptions.Create<string?>("--state", "Where session state lives: memory (default) or redis://HOST:PORT[/DB], shared by replicas; password from OPMOCK_STATE_PASSWORD", () => null)
            .Check(RedisUrl.Problem);
        var statePasswordFile = EnvironmentOptions.Create<string?>("--state-password-file", "File holding the state store's password (a container secret)", () => null);
        var stateIdle = EnvironmentOptions.Create<string?>("--state-idle", "Forget a session nobody used for this long (30m, 24h, 7d; default 24h)", () => null)
            .Check(StateSettings.IdleProblem);
        var command = new Command("serve", "Serve the documented API from a seeded world")
        {
            docs, overrides, host, port, appPort, fixtures, seed, watch, adminUser, adminPassword, adminPasswordFile, adminOrigins, allowFiles, filesRoot, allowProxy,
            state, statePasswordFile, stateIdle,
        };
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(console, new MockServerOptions(
            result.GetValue(docs)!,
            CommonOptions.OverridesFor(result.GetValue(docs)!, result.GetValue(overrides)),
            FixturesFolder(result.GetValue(fixtures)!),
            result.GetValue(host)!,
            result.GetValue(port),
            result.GetValue(appPort),
            result.GetValue(seed),
            result.GetValue(watch),
            AdminUsername: result.GetValue(adminUser),
            AdminPassword: Password(result.GetValue(adminPassword), result.GetValue(adminPasswordFile)),
            AdminOrigins: [.. (result.GetValue(adminOrigins) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            AllowAdminFiles: result.GetValue(allowFiles),
            AllowAdminProxy: result.GetValue(allowProxy),
            AdminFilesRoot: result.GetValue(filesRoot),
            State: result.GetValue(state),
            StatePassword: StatePassword(result.GetValue(statePasswordFile)),
            StateIdle: result.GetValue(stateIdle) is { } idle ? StateSettings.ReadIdle(idle) : null), cancel)));
        return command;
    }

    /// <summary>
    /// Without fixtures the world still serves, from built-in sizes and the default seed; so the default folder
    /// may be absent, while a folder the user named must exist.
    /// </summary>
    private static string? FixturesFolder(string folder) =>
        Directory.Exists(folder) ? folder
        : folder == DefaultPaths.FixturesFolder ? null
        : throw new OpMock.Core.Diagnostics.OpMockException($"fixtures folder not found: {folder}");

    /// <summary>The admin password from the option (or OPMOCK_ADMIN_PASSWORD), or from a file.</summary>
    private static string? Password(string? given, string? file) =>
        Secret("admin password", "--admin-password (OPMOCK_ADMIN_PASSWORD) or --admin-password-file", given, file);

    /// <summary>
    /// The state store's password: OPMOCK_STATE_PASSWORD or a file, never an option, since a command line shows
    /// in `ps` (and a URL with a password in it is refused).
    /// </summary>
    private static string? StatePassword(string? file) => Secret(
        "state password",
        "OPMOCK_STATE_PASSWORD or --state-password-file",
        Environment.GetEnvironmentVariable(EnvironmentOptions.Prefix + "STATE_PASSWORD") is { Length: > 0 } text ? text : null,
        file);

    /// <summary>A secret given directly or in a file (a container secret), trailing newline dropped; once, not both.</summary>
    private static string? Secret(string what, string sources, string? given, string? file) =>
        file is null ? given
        : given is not null ? throw new OpMock.Core.Diagnostics.OpMockException($"give the {what} once: {sources}, not both")
        : File.Exists(file) ? File.ReadAllText(file).TrimEnd('\r', '\n')
        : throw new OpMock.Core.Diagnostics.OpMockException($"{what} file not found: {file}");

    private static async Task<int> RunAsync(CliConsole console, MockServerOptions options, CancellationToken cancel)
    {
        await using var server = await MockServer.StartAsync(options, TimeProvider.System, cancel);
        await console.Out.WriteLineAsync($"direct API: {server.DirectUrl}   app API: {server.AppUrl}   console: {server.ConsoleUrl}   admin: {server.DirectUrl}/__admin");
        await console.Out.WriteLineAsync(CommonOptions.DescribeOverrides(options.Docs, options.Overrides));
        foreach (var (route, curl) in CurlExamples.For(server))
        {
            await console.Out.WriteLineAsync($"  {route}");
            await console.Out.WriteLineAsync($"    {curl}");
        }

        var kinds = server.Engine.State.Data.World.Kinds.Discovered.ToList();
        if (kinds.Count > 0)
        {
            // The entities the docs describe beyond users, chats, OPs and messages: what a doc author checks when a list looks wrong.
            await console.Out.WriteLineAsync("kinds found in the docs:");
            foreach (var kind in kinds)
            {
                await console.Out.WriteLineAsync($"  {kind.Describe()}");
            }
        }

        var actions = server.Engine.State.Effects.Actions.ToList();
        if (actions.Count > 0)
        {
            // What OpMock understood each write route to do, so a doc author can see it (and declare `effects:` where it is wrong).
            await console.Out.WriteLineAsync($"writes (per session: header {SessionName.Header}; reset with POST {server.DirectUrl}{SessionsAdmin.ResetPath}):");
            var state = server.Engine.State;
            foreach (var (route, effect) in actions)
            {
                await console.Out.WriteLineAsync($"  {route}: {effect.Describe()}");
                // The refusals a frontend can build its error paths on, with the code and message this route answers.
                var refusals = Preconditions.Cases(effect, state.Direct(route)?.Endpoint.Input.Select(f => f.Name) ?? [])
                    .Select(c => (Reply: state.Fixtures.Errors.Refusal(c, route), Row: Preconditions.Row(c))).ToList();
                if (refusals.Count > 0)
                {
                    await console.Out.WriteLineAsync("    refuses: " + string.Join("; ", refusals.Select(r => $"{r.Reply.Code} {r.Reply.Message} {r.Row.When}")));
                }
            }
        }

        await console.Out.WriteLineAsync(server.Sessions.Store is RedisStateStore shared
            ? $"session state: {shared.Url}, shared by every replica started on these docs, fixtures and seed (idle sessions expire after {StateSettings.Describe(shared.Limits.Idle)})"
            : "session state: in memory (--state redis://HOST:PORT shares it between replicas)");
        using var watcher = options.Watch ? new ReloadWatcher(server, options, TimeProvider.System, m => console.Out.WriteLine(m)) : null;
        await console.Out.WriteLineAsync(options.Watch ? "watching docs and fixtures; Ctrl-C stops" : "serving; Ctrl-C stops");
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: the normal way to stop.
        }

        await console.Out.WriteLineAsync("stopped");
        return ExitCodes.Ok;
    }
}
