using WireMock;
using WireMock.Matchers.Request;
using WireMock.Server;

namespace OpMock.Core.Server;

/// <summary>
/// The stubs a user added to one port through `/__admin/mappings` (WireMock holds nothing else but its admin
/// interface), and which of them matches a request, found as WireMock finds it (its public
/// <see cref="IMapping.GetRequestMatchResult"/>): enabled, within its time window, its scenario in the state it
/// waits for; the best perfect match by priority. A request no stub matches perfectly is OpMock's to answer,
/// whatever WireMock's partial-matching setting says. A stub's probability is not rolled here: WireMock rolls it
/// as it answers, and when the roll says no (and no other stub matches) OpMock answers — rolled twice, a stub
/// of probability 0.5 answered a quarter of its requests.
/// </summary>
/// <remarks>
/// WireMock copies its ~50 mappings on every read of <see cref="WireMockServer.Mappings"/>: the user's are read
/// once per change instead. Changes come through the admin API (<see cref="Changed"/> is called as each changing
/// admin request is applied, before its answer is sent) or from a stub's own answer (a scenario's next state, a
/// recorded proxy mapping): <see cref="Changed"/> again.
/// </remarks>
internal sealed class UserStubs(WireMockServer server, TimeProvider time)
{
    private long version;
    private Snapshot? snapshot;

    /// <summary>Whether any stub is there at all: without one, nothing needs building a request for WireMock.</summary>
    public bool Any => Current().Mappings.Length > 0;

    /// <summary>Marks the stubs (or their scenarios' states) as changed.</summary>
    public void Changed() => Interlocked.Increment(ref version);

    /// <summary>
    /// Whether a stub answers the request: the one WireMock would choose; or <see cref="Undecided"/> when a stub's
    /// matchers cannot read a request that is not WireMock's own (its query-parameter matcher) and no other stub
    /// matches: WireMock then decides (and when it finds none, OpMock answers after all); null when none answers.
    /// </summary>
    public Found? Match(IRequestMessage request)
    {
        var current = Current();
        IMapping? best = null;
        IRequestMatchResult? bestResult = null;
        IMapping? undecided = null;
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var mapping in current.Mappings)
        {
            if (mapping.IsDisabled || !InTime(mapping, now))
            {
                continue;
            }

            var state = mapping.Scenario is { } scenario ? current.States.GetValueOrDefault(scenario) : null;
            IRequestMatchResult result;
            try
            {
                result = mapping.GetRequestMatchResult(request, state);
            }
            catch (InvalidCastException)
            {
                undecided ??= mapping;
                continue;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // WireMock leaves a mapping whose matcher throws out of the match; so does OpMock.
                continue;
            }

            if (result.MatchDetails.Any(d => d.Exception is InvalidCastException))
            {
                undecided ??= mapping;
            }
            else if (result.IsPerfectMatch && result.MatchDetails.All(d => d.Exception is null) && (best is null || Better(mapping, result, best, bestResult!)))
            {
                (best, bestResult) = (mapping, result);
            }
        }

        return best is not null ? new Found(best, Undecided: false) : undecided is not null ? new Found(undecided, Undecided: true) : null;
    }

    /// <param name="Mapping">The stub that answers; when <paramref name="Undecided"/>, the one that may.</param>
    internal sealed record Found(IMapping Mapping, bool Undecided);

    // WireMock's order among perfect matches: priority, then score, then the number of matchers, then the newest.
    private static bool Better(IMapping mapping, IRequestMatchResult result, IMapping best, IRequestMatchResult bestResult) =>
        mapping.Priority != best.Priority ? mapping.Priority < best.Priority
        : result.AverageTotalScore != bestResult.AverageTotalScore ? result.AverageTotalScore > bestResult.AverageTotalScore
        : result.TotalNumber != bestResult.TotalNumber ? result.TotalNumber < bestResult.TotalNumber
        : (mapping.UpdatedAt ?? DateTime.MinValue) > (best.UpdatedAt ?? DateTime.MinValue);

    private static bool InTime(IMapping mapping, DateTime now)
    {
        if (mapping.TimeSettings is not { } settings)
        {
            return true;
        }

        if (settings.Start is { } start && now < start)
        {
            return false;
        }

        if (settings.End is { } end && now > end)
        {
            return false;
        }

        return settings.TTL is not { } ttl || mapping.UpdatedAt is not { } updated || now <= updated.AddSeconds(ttl);
    }

    private Snapshot Current()
    {
        var now = Volatile.Read(ref version);
        if (Volatile.Read(ref snapshot) is { } known && known.Version == now)
        {
            return known;
        }

        // Read after the version: a change during the read bumps the version again, and the next request rereads.
        var mappings = server.Mappings.Where(m => !m.IsAdminInterface).ToArray();
        var states = mappings.Any(m => m.Scenario is not null)
            ? server.Scenarios.Where(s => s.Name is not null).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.Last().NextState)
            : [];
        var fresh = new Snapshot(now, mappings, states);
        Volatile.Write(ref snapshot, fresh);
        return fresh;
    }

    private sealed record Snapshot(long Version, IMapping[] Mappings, Dictionary<string, string?> States);
}
