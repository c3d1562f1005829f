using System.Globalization;

namespace OpMock.Core.World.State;

/// <summary>
/// Where a shared state store listens: `redis://HOST:PORT[/DB]` (`rediss://` for TLS), as `--state`,
/// OPMOCK_STATE and fixtures' `state:` write it. A password never rides in the URL: a command line shows
/// in `ps` and URLs end up in logs, so it comes from OPMOCK_STATE_PASSWORD or a file.
/// </summary>
internal sealed record RedisUrl(string Host, int Port, int Database, string? User, bool Tls)
{
    public const int DefaultPort = 6379;

    /// <summary>The value that keeps state in this process (the default).</summary>
    public const string Memory = "memory";

    public const string Shape = "memory or redis://HOST:PORT[/DB]";

    /// <summary>What is wrong with <paramref name="text"/> as a state store, as one line; null when it reads.</summary>
    public static string? Problem(string text)
    {
        _ = Read(text, out var problem);
        return problem;
    }

    /// <summary>The Redis URL <paramref name="text"/> names; null for `memory` (or when it does not read: see <see cref="Problem"/>).</summary>
    public static RedisUrl? Read(string text, out string? problem)
    {
        problem = null;
        var trimmed = text.Trim();
        if (string.Equals(trimmed, Memory, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || uri.Host.Length == 0)
        {
            problem = $"`{text}` is not a state store: use {Shape} (rediss:// for TLS)";
            return null;
        }

        var (user, hasPassword) = UserInfo(uri.UserInfo);
        if (hasPassword)
        {
            problem = $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}: a password in the state URL shows in `ps` and in logs; "
                + "give it as OPMOCK_STATE_PASSWORD or --state-password-file";
            return null;
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            problem = $"`{text}`: the state URL takes no query or fragment: use {Shape}";
            return null;
        }

        var path = uri.AbsolutePath.Trim('/');
        var database = 0;
        if (path.Length > 0 && (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out database) || database > 1_000_000))
        {
            problem = $"`{text}`: `/{path}` is not a Redis database number: use {Shape} (DB 0, 1, …)";
            return null;
        }

        return new RedisUrl(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, database, user, uri.Scheme == "rediss");
    }

    /// <summary>The URL as messages show it: never a password (there is none in it).</summary>
    public override string ToString()
    {
        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        var user = User is null ? "" : Uri.EscapeDataString(User) + "@";
        return string.Create(CultureInfo.InvariantCulture, $"{(Tls ? "rediss" : "redis")}://{user}{host}:{Port}/{Database}");
    }

    private static (string? User, bool HasPassword) UserInfo(string info)
    {
        if (info.Length == 0)
        {
            return (null, false);
        }

        var colon = info.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (Uri.UnescapeDataString(info), false) : (null, true);
    }
}
