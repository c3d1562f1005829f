using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using OpMock.Core.Json;
using WireMock;

namespace OpMock.Core.Server;

/// <summary>
/// The transfer answers what the direct route answers, a user's stub included: when a stub on the direct port
/// matches the request the transfer relays (the reqUrl's route; its params as the body, or as the query for a
/// GET doc), the transfer goes there by one loopback hop and the stub answers it. Otherwise the engine answers
/// the transfer itself. Only documented routes are relayed, by their documented path: a reqUrl never names
/// where the hop goes. The hop carries <see cref="HopHeader"/> with a per-process secret, so the direct port
/// does not log it a second time; the direct port answers the hop with <see cref="ChosenHeader"/>, the stub
/// WireMock chose, for the app port's log.
/// </summary>
internal sealed class TransferStubs(Func<MockEngine> engine, Func<UserStubs?> directStubs, Func<Uri> directUrl, TimeProvider time) : IDisposable
{
    public const string HopHeader = "X-OpMock-Hop";

    /// <summary>On the answer to a hop only: the Guid of the stub WireMock answered it with.</summary>
    public const string ChosenHeader = "X-OpMock-Hop-Stub";

    private static readonly string[] NotRelayed = ["Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", HopHeader, ChosenHeader];

    private readonly HttpClient client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        UseCookies = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>The secret this process marks its hops with.</summary>
    public string Secret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether a request is this process's own hop (not logged again).</summary>
    public bool IsHop(HttpRequest request) =>
        request.Headers.TryGetValue(HopHeader, out var value) && value.ToString() == Secret;

    /// <summary>The direct stub that answered the relayed transfer (as WireMock chose it), or null when the engine is to answer it.</summary>
    /// <remarks>Reads the body as the engine would (<see cref="RequestFeature.Request"/>): when the engine answers after all, it parses nothing again.</remarks>
    public async Task<(Guid? Guid, string? Title)?> TryRelayAsync(HttpContext context)
    {
        if (directStubs() is not { Any: true } stubs || !HttpMethods.IsPost(context.Request.Method)
            || !string.Equals(context.Request.Path.Value, Docs.Endpoint.TransferRoute, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var feature = RequestFeature.Of(context);
        // A transfer the engine refuses (bad body, bad reqUrl) is refused by the engine, never relayed.
        if (RequestBody.Read(feature.Request, out _, out _, out _) is not { } json || TransferBody.ReqUrl(json) is not { } reqUrl
            || Transfer.ReqUrl.Hostile(reqUrl) is not null || engine().State.Direct(reqUrl) is not { } target)
        {
            return null;
        }

        var parameters = TransferBody.Params(json);
        var route = target.Endpoint.Route;
        var method = target.Endpoint.Method.ToUpperInvariant();
        var inQuery = Docs.QueryParameters.Carries(method);
        var query = inQuery
            ? QueryString.Create(Docs.QueryParameters.Pairs(parameters).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Add(context.Request.QueryString).Value ?? ""
            : context.Request.QueryString.Value ?? "";
        var relayedBody = inQuery ? [] : Encoding.UTF8.GetBytes(OpJson.ToCompactText(parameters));
        var headers = context.Request.Headers.Where(h => !NotRelayed.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? ""))).ToImmutableArray();
        var direct = directUrl();
        var relayed = StubRequest.Create(method, direct.Authority, route, query, [.. headers, KeyValuePair.Create("Host", direct.Authority)],
            context.Connection.RemoteIpAddress?.ToString() ?? "", relayedBody, time.GetUtcNow().UtcDateTime);
        // Only a stub known to match is worth the hop (one WireMock must decide on is decided for direct requests).
        if (stubs.Match(relayed) is not { Undecided: false } found)
        {
            return null;
        }

        var chosen = await HopAsync(context, new Uri(direct, route + query), method, headers, relayedBody, feature.Draft);
        return (chosen, chosen is { } guid ? stubs.Title(guid) : null);
    }

    public void Dispose() => client.Dispose();

    private async Task<Guid?> HopAsync(HttpContext context, Uri url, string method, ImmutableArray<KeyValuePair<string, string>> headers, byte[] body, ExchangeDraft draft)
    {
        using var hop = new HttpRequestMessage(new HttpMethod(method), url);
        if (body.Length > 0 || method != "GET")
        {
            hop.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in headers)
        {
            if (!hop.Headers.TryAddWithoutValidation(name, value) && hop.Content is not null)
            {
                hop.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (hop.Content is not null && hop.Content.Headers.ContentType is null)
        {
            hop.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        hop.Headers.TryAddWithoutValidation(HopHeader, Secret);
        try
        {
            using var answer = await client.SendAsync(hop, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            {
                if (!NotRelayed.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            var capture = new ResponseCapture(context.Response.Body);
            draft.Captured = capture;
            await using var stream = await answer.Content.ReadAsStreamAsync(context.RequestAborted);
            await stream.CopyToAsync(capture, context.RequestAborted);
            return answer.Headers.TryGetValues(ChosenHeader, out var chosen) && Guid.TryParse(chosen.FirstOrDefault(), out var guid) ? guid : null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The stub dropped the connection or broke its framing (a fault): so does the transfer.
            draft.Status = 0;
            context.Abort();
            return null;
        }
    }
}
