using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Fixtures;
using WireMock;
using WireMock.Server;

namespace OpMock.Core.Server;

/// <summary>
/// Answers requests from the engine ahead of WireMock's matching, with the answer the mapping's callback
/// would give, and logs them in WireMock's request log as WireMock would.
/// </summary>
/// <remarks>
/// Why: WireMock scores every mapping, its ~50 admin mappings included, on every request, then sorts them,
/// and re-sorts its request log; under load that was most of the CPU (bench/README.md). The fast path stands
/// aside, and WireMock answers, whenever WireMock's answer could differ from the engine's: until the mappings
/// are in place, once mappings are added, replaced or removed through the admin API (an ad-hoc stub takes
/// precedence, as WireMock users expect) until they are exactly OpMock's again, for good once settings change
/// through the admin API, while an admin change is being applied, for a request naming a scenario, and for
/// WireMock's empty-response fault. It writes the malformed-chunk fault itself (WireMock's is well framed).
/// </remarks>
internal sealed class FastPath(Func<MockEngine> engine, bool app, TimeProvider time)
{
    private Lane? lane;
    private bool settingsChanged;
    private int pendingAdmin;
    private long answered;

    /// <summary>How many requests the fast path answered (tests tell the two ways apart by it).</summary>
    public long Answered => Interlocked.Read(ref answered);

    /// <summary>Whether WireMock may now answer differently from the engine (admin stubs, settings, a change under way).</summary>
    public bool Diverged => Volatile.Read(ref lane) is not { Current: true } || Volatile.Read(ref settingsChanged) || Volatile.Read(ref pendingAdmin) > 0;

    /// <summary>Opens the fast path over <paramref name="server"/>, whose OpMock mappings are now <paramref name="ours"/>.</summary>
    public void Open(WireMockServer server, WireMockLog? log, OurMappings ours) =>
        Volatile.Write(ref lane, log is null ? null : new Lane(server, log, ours, Current: OnlyOurs(server, ours)));

    /// <summary>Closes it while the mappings are being rebuilt.</summary>
    public void Close() => Volatile.Write(ref lane, null);

    /// <summary>
    /// Before an admin request that may change mappings or settings: the fast path stands aside until
    /// <see cref="AdminRequestDone"/>. True when the request may change something.
    /// </summary>
    public bool AdminRequestStarting(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        Interlocked.Increment(ref pendingAdmin);
        if (request.Path.StartsWithSegments("/__admin/settings", StringComparison.OrdinalIgnoreCase))
        {
            // A global delay, partial matching and the like change how WireMock answers everything.
            Volatile.Write(ref settingsChanged, true);
        }

        return true;
    }

    /// <summary>Once WireMock has applied the change, before its answer is sent: whether WireMock still answers as OpMock would.</summary>
    public void AdminRequestDone(bool changes)
    {
        if (!changes)
        {
            return;
        }

        if (Volatile.Read(ref lane) is { } current)
        {
            Volatile.Write(ref lane, current with { Current = OnlyOurs(current.Server, current.Ours) });
        }

        Interlocked.Decrement(ref pendingAdmin);
    }

    /// <summary>
    /// Answers the request when the engine's answer is the one WireMock would give; false to hand it on.
    /// The lane is checked after the body has arrived: a request whose headers came before an admin change
    /// is answered as of when it is complete.
    /// </summary>
    public async Task<bool> TryAnswerAsync(HttpContext context, byte[] bytes)
    {
        if (Diverged || Volatile.Read(ref lane) is not { } open || context.Request.Headers.ContainsKey(MockEngine.ScenarioHeader))
        {
            return false;
        }

        var request = MockRequest.Create(context.Request.Method, context.Request.Path.Value ?? "", context.Request.ContentType, bytes,
            context.Request.Query.ToImmutableDictionary(q => q.Key, q => q.Value.FirstOrDefault() ?? ""), scenario: null)
            with { Session = context.Request.Headers[SessionName.Header].FirstOrDefault() ?? SessionName.Default, Host = AvatarEndpoint.HostOf(context) }; // round5: the pipeline's MockRequest will carry the session
        var current = engine();
        var reply = await current.HandleAsync(request, app, context.RequestAborted);
        if (reply.Fault == Fault.EmptyResponse)
        {
            // WireMock writes this fault.
            return false;
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay);
        }

        if (reply.Fault == Fault.DropConnection)
        {
            context.Abort();
            return true;
        }

        if (reply.Fault == Fault.MalformedChunk)
        {
            await HttpGate.BrokenChunksAsync(context);
            return true;
        }

        // Logged and counted before the answer is sent, as WireMock logs: whoever got the answer finds it logged.
        open.Log.Add(context, bytes, request.NotUtf8 is null ? request.Body : null, reply,
            open.Ours.For(request.Method, current.Route(request.Path, app)), time.GetUtcNow().UtcDateTime);
        Interlocked.Increment(ref answered);
        await HttpGate.WriteAsync(context, reply);
        return true;
    }

    private static bool OnlyOurs(WireMockServer server, OurMappings ours) =>
        server.Mappings.Where(m => !m.IsAdminInterface).ToHashSet(ReferenceEqualityComparer.Instance).SetEquals(ours.All);

    /// <param name="Current">Whether the server's non-admin mappings are still exactly OpMock's.</param>
    private sealed record Lane(WireMockServer Server, WireMockLog Log, OurMappings Ours, bool Current);
}
