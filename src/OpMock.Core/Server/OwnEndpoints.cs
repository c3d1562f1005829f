using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// What OpMock answers itself on a port, by canonical path prefix: its request log (`/__admin/requests`), the
/// admin index (`/__admin`), the sessions admin (`/__admin/opmock/`), the console (`/__opmock/`) and its avatars
/// (`/__opmock/avatars/`, public). Guarded entries are behind the admin guard, as is everything under `/__admin`
/// and `/__opmock` that is not listed public. The longest matching prefix answers. As a stage of the
/// <see cref="Pipeline"/>, it answers the canonical path the gate passed.
/// </summary>
internal sealed class OwnEndpoints : IStage
{
    /// <summary>A handler gets the request (its body already read, bounded) and whether it came on the app port; false: not mine.</summary>
    public delegate Task<bool> Handler(HttpContext context, bool app);

    private sealed record Entry(string Prefix, bool Guarded, Handler Handle);

    private Entry[] entries = [];

    /// <summary>Adds (or replaces) the handler of a prefix; a prefix ending in `/` covers what is under it, others only themselves.</summary>
    public void Add(string prefix, bool guarded, Handler handler)
    {
        Entry[] seen, next;
        do
        {
            seen = Volatile.Read(ref entries);
            next = [.. seen.Where(e => !e.Prefix.Equals(prefix, StringComparison.OrdinalIgnoreCase)), new Entry(prefix, guarded, handler)];
            next = [.. next.OrderByDescending(e => e.Prefix.Length)];
        }
        while (Interlocked.CompareExchange(ref entries, next, seen) != seen);
    }

    /// <summary>Whether a canonical path needs the admin guard: anything under `/__admin` or `/__opmock` not listed public.</summary>
    public bool Guarded(string canonical) =>
        CanonicalPath.Guarded(canonical) && (Find(canonical) is not { } entry || entry.Guarded);

    /// <summary>Answers the request when a registered handler takes it.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context, string canonical, bool app) =>
        Find(canonical) is { } entry && await entry.Handle(context, app);

    /// <summary>Answers the request (its feature's canonical path) when a registered handler takes it.</summary>
    public async Task<bool> TryAnswerAsync(HttpContext context, Func<Task> wireMock)
    {
        var feature = RequestFeature.Of(context);
        if (!await TryHandleAsync(context, feature.Path, feature.App))
        {
            return false;
        }

        feature.Draft.AnsweredBy = "admin";
        return true;
    }

    private Entry? Find(string canonical)
    {
        foreach (var entry in Volatile.Read(ref entries))
        {
            if (entry.Prefix.EndsWith('/')
                ? canonical.StartsWith(entry.Prefix, StringComparison.OrdinalIgnoreCase) || canonical.Equals(entry.Prefix[..^1], StringComparison.OrdinalIgnoreCase)
                : canonical.Equals(entry.Prefix, StringComparison.OrdinalIgnoreCase) || canonical.Equals(entry.Prefix + "/", StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }
}
