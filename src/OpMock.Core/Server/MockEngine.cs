using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Fixtures;
using OpMock.Core.Json;
using OpMock.Core.Schemas;
using OpMock.Core.Transfer;
using OpMock.Core.World;
using OpMock.Core.World.Actions;
using OpMock.Core.World.State;

namespace OpMock.Core.Server;

/// <summary>
/// Answers one request from a <see cref="MockState"/>: routing, request validation, the session, scenarios,
/// the write's effect and the world's data. The transfer route hands its params to exactly the code the direct
/// route runs, so the two answer the same bytes (foot.operationTime aside).
/// </summary>
/// <param name="sessions">The server's sessions, which outlive reloads; a fresh in-memory set when none is given.</param>
internal sealed class MockEngine(MockState state, TimeProvider time, Sessions? sessions = null)
{
    public const string ScenarioHeader = "X-OpMock-Scenario";

    private static readonly ImmutableArray<string> AppRoutes = [Docs.Endpoint.TransferRoute];

    /// <summary>Bounds the answer cache; past it the cache starts over (answers are cheap to regenerate).</summary>
    private const int CacheLimit = 10_000;

    /// <summary>Larger bodies are answered but not cached: the body is part of the key, and 10,000 large keys would be a lot of memory.</summary>
    private const int CacheableBody = 4096;

    private readonly Envelope envelope = new(state.Fixtures.Foot, time, state.Fixtures.Errors);

    private readonly Sessions sessions = sessions ?? Sessions.InMemory(time);

    private readonly ActionRunner actions = new(time);

    // A query parameter a scenario matches on changes the answer, but the cache key names only the token (POST).
    private readonly ImmutableArray<Scenario> matching = Scenarios.Matching(state.Fixtures.Scenarios);

    private readonly FrozenSet<string> matchedFields = state.Fixtures.Scenarios.Values.SelectMany(s => s.Match.Keys).ToFrozenSet(StringComparer.Ordinal);

    // Answers are a pure function of (port, path, token, body) for a given state, so the head of a
    // normal answer can be reused; only foot.operationTime is written per request.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> heads = new(StringComparer.Ordinal);

    // Keys are cached on their second sighting: traffic naming a new user per request would otherwise fill
    // the cache with answers never asked for again, and that churn (10,000 answers promoted to the old
    // generation, then dropped) was what moved RSS under load between 160 and 235 MB. One slot per key hash,
    // fixed size: a collision only delays or advances caching.
    private readonly int[] seenOnce = new int[SeenSlots];

    private const int SeenSlots = 1 << 14;

    private int cachedCount;

    public MockState State => state;

    /// <summary>The house envelope with this state's foot and error replies: every answer OpMock writes itself.</summary>
    public Envelope Envelope => envelope;

    public Sessions Sessions => sessions;

    /// <summary>How many answers the cache holds now.</summary>
    public int CachedAnswers => Volatile.Read(ref cachedCount);

    private ErrorReplies Errors => state.Fixtures.Errors;

    /// <param name="app">True on the app port, which serves the transfer route; false on the direct port.</param>
    public async ValueTask<MockReply> HandleAsync(MockRequest request, bool app, CancellationToken cancel)
    {
        if (SessionName.Read(request.Session, out var badSession) is not { } session)
        {
            return envelope.Error(Errors.Validation, badSession!, Field(SessionName.Header, "a session name", Sample(request.Session)));
        }

        // One cheap call per request: has the session changed since it was last read, and does it have a default scenario?
        SessionHead head;
        try
        {
            head = await sessions.Store.HeadAsync(session, cancel);
        }
        catch (StateUnavailableException lost)
        {
            return envelope.StateUnavailable(lost, session);
        }

        var key = request.Scenario is null && head.Scenario is null && request.Body.Length <= CacheableBody
            && (request.Query.IsEmpty || !request.Query.Keys.Any(matchedFields.Contains)) ? CacheKey(request, app, session, head.Version) : null;
        if (key is not null && heads.TryGetValue(key, out var cached))
        {
            return new MockReply(200, envelope.Complete(cached), Fault.None, TimeSpan.Zero);
        }

        var (reply, answerHead) = await AnswerAsync(request with { Session = session }, app, head, cancel);
        // ConcurrentDictionary.Count takes every lock (microseconds per call), so entries are counted here.
        if (key is not null && answerHead is not null && SeenBefore(key) && heads.TryAdd(key, answerHead) && Interlocked.Increment(ref cachedCount) > CacheLimit)
        {
            heads.Clear();
            Interlocked.Exchange(ref cachedCount, 0);
        }

        return reply;
    }

    private bool SeenBefore(string key)
    {
        var hash = key.GetHashCode(StringComparison.Ordinal);
        ref var slot = ref seenOnce[hash & (SeenSlots - 1)];
        return Interlocked.Exchange(ref slot, hash) == hash;
    }

    /// <summary>The documented route a path names on the direct or the app port, or null.</summary>
    public string? Route(string path, bool app) => app
        ? (string.Equals(path, Docs.Endpoint.TransferRoute, StringComparison.OrdinalIgnoreCase) ? Docs.Endpoint.TransferRoute : null)
        : state.Direct(path)?.Endpoint.Route;

    // A GET doc's params are in the query, so its whole query is part of the key; a POST's only names the token. A session
    // nobody changed answers as the seeded world (version 0, shared by all such sessions); a changed one by its version,
    // which the store never hands out twice: an answer cached before a write is never served after it. The world's day
    // and the host the answer's image URLs name are part of it too.
    private string CacheKey(MockRequest request, bool app, string session, long version) =>
        $"{(app ? 'a' : 'd')}\n{state.Data.World.Options.Anchor.UtcTicks}\n{request.Host}\n{request.Method}\n{request.Path}\n{request.ContentType}\n{(Docs.QueryParameters.Carries(request.Method) ? Docs.QueryParameters.Key(request.Query) : request.Query.GetValueOrDefault("token"))}\n{(version == 0 ? "" : session + "@" + version)}\n{request.Body}";

    /// <returns>The reply, and the cacheable head of a normal (no scenario, no write) answer, else null.</returns>
    private async ValueTask<(MockReply Reply, byte[]? Head)> AnswerAsync(MockRequest request, bool app, SessionHead session, CancellationToken cancel)
    {
        var routes = app ? AppRoutes : state.DirectRoutes;
        var route = Route(request.Path, app);
        if (route is null)
        {
            return (envelope.Error(Errors.NotFound, $"{request.Method} {request.Path} is not a documented route", Known(routes)), null);
        }

        // Each route takes the method its doc names (the relay takes POST); a GET doc's params are in the query.
        var method = app ? "POST" : state.Direct(route)!.Endpoint.Method;
        if (!string.Equals(request.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return (envelope.Error(Errors.MethodNotAllowed, $"{route} takes {method}, not {request.Method}", Known(routes)), null);
        }

        // A fault is the network failing: it comes before anything about the request is checked.
        if ((request.Scenario ?? session.Scenario) is { } name && state.Fixtures.Scenarios.TryGetValue(name, out var named) && named.Fault != Fault.None)
        {
            return (new MockReply(200, [], named.Fault, Scenarios.Delay(named), name), null);
        }

        if (!app && Docs.QueryParameters.Carries(method))
        {
            var parameters = Docs.QueryParameters.Read(state.Direct(route)!.Endpoint, request.Query);
            return await DirectAsync(state.Direct(route)!, request, parameters, parameters, null, session, cancel);
        }

        if (RequestBody.Read(request, out var problem, out var field, out var expected) is not { } body)
        {
            return (envelope.Error(Errors.Validation, problem, Field(field, expected, Sample(request.Body))), null);
        }

        return app ? await TransferAsync(request, body, session, cancel) : await DirectAsync(state.Direct(route)!, request, body, body, null, session, cancel);
    }

    private async ValueTask<(MockReply Reply, byte[]? Head)> TransferAsync(MockRequest request, JsonObject body, SessionHead session, CancellationToken cancel)
    {
        if (TransferBody.ReqUrl(body) is not { } reqUrl)
        {
            var what = body["reqUrl"] is null ? "reqUrl is required" : $"reqUrl must be text, not {body["reqUrl"]!.GetValueKind().ToString().ToLowerInvariant()}";
            return (envelope.Error(Errors.Validation, $"{what}: the direct route to relay to", Field("reqUrl", "a documented route", Sample(body["reqUrl"]))), null);
        }

        // Messages quote the reqUrl shortened: it is the caller's text, of any length.
        if (ReqUrl.Hostile(reqUrl) is { } why)
        {
            var data = Known(state.DirectRoutes);
            data["field"] = "reqUrl";
            return (envelope.Error(Errors.Validation, $"reqUrl `{Sample(reqUrl)}` is refused: {why}; the mock only relays to documented routes", data), null);
        }

        if (state.Direct(reqUrl) is not { } direct)
        {
            var data = Known(state.DirectRoutes);
            data["field"] = "reqUrl";
            return (envelope.Error(Errors.NotFound, $"reqUrl `{Sample(reqUrl)}` is not a documented route", data), null);
        }

        return await DirectAsync(direct, request, TransferBody.Params(body), body, state.TransferFor(direct.Endpoint.Route), session, cancel);
    }

    /// <param name="checkedBody">What the request schema checks: a transfer's whole body against its own doc when there is one.</param>
    private async ValueTask<(MockReply Reply, byte[]? Head)> DirectAsync(EndpointSchemas endpoint, MockRequest request, JsonObject parameters, JsonObject checkedBody,
        EndpointSchemas? transferDoc, SessionHead session, CancellationToken cancel)
    {
        var scenario = Scenarios.For(state.Fixtures.Scenarios, matching, request, parameters, session.Scenario, out var unknown);
        if (unknown is not null)
        {
            var names = new JsonArray([.. state.Fixtures.Scenarios.Keys.Order(StringComparer.Ordinal).Select(n => (JsonNode)n)]);
            return (envelope.Error(Errors.UnknownScenario, $"no scenario `{unknown}` in the fixtures", new JsonObject { ["scenarios"] = names }), null);
        }

        var delay = Scenarios.Delay(scenario);
        if (scenario is { Fault: not Fault.None })
        {
            return (new MockReply(200, [], scenario.Fault, delay, scenario.Name), null);
        }

        var checker = state.RequestCheckers[(transferDoc ?? endpoint).Endpoint.Id];
        var target = transferDoc is null ? parameters : checkedBody;
        var violation = checker.FirstError(target);
        if (violation is not null)
        {
            return (envelope.Error(Errors.Validation, $"{violation.Path}: {violation.Message}", Field(violation.Path, violation.Expected, violation.Actual)) with { Delay = delay }, null);
        }

        // A page number past its type's range (pageNo 2^31) passes the schema but names no page: refused, naming the range.
        if (state.Data.Check(endpoint.Endpoint, parameters) is { } problem)
        {
            return (envelope.Error(Errors.Validation, problem.Message, Field(problem.Field, problem.Expected, problem.Actual)) with { Delay = delay }, null);
        }

        var token = request.Query.GetValueOrDefault("token");
        var effect = state.Effects.For(endpoint.Endpoint.Route);
        if (effect.IsWrite && WriteValues.Problem(endpoint.Endpoint, parameters) is { } tooLong)
        {
            return (envelope.Error(Errors.Validation, tooLong.Message, Field(tooLong.Field, "a shorter text", "too long")) with { Delay = delay }, null);
        }

        Overlay changes;
        try
        {
            changes = await sessions.OverlayAsync(request.Session, session.Version, cancel);
        }
        catch (StateUnavailableException lost)
        {
            return (envelope.StateUnavailable(lost, request.Session) with { Delay = delay }, null);
        }

        Written? written = null;
        if (effect.IsWrite && Scenarios.Succeeds(scenario) && Preconditions.Check(effect, parameters, state.Data.World.In(changes)) is { } refused)
        {
            // A refused write changes nothing and is answered as the backend answers it: HTTP 200, a business code.
            var reply = Errors.Refusal(refused, endpoint.Endpoint.Route);
            return (new MockReply(reply.Status, envelope.Write(reply.Code, reply.Message, null), Fault.None, delay), null);
        }

        if (effect.IsWrite && Scenarios.Succeeds(scenario))
        {
            try
            {
                if (sessions.Openers?.Admit(request.Opener, request.Session, session.Version == 0) is { } rationed)
                {
                    throw rationed;
                }

                (changes, written) = await WriteAsync(effect, endpoint.Endpoint, request.Session, parameters, token, changes, cancel);
            }
            catch (StateFullException full)
            {
                return (envelope.Error(Errors.StateFull, full.Message, new JsonObject { ["session"] = request.Session, ["limit"] = full.Limit.ToString().ToLowerInvariant(), ["reset"] = $"POST {SessionsAdmin.ResetPath}?session={request.Session}" }) with { Delay = delay }, null);
            }
            catch (StateUnavailableException lost)
            {
                return (envelope.StateUnavailable(lost, request.Session) with { Delay = delay }, null);
            }
        }

        var answer = state.Data.For(endpoint.Endpoint, parameters, token, changes, written, request.Host);
        if (scenario is not null)
        {
            return (Scenarios.Reply(envelope, scenario, answer.Data, delay) with { Scenario = scenario.Name }, null);
        }

        var head = Envelope.Head(Envelope.SuccessCode, Envelope.SuccessMessage, answer.Data, answer.Page);
        // A write's answer is never cached: the same request again is another write.
        return (new MockReply(200, envelope.Complete(head), Fault.None, delay), effect.IsWrite ? null : head);
    }

    /// <summary>Applies a write's changes to its session at once; the session as changed, and what the write made.</summary>
    private async ValueTask<(Overlay Changes, Written? Written)> WriteAsync(Effect effect, Docs.Endpoint endpoint, string session, JsonObject parameters, string? token, Overlay before, CancellationToken cancel)
    {
        var world = state.Data.World.In(before);
        var outcome = await actions.RunAsync(effect, parameters, token, world, sessions.Store, session, cancel);
        // The write's own time is now and its actor the OP who acted, in its answer and in later reads.
        outcome = Actors.Stamp(WriteTimes.Stamp(outcome, endpoint, effect, time.GetUtcNow()), endpoint, effect, parameters, token, world);
        if (outcome.Changes.IsEmpty)
        {
            return (before, outcome.Written);
        }

        return (await sessions.ApplyAsync(session, before, outcome.Changes, cancel), outcome.Written);
    }

    private static JsonObject Known(IEnumerable<string> routes) =>
        new() { ["knownRoutes"] = new JsonArray([.. routes.Select(r => (JsonNode)r)]) };

    private static JsonObject Field(string path, string expected, string actual) => Envelope.Field(path, expected, actual);

    /// <summary>A caller's value as short text for a message: it may be of any length.</summary>
    internal static string Sample(object? value) => OpJson.Sample(value);
}
