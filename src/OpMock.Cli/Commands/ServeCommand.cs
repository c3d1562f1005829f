using System.CommandLine;
using OpMock.Core.Server;
using OpMock.Core.World.Actions;
using OpMock.Core.World.State;

namespace OpMock.Cli.Commands;

/// <summary>`opmock serve`: the mock server on the direct and app ports, until Ctrl-C.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
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
        var adminOrigins = EnvironmentOptions.Create<string?>("--admin-origin", "Web origins whose pages may call the admin API, comma-separated (none by default; the same as --admin-allow-origin)", () => null);
        var allowOrigins = EnvironmentOptions.Create<string?>("--admin-allow-origin", "Web origins (a team's own dashboard) whose pages may call the admin API and the console and change state through them, with or without admin credentials; comma-separated, none by default", () => null);
        var allowFiles = EnvironmentOptions.Create("--admin-allow-files", "Let the admin API save mappings and files to disk and read them", () => false);
        var filesRoot = EnvironmentOptions.Create<string?>("--admin-files", "Folder whose __admin/mappings admin stubs may read files from, with --admin-allow-files (default: the working directory)", () => null);
        var allowProxy = EnvironmentOptions.Create("--admin-allow-proxy", "Let admin stubs and settings proxy to or call hosts other than this machine", () => false);
        var state = EnvironmentOptions.Create<string?>("--state", "Where session state lives: memory (default) or redis://HOST:PORT[/DB], shared by replicas; password from OPMOCK_STATE_PASSWORD", () => null)
            .Check(RedisUrl.Problem);
        var statePasswordFile = EnvironmentOptions.Create<string?>("--state-password-file", "File holding the state store's password (a container secret)", () => null);
        var stateIdle = EnvironmentOptions.Create<string?>("--state-idle", "Forget a session nobody used for this long (30m, 24h, 7d; default 24h)", () => null)
            .Check(StateSettings.IdleProblem);
        var stateMax = EnvironmentOptions.Create<string?>("--state-max-mb", $"Megabytes all sessions' changes may hold together (default {StateLimits.Default.Bytes / StateBudget.MiB}); a write past it answers 503 naming the budget and the reset", () => null)
            .Check(ServeSettings.MegabytesProblem);
        var sessionMax = EnvironmentOptions.Create<string?>("--state-session-max-mb", $"Megabytes one session's changes may hold (default {StateLimits.Default.SessionBytes / StateBudget.MiB}); a write past it answers 503 naming the session and its reset", () => null)
            .Check(ServeSettings.MegabytesProblem);
        var allowEviction = EnvironmentOptions.Create("--state-allow-eviction", "Start on a Redis whose maxmemory-policy may evict OpMock's keys (refused otherwise: sessions would be served half); sessions found partly evicted answer 503 as lost", () => false);
        var baseDocs = EnvironmentOptions.Create<string?>("--base", "Docs to show the served docs' changes against in the console's Changes view: a folder, or a git revision (origin/main)", () => null);
        var command = new Command("serve", "Serve the documented API from a seeded world")
        {
            docs, overrides, baseDocs, host, port, appPort, fixtures, seed, watch, adminUser, adminPassword, adminPasswordFile, adminOrigins, allowOrigins, allowFiles, filesRoot, allowProxy,
            state, statePasswordFile, stateIdle, stateMax, sessionMax, allowEviction,
        };
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(console, ServeSettings.Bind(result), time, cancel)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, ServeSettings settings, TimeProvider time, CancellationToken cancel)
    {
        var options = settings.Validate(Environment.GetEnvironmentVariable(EnvironmentOptions.Prefix + "STATE_PASSWORD") is { Length: > 0 } text ? text : null);
        await using var server = await MockServer.StartAsync(options, time, cancel);
        await console.Out.WriteLineAsync($"direct API: {server.DirectUrl}   app API: {server.AppUrl}   console: {server.ConsoleUrl}   admin: {server.DirectUrl}/__admin");
        await console.Out.WriteLineAsync(CommonOptions.DescribeOverrides(options.Docs, options.Overrides));
        foreach (var (route, curl) in CurlExamples.For(server))
        {
            await console.Out.WriteLineAsync($"  {route}");
            await console.Out.WriteLineAsync($"    {curl}");
        }

        var table = server.Engine.State.Data.World.Kinds;
        var kinds = table.Discovered.ToList();
        if (kinds.Count > 0)
        {
            // The entities the docs describe beyond users, chats, OPs and messages: what a doc author checks when a list looks wrong.
            await console.Out.WriteLineAsync("kinds found in the docs:");
            foreach (var kind in kinds)
            {
                await console.Out.WriteLineAsync($"  {kind.Describe(table)}");
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
        using var watcher = options.Watch ? new ReloadWatcher(server, options, time, m => console.Out.WriteLine(m)) : null;
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
