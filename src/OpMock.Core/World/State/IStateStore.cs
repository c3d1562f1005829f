using System.Collections.Immutable;

namespace OpMock.Core.World.State;

/// <summary>
/// Where sessions keep what writes changed: the one place session state lives, in memory
/// (<see cref="MemoryStateStore"/>) or shared by replicas (Redis). The store knows nothing of the world: a session
/// is a set of records, each a collection, an id and fields holding JSON text; the world reads them through an
/// <see cref="Overlay"/>. Every call is for one session except <see cref="ResetAsync"/> and <see cref="ListAsync"/>.
/// </summary>
/// <remarks>
/// Shaped for a store across the network: a request first asks <see cref="HeadAsync"/> (one cheap call: the
/// session's version and default scenario); when the version is one it has already read, it makes no further call.
/// A write is one <see cref="ApplyAsync"/> (all of a request's changes at once, or none), after
/// <see cref="NextSequenceAsync"/> when it needs fresh ids. Refusals are exceptions: <see cref="StateFullException"/>
/// when a limit is reached. Idle sessions expire after <see cref="StateLimits.Idle"/>.
/// </remarks>
internal interface IStateStore : IAsyncDisposable
{
    /// <summary>The bounds it keeps (what a cache of its sessions must stay within too).</summary>
    StateLimits Limits { get; }

    /// <summary>
    /// The session's version and default scenario, and a mark that it was used now. A session the store does not
    /// hold (never written, reset, expired) is <see cref="SessionHead.Seeded"/>. Never creates a session.
    /// </summary>
    ValueTask<SessionHead> HeadAsync(string session, CancellationToken cancel);

    /// <summary>Every record the session changed, at the version returned with them; bounded by <see cref="StateLimits"/>.</summary>
    ValueTask<SessionSnapshot> ReadAsync(string session, CancellationToken cancel);

    /// <summary>
    /// Applies all <paramref name="changes"/> at once (each sets one field of one record; a later change of the same
    /// field wins), creating the session if needed, and returns the session's new version and the one the changes were
    /// applied to (so a reader that holds that one can add the changes itself instead of reading the session again).
    /// Readers never wait for it.
    /// </summary>
    /// <exception cref="StateFullException">The session would hold too many records, or a collection too many, or
    /// there are too many sessions and none idle long enough to evict. Nothing was applied.</exception>
    ValueTask<Applied> ApplyAsync(string session, IReadOnlyList<Change> changes, CancellationToken cancel);

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive numbers of the session's sequence and returns the first (from 1):
    /// atomic, so no two requests (nor two replicas) get the same one until the session is reset or expires.
    /// Fresh ids are derived from (seed, session, number).
    /// </summary>
    /// <exception cref="StateFullException">A new session and too many sessions.</exception>
    ValueTask<long> NextSequenceAsync(string session, int count, CancellationToken cancel);

    /// <summary>Drops what one session changed (its sequence too), or every session's with null: the seeded world again. Default scenarios stay.</summary>
    ValueTask ResetAsync(string? session, CancellationToken cancel);

    /// <summary>The sessions the store holds (written to, or given a default scenario), by name.</summary>
    ValueTask<ImmutableArray<SessionInfo>> ListAsync(CancellationToken cancel);

    /// <summary>Sets (or with null clears) the scenario a session's requests run under when they name none themselves.</summary>
    /// <exception cref="StateFullException">A new session and too many sessions.</exception>
    ValueTask SetScenarioAsync(string session, string? scenario, CancellationToken cancel);
}

/// <summary>
/// One written value: field <paramref name="Field"/> of record <paramref name="Id"/> in
/// <paramref name="Collection"/> is now <paramref name="Json"/> (JSON text; "null" is a value).
/// </summary>
/// <param name="Collection">What kind of record: an entity kind ("chat"), or a list the record belongs to ("msg:CHATID").
/// <see cref="StateLimits.PerCollection"/> bounds how many records one collection holds.</param>
internal readonly record struct Change(string Collection, string Id, string Field, string Json);

/// <summary>A write applied: the session's new version, and the version it was applied to (0: the seeded world).</summary>
internal readonly record struct Applied(long Version, long Previous);

/// <summary>What a request needs before anything else: whether the session changed since last read, and its default scenario.</summary>
/// <param name="Version">0 for a session with no changes (the seeded world); otherwise a number the store never hands
/// out again, for any session, even after a reset: (session, version) names one state and can key a cache.</param>
internal readonly record struct SessionHead(long Version, string? Scenario)
{
    public static SessionHead Seeded => default;
}

/// <summary>A session's records at one version: each (collection, id, field) once, with its latest value, in no particular order.</summary>
internal sealed record SessionSnapshot(long Version, ImmutableArray<Change> Changes)
{
    public static SessionSnapshot Empty { get; } = new(0, []);
}

/// <summary>A session as the admin API lists it.</summary>
/// <param name="Records">How many records (entities, messages, created items) its writes changed.</param>
/// <param name="Writes">How many writes it applied.</param>
internal sealed record SessionInfo(string Name, long Version, int Records, int Writes, DateTimeOffset LastUsed, string? Scenario);

/// <summary>
/// The bounds of session state: a session is an overlay of changes, never a copy of the world, and these keep the
/// overlays of all sessions within a known size.
/// </summary>
/// <param name="Sessions">How many sessions at once; a new one beyond it evicts the session idle longest (if idle at
/// least <paramref name="EvictAfter"/>), else is refused.</param>
/// <param name="RecordsPerSession">Changed entities, messages and created items in one session.</param>
/// <param name="PerCollection">Records in one collection: messages appended to one chat, items created in one list.</param>
/// <param name="Idle">A session unused this long is gone (its changes dropped).</param>
internal sealed record StateLimits(int Sessions, int RecordsPerSession, int PerCollection, TimeSpan Idle, TimeSpan EvictAfter)
{
    public static StateLimits Default { get; } = new(10_000, 5_000, 1_000, TimeSpan.FromHours(24), TimeSpan.FromMinutes(1));

    /// <summary>Bytes all sessions' changes may hold together (<see cref="StateBudget"/>): 128 MB unless --state-max-mb says.</summary>
    public long Bytes { get; init; } = 128 * StateBudget.MiB;

    /// <summary>Bytes one session's changes may hold: 8 MB unless --state-session-max-mb says.</summary>
    public long SessionBytes { get; init; } = 8 * StateBudget.MiB;

    /// <summary>New sessions one origin (a page's, or the loopback clients' without one) may hold at once (<see cref="SessionOpeners"/>).</summary>
    public int SessionsPerOrigin { get; init; } = 1_000;
}

/// <summary>Which bound a refused change would have crossed.</summary>
internal enum StateLimit
{
    Sessions,
    Records,
    Collection,
    SessionBytes,
    Bytes,
    OriginSessions,
}

/// <summary>A change the store refused because a <see cref="StateLimits"/> bound is reached; the message says which and what to do.</summary>
internal sealed class StateFullException(StateLimit limit, string message) : Exception(message)
{
    public StateLimit Limit { get; } = limit;
}
