using System.Globalization;
using System.Text.RegularExpressions;

namespace OpMock.Core.World.State;

/// <summary>
/// Where session state lives and how long an idle session keeps it: in this process (the default: nothing to
/// install for one instance), or in a Redis that every replica with the same docs, fixtures and seed shares.
/// </summary>
/// <param name="Redis">The shared store; null keeps state in memory.</param>
/// <param name="Password">Redis' password (AUTH), from OPMOCK_STATE_PASSWORD or a file, never a URL or command line.</param>
/// <param name="Idle">A session nobody used for this long is forgotten (its Redis keys expire).</param>
internal sealed partial record StateSettings(RedisUrl? Redis, string? Password, TimeSpan Idle)
{
    public static readonly TimeSpan DefaultIdle = StateLimits.Default.Idle;

    public static StateSettings Memory { get; } = new(null, null, DefaultIdle);

    /// <summary>`--state-allow-eviction`: start on a Redis whose maxmemory-policy may evict OpMock's keys (sessions it evicts half are answered as lost).</summary>
    public bool AllowEviction { get; init; }

    /// <summary>Redis' own bound on a key's lifetime in seconds (a signed 32-bit count is always safe).</summary>
    private static readonly TimeSpan LongestIdle = TimeSpan.FromDays(365);

    /// <summary>
    /// The settings a start uses: the command line (or its OPMOCK_* variable) wins over fixtures' `state:`,
    /// which wins over the defaults.
    /// </summary>
    /// <param name="defaultIdle">The idle time when neither names one (the server's <see cref="StateLimits.Idle"/>).</param>
    public static StateSettings Resolve(string? store, string? password, TimeSpan? idle, StateFixture? fixture, TimeSpan? defaultIdle = null)
    {
        var text = store ?? fixture?.Store;
        RedisUrl? redis = null;
        if (text is not null && (redis = RedisUrl.Read(text, out var problem)) is null && problem is not null)
        {
            throw new Diagnostics.OpMockException($"--state: {problem}");
        }

        if (redis is null && !string.IsNullOrEmpty(password))
        {
            throw new Diagnostics.OpMockException("a state-store password was given (OPMOCK_STATE_PASSWORD or --state-password-file) but state is in memory: add --state redis://HOST:PORT");
        }

        return new StateSettings(redis, string.IsNullOrEmpty(password) ? null : password, idle ?? fixture?.Idle ?? defaultIdle ?? DefaultIdle);
    }

    /// <summary>What is wrong with an idle time as typed (30m, 24h, 7d; plain numbers are seconds); null when it reads.</summary>
    public static string? IdleProblem(string text) =>
        ReadIdle(text) is null ? $"expected an idle time such as 30m, 24h or 7d (at most 365d), found `{text}`" : null;

    /// <summary>An idle time as typed (30s, 30m, 24h, 7d; plain numbers are seconds); null when it does not read.</summary>
    public static TimeSpan? ReadIdle(string text)
    {
        var match = IdleShape().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return null;
        }

        var unit = match.Groups[2].Value switch
        {
            "m" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            "d" => TimeSpan.FromDays(1),
            _ => TimeSpan.FromSeconds(1),
        };
        return value * unit.TotalSeconds is var seconds && seconds >= 1 && seconds <= LongestIdle.TotalSeconds ? TimeSpan.FromSeconds(Math.Round(seconds)) : null;
    }

    /// <summary>An idle time as <see cref="ReadIdle"/> reads it back: 24h, 30m, 90s.</summary>
    public static string Describe(TimeSpan idle) =>
        idle.TotalDays >= 2 && idle.TotalDays % 1 == 0 ? $"{idle.TotalDays:0}d"
        : idle.TotalHours >= 1 && idle.TotalHours % 1 == 0 ? $"{idle.TotalHours:0}h"
        : idle.TotalMinutes >= 1 && idle.TotalMinutes % 1 == 0 ? $"{idle.TotalMinutes:0}m"
        : $"{idle.TotalSeconds:0}s";

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(s|m|h|d)?$")]
    private static partial Regex IdleShape();
}

/// <summary>Fixtures' `state:` (a store, and optionally an idle time), with where it was written for messages.</summary>
internal sealed record StateFixture(string? Store, TimeSpan? Idle);
