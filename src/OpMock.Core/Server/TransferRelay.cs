using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Json;
using OpMock.Core.Transfer;

namespace OpMock.Core.Server;

/// <summary>
/// The transfer answers what the direct route answers, stubs included: while the direct port's mappings or
/// settings differ from OpMock's (an admin stub), a transfer to a documented route is relayed to the direct
/// port over loopback, so the stub answers it too. Otherwise the engine answers both the same way without a hop.
/// Only documented routes are relayed, by their documented path: a reqUrl never names where the relay goes.
/// </summary>
internal sealed class TransferRelay(Func<MockEngine> engine, FastPath direct, Func<Uri> directUrl) : IDisposable
{
    private readonly HttpClient client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        UseCookies = false,
    })
    {
        Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>Relays the transfer when the direct port's answer may differ from the engine's; false to answer it here.</summary>
    public async Task<bool> TryRelayAsync(HttpContext context, byte[] body)
    {
        if (!direct.Diverged || !HttpMethods.IsPost(context.Request.Method)
            || !string.Equals(context.Request.Path.Value, Docs.Endpoint.TransferRoute, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var request = MockRequest.Create(context.Request.Method, context.Request.Path.Value!, context.Request.ContentType, body,
            System.Collections.Immutable.ImmutableDictionary<string, string>.Empty, scenario: null);
        // A transfer the engine refuses (bad body, bad reqUrl) is refused here, as the engine says.
        if (RequestBody.Read(request, out _, out _, out _) is not { } json || json["reqUrl"] is not JsonValue value
            || !value.TryGetValue<string>(out var reqUrl) || ReqUrl.Hostile(reqUrl) is not null || engine().State.Direct(reqUrl) is not { } target)
        {
            return false;
        }

        var parameters = new JsonObject(json.Where(p => p.Key != "reqUrl").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        using var relayed = new HttpRequestMessage(HttpMethod.Post, new Uri(directUrl(), target.Endpoint.Route + context.Request.QueryString.Value))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(OpJson.ToCompactText(parameters))),
        };
        relayed.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/json");
        // The direct port links the answer's images on the host the client reached, not on the loopback hop's.
        relayed.Headers.Host = AvatarEndpoint.HostOf(context);
        foreach (var header in new[] { MockEngine.ScenarioHeader, SessionName.Header })
        {
            if (context.Request.Headers.TryGetValue(header, out var sent))
            {
                relayed.Headers.TryAddWithoutValidation(header, sent.ToString());
            }
        }

        byte[] bytes;
        HttpResponseMessage answer;
        try
        {
            answer = await client.SendAsync(relayed, context.RequestAborted);
            bytes = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The direct port dropped the connection or broke its framing (a fault): so does the transfer.
            context.Abort();
            return true;
        }

        using (answer)
        {
            context.Response.StatusCode = (int)answer.StatusCode;
            if (answer.Content.Headers.ContentType is { } contentType)
            {
                context.Response.ContentType = contentType.ToString();
            }

            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }

        return true;
    }

    public void Dispose() => client.Dispose();
}
