using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// The stage of the user's stubs: a request a stub of this port matches is handed to WireMock.Net, which answers
/// it and says which stub it chose (<see cref="StubChoice"/>); on the app port, a transfer whose relayed request a
/// direct-port stub matches goes there (<see cref="TransferStubs"/>). With no stub loaded nothing is asked: a
/// documented route never enters WireMock's middleware then.
/// </summary>
/// <param name="stubs">The port's user stubs, null until its WireMock server has started.</param>
internal sealed class StubStage(Func<UserStubs?> stubs, StubChoice choice, TransferStubs transfers, TimeProvider time) : IStage
{
    /// <summary>What WireMock answers (404) when no mapping matches.</summary>
    private const string NoMatch = "No matching mapping found";

    public async Task<bool> TryAnswerAsync(HttpContext context, Func<Task> wireMock)
    {
        var feature = RequestFeature.Of(context);
        // A query WireMock's parser fails on (a parameter without a name) is not handed to it: OpMock answers.
        if (stubs() is { Any: true } loaded && WireMockReadable(context.Request) is null && loaded.Match(Stub(context, feature.Body)) is not null
            && await StubAsync(context, wireMock, feature.Draft, loaded))
        {
            return true;
        }

        if (feature.App && await transfers.TryRelayAsync(context) is { } relayed)
        {
            feature.Draft.AnsweredBy = "stub";
            (feature.Draft.MappingGuid, feature.Draft.MappingTitle) = relayed;
            return true;
        }

        return false;
    }

    /// <summary>Why WireMock's request reader would fail on the request (it throws on a query parameter without a name), or null.</summary>
    public static string? WireMockReadable(HttpRequest request) =>
        request.QueryString.Value is { Length: > 1 } query && query[1..].Split('&').Any(p => p.StartsWith('='))
            ? $"the query `{MockEngine.Sample(query)}` has a parameter without a name (`=value`); name it or leave it out"
            : null;

    /// <summary>
    /// Hands the request to WireMock, whose stub answers it, and records the stub WireMock chose (a transfer's hop
    /// tells the app port which, in <see cref="TransferStubs.ChosenHeader"/>); false when WireMock found no stub
    /// after all (nothing sent).
    /// </summary>
    private async Task<bool> StubAsync(HttpContext context, Func<Task> wireMock, ExchangeDraft draft, UserStubs loaded)
    {
        draft.AnsweredBy = "stub";
        var chosen = choice.Watch();
        if (transfers.IsHop(context.Request))
        {
            context.Response.OnStarting(() =>
            {
                if (chosen.Guid is { } guid)
                {
                    context.Response.Headers[TransferStubs.ChosenHeader] = guid.ToString();
                }

                return Task.CompletedTask;
            });
        }

        var body = context.Response.Body;
        var capture = new ResponseCapture(body, first => context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted
            && first.Length < 100 && System.Text.Encoding.UTF8.GetString(first.Span).Contains(NoMatch, StringComparison.Ordinal));
        context.Response.Body = capture;
        draft.Captured = capture;
        try
        {
            await wireMock();
        }
        finally
        {
            // A stub's answer may move its scenario to the next state, or record a new mapping (proxying).
            loaded.Changed();
            context.Response.Body = body;
            (draft.MappingGuid, draft.MappingTitle) = (chosen.Guid, chosen.Title);
        }

        if (!capture.Missed)
        {
            return true;
        }

        // Its probability rolled no, its time window is over by WireMock's clock, the stub went away between
        // OpMock's look and WireMock's, or an undecided stub did not match after all: OpMock answers.
        context.Response.Clear();
        context.Request.Body.Position = 0;
        draft.Captured = null;
        draft.MappingGuid = null;
        draft.MappingTitle = null;
        draft.AnsweredBy = "opmock";
        return false;
    }

    /// <summary>The request as WireMock's matchers read it.</summary>
    private StubRequest Stub(HttpContext context, byte[] body)
    {
        var headers = System.Collections.Immutable.ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        foreach (var (name, values) in context.Request.Headers)
        {
            headers.AddRange(values.Select(v => KeyValuePair.Create(name, v ?? "")));
        }

        var ip = context.Connection.RemoteIpAddress;
        return StubRequest.Create(context.Request.Method, context.Request.Host.Value ?? "localhost", context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? "", headers.ToImmutable(), ip is null ? "" : (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString(),
            body, time.GetUtcNow().UtcDateTime);
    }
}
