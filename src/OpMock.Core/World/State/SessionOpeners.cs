namespace OpMock.Core.World.State;

/// <summary>
/// New sessions rationed per opener (a page's origin, or the clients of one address without one: every test
/// runner on this machine shares "loopback"), so one page that opens sessions in a loop fills its own share and
/// never the store: a test runner's new session is still admitted, and no session used within the idle time is
/// evicted to make room. Writes to a session that exists are never rationed, whoever sends them; the default
/// session is everyone's and is not counted. Kept by this process (a replica rations its own clients).
/// </summary>
/// <param name="perOpener">Sessions one opener may hold at once.</param>
/// <param name="idle">A session unused this long no longer counts (the store forgets it too).</param>
internal sealed class SessionOpeners(int perOpener, TimeSpan idle, TimeProvider time)
{
    /// <summary>The opener every client on this machine that sends no Origin shares: test runners, curl, CI steps.</summary>
    public const string Loopback = "loopback";

    private readonly Dictionary<string, Dictionary<string, long>> byOpener = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> openerOf = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public int PerOpener => perOpener;

    /// <summary>Notes a write of <paramref name="session"/> by <paramref name="opener"/>; why a new session is refused, or null.</summary>
    /// <param name="isNew">The store holds no such session: the write would open it.</param>
    public StateFullException? Admit(string opener, string session, bool isNew)
    {
        if (session == Sessions.Default)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcTicks;
        lock (gate)
        {
            if (openerOf.TryGetValue(session, out var known) && !isNew)
            {
                byOpener[known][session] = now;
                return null;
            }

            Forget(session);
            if (!byOpener.TryGetValue(opener, out var mine))
            {
                byOpener[opener] = mine = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            if (mine.Count >= perOpener)
            {
                foreach (var name in mine.Where(p => now - p.Value >= idle.Ticks).Select(p => p.Key).ToList())
                {
                    Forget(name);
                }
            }

            if (mine.Count >= perOpener)
            {
                return new StateFullException(StateLimit.OriginSessions,
                    $"{Describe(opener)} opened {perOpener} sessions in use within the last {StateSettings.Describe(idle)}, the most one origin may hold, so that no page can lock out others; session `{session}` is not opened: reset finished ones (POST /__admin/opmock/reset?session=NAME) or reuse a session name");
            }

            mine[session] = now;
            openerOf[session] = opener;
            return null;
        }
    }

    /// <summary>A reset: the session (or every one, with null) no longer counts against its opener.</summary>
    public void Reset(string? session)
    {
        lock (gate)
        {
            if (session is null)
            {
                byOpener.Clear();
                openerOf.Clear();
            }
            else
            {
                Forget(session);
            }
        }
    }

    private void Forget(string session)
    {
        if (openerOf.Remove(session, out var opener) && byOpener.TryGetValue(opener, out var sessions))
        {
            sessions.Remove(session);
            if (sessions.Count == 0)
            {
                byOpener.Remove(opener);
            }
        }
    }

    private static string Describe(string opener) =>
        opener == Loopback ? "clients on this machine without an Origin" : opener.Contains("://", StringComparison.Ordinal) ? $"origin `{opener}`" : $"client {opener} (no Origin)";
}
