using System.CommandLine;
using OpMock.Core.Server;

namespace OpMock.Cli.Commands;

/// <summary>`opmock serve`: the mock server on the direct and app ports, until Ctrl-C.</summary>
internal static class ServeCommand
{
    public const string DefaultFixtures = "fixtures";

    public static Command Create(CliConsole console)
    {
        var docs = CommonOptions.Docs();
        var overrides = CommonOptions.Overrides();
        var host = new Option<string>("--host") { Description = "Address to listen on (0.0.0.0 in containers)", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port of the direct API (/op/v2/...)", DefaultValueFactory = _ => 8080 };
        var appPort = new Option<int>("--app-port") { Description = "Port of the app API (/opapp/transfer)", DefaultValueFactory = _ => 8086 };
        var fixtures = new Option<string?>("--fixtures") { Description = "Folder of fixture YAML files (default: fixtures, when present)" };
        var seed = new Option<int?>("--seed") { Description = "World seed (overrides the fixtures' seed)" };
        var watch = new Option<bool>("--watch") { Description = "Reload docs and fixtures when they change" };
        var adminUser = new Option<string?>("--admin-username") { Description = "Open the admin API (/__admin) to non-loopback clients with basic auth" };
        var adminPassword = new Option<string?>("--admin-password") { Description = "Password for --admin-username" };
        var command = new Command("serve", "Serve the documented API from a seeded world")
        {
            docs, overrides, host, port, appPort, fixtures, seed, watch, adminUser, adminPassword,
        };
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(console, new MockServerOptions(
            result.GetValue(docs)!,
            CommonOptions.OverridesFor(result.GetValue(docs)!, result.GetValue(overrides)),
            FixturesFolder(result.GetValue(fixtures)),
            result.GetValue(host)!,
            result.GetValue(port),
            result.GetValue(appPort),
            result.GetValue(seed),
            result.GetValue(watch),
            AdminUsername: result.GetValue(adminUser),
            AdminPassword: result.GetValue(adminPassword)), cancel)));
        return command;
    }

    private static string? FixturesFolder(string? given) =>
        given is null ? Directory.Exists(DefaultFixtures) ? DefaultFixtures : null
        : Directory.Exists(given) ? given : throw new OpMock.Core.Diagnostics.OpMockException($"fixtures folder not found: {given}");

    private static async Task<int> RunAsync(CliConsole console, MockServerOptions options, CancellationToken cancel)
    {
        await using var server = await MockServer.StartAsync(options, TimeProvider.System, cancel);
        await console.Out.WriteLineAsync($"direct API: {server.DirectUrl}   app API: {server.AppUrl}   admin: {server.DirectUrl}/__admin");
        foreach (var (route, curl) in CurlExamples.For(server))
        {
            await console.Out.WriteLineAsync($"  {route}");
            await console.Out.WriteLineAsync($"    {curl}");
        }

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
