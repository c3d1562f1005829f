using WireMock;
using WireMock.Matchers.Request;
using WireMock.Server;

namespace OpMock.Core.Server;

/// <summary>
/// The stubs a user added to one port through `/__admin/mappings` (WireMock holds nothing else but its admin
/// interface), and whether one of them may answer a request: one that is enabled and matches it perfectly (its
/// scenario in the state it waits for), by WireMock's public <see cref="IMapping.GetRequestMatchResult"/>. Which
/// one answers is WireMock's choice alone, made as it answers and reported to OpMock (<see cref="StubChoice"/>):
/// this class never orders stubs (priority, score, ties) and never judges time windows (WireMock reads its own
/// clock, in local time) or probabilities (WireMock rolls them). When WireMock then finds none after all, OpMock
/// answers; a request no stub matches perfectly is OpMock's to answer, whatever WireMock's partial matching says.
/// </summary>
/// <remarks>
/// WireMock copies its ~50 mappings on every read of <see cref="WireMockServer.Mappings"/>: the user's are read
/// once per change instead. Changes come through the admin API (<see cref="Changed"/> is called as each changing
/// admin request is applied, before its answer is sent) or from a stub's own answer (a scenario's next state, a
/// recorded proxy mapping): <see cref="Changed"/> again.
/// </remarks>
internal sealed class UserStubs(WireMockServer server)
{
    private long version;
    private Snapshot? snapshot;

    /// <summary>Whether any stub is there at all: without one, nothing needs building a request for WireMock.</summary>
    public bool Any => Current().Mappings.Length > 0;

    /// <summary>Marks the stubs (or their scenarios' states) as changed.</summary>
    public void Changed() => Interlocked.Increment(ref version);

    /// <summary>
    /// A stub WireMock may answer the request with (not necessarily the one it will choose); <see cref="Found.Undecided"/>
    /// when only a stub whose matchers cannot read a request that is not WireMock's own (its query-parameter
    /// matcher) may: WireMock then decides. Null when none may, and OpMock answers.
    /// </summary>
    public Found? Match(IRequestMessage request)
    {
        var current = Current();
        IMapping? undecided = null;
        foreach (var mapping in current.Mappings)
        {
            if (mapping.IsDisabled)
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
            else if (result.IsPerfectMatch && result.MatchDetails.All(d => d.Exception is null))
            {
                return new Found(mapping, Undecided: false);
            }
        }

        return undecided is not null ? new Found(undecided, Undecided: true) : null;
    }

    /// <summary>The title of a stub, by its Guid (null when it has none, or is gone).</summary>
    public string? Title(Guid guid) => Current().Mappings.FirstOrDefault(m => m.Guid == guid)?.Title;

    /// <param name="Mapping">A stub that may answer (WireMock chooses which one does).</param>
    internal sealed record Found(IMapping Mapping, bool Undecided);

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
