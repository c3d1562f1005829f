using System.CommandLine;
using OpMock.Core.Console;
using OpMock.Core.Diagnostics;
using OpMock.Core.Server;
using OpMock.Core.World.State;

namespace OpMock.Cli.Commands;

/// <summary>
/// What `opmock serve` was asked for, as typed (or from OPMOCK_* variables), bound once from the command line.
/// <see cref="Validate"/> turns it into the core's options or refuses it with one line (exit 2) before anything
/// is loaded; the guides' curl test binds a `serve` line of a page the same way to start the server it names.
/// </summary>
internal sealed record ServeSettings(
    string Docs,
    string? Overrides,
    string Fixtures,
    string Host,
    int Port,
    int AppPort,
    int? Seed,
    bool Watch,
    string? AdminUsername,
    string? AdminPassword,
    string? AdminPasswordFile,
    string? AdminOrigins,
    string? AdminAllowOrigins,
    bool AllowAdminFiles,
    string? AdminFilesRoot,
    bool AllowAdminProxy,
    string? State,
    string? StatePasswordFile,
    string? StateIdle,
    string? StateMaxMb = null,
    string? StateSessionMaxMb = null,
    bool StateAllowEviction = false,
    string? Base = null)
{
    /// <summary>The settings of a parsed `serve` command line (options are found by name on the parsed command).</summary>
    public static ServeSettings Bind(ParseResult result) => new(
        result.GetValue<string>("--docs")!,
        result.GetValue<string?>("--overrides"),
        result.GetValue<string>("--fixtures")!,
        result.GetValue<string>("--host")!,
        result.GetValue<int>("--port"),
        result.GetValue<int>("--app-port"),
        result.GetValue<int?>("--seed"),
        result.GetValue<bool>("--watch"),
        result.GetValue<string?>("--admin-username"),
        result.GetValue<string?>("--admin-password"),
        result.GetValue<string?>("--admin-password-file"),
        result.GetValue<string?>("--admin-origin"),
        result.GetValue<string?>("--admin-allow-origin"),
        result.GetValue<bool>("--admin-allow-files"),
        result.GetValue<string?>("--admin-files"),
        result.GetValue<bool>("--admin-allow-proxy"),
        result.GetValue<string?>("--state"),
        result.GetValue<string?>("--state-password-file"),
        result.GetValue<string?>("--state-idle"),
        result.GetValue<string?>("--state-max-mb"),
        result.GetValue<string?>("--state-session-max-mb"),
        result.GetValue<bool>("--state-allow-eviction"),
        result.GetValue<string?>("--base"));

    /// <summary>The core's options, every setting checked; a setting that cannot work throws (one line, exit 2).</summary>
    /// <param name="statePassword">OPMOCK_STATE_PASSWORD: never an option, since a command line shows in `ps`.</param>
    public MockServerOptions Validate(string? statePassword)
    {
        var options = new MockServerOptions(
            Docs,
            CommonOptions.OverridesFor(Docs, Overrides),
            FixturesFolder(Fixtures),
            Host,
            Port,
            AppPort,
            Seed,
            Watch,
            AdminUsername: AdminUsername,
            AdminPassword: Secret("admin password", "--admin-password (OPMOCK_ADMIN_PASSWORD) or --admin-password-file", AdminPassword, AdminPasswordFile),
            AdminOrigins: [.. $"{AdminOrigins},{AdminAllowOrigins}".Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            AllowAdminFiles: AllowAdminFiles,
            AllowAdminProxy: AllowAdminProxy,
            AdminFilesRoot: AdminFilesRoot,
            State: State,
            StatePassword: Secret("state password", "OPMOCK_STATE_PASSWORD or --state-password-file", statePassword, StatePasswordFile),
            StateIdle: StateIdle is { } idle ? StateSettings.ReadIdle(idle) : null,
            Base: Base)
        {
            Parts = [seams => ConsolePart.Attach(seams)],
            StateAllowEviction = StateAllowEviction,
            StateLimits = StateLimits.Default with
            {
                Bytes = Megabytes(StateMaxMb) ?? StateLimits.Default.Bytes,
                SessionBytes = Megabytes(StateSessionMaxMb) ?? StateLimits.Default.SessionBytes,
            },
        };
        return options.Problem() is { } problem ? throw new OpMockException(problem) : options;
    }

    /// <summary>What is wrong with a budget in megabytes as typed; null when it reads.</summary>
    public static string? MegabytesProblem(string text) =>
        Megabytes(text) is null ? $"expected a whole number of megabytes from 1 to 1048576, found `{text}`" : null;

    /// <summary>A budget in megabytes as typed, in bytes; null when none is given or it does not read.</summary>
    private static long? Megabytes(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mb) && mb is >= 1 and <= 1_048_576
            ? mb * StateBudget.MiB
            : null;

    /// <summary>
    /// Without fixtures the world still serves, from built-in sizes and the default seed; so the default folder
    /// may be absent, while a folder the user named must exist.
    /// </summary>
    private static string? FixturesFolder(string folder) =>
        Directory.Exists(folder) ? folder
        : folder == DefaultPaths.FixturesFolder ? null
        : throw new OpMockException($"fixtures folder not found: {folder}");

    /// <summary>A secret given directly or in a file (a container secret), trailing newline dropped; once, not both.</summary>
    private static string? Secret(string what, string sources, string? given, string? file) =>
        file is null ? given
        : given is not null ? throw new OpMockException($"give the {what} once: {sources}, not both")
        : File.Exists(file) ? File.ReadAllText(file).TrimEnd('\r', '\n')
        : throw new OpMockException($"{what} file not found: {file}");
}
