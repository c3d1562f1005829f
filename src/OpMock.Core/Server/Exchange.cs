using System.Collections.Immutable;

namespace OpMock.Core.Server;

/// <summary>
/// One request as it was answered, whichever way (OpMock's engine, a user's stub, the gate's refusal, a fault):
/// what the request log (`/__admin/requests`) and the console's live log show. Bodies are kept to
/// <see cref="RequestBody.LoggedBytes"/>; the sizes say how large they were.
/// </summary>
/// <param name="App">True on the app (transfer) port, false on the direct port.</param>
/// <param name="ReqUrl">The transfer's reqUrl, when the request is a transfer that named one.</param>
/// <param name="Status">The HTTP status sent; 0 when the connection was dropped or broken on purpose (a fault).</param>
/// <param name="Session">The session the request ran under (<see cref="SessionName.Default"/> without the header).</param>
/// <param name="Scenario">The fixture scenario that answered, by header, session default or match; null for none.</param>
/// <param name="Ids">The entity ids the request named (chatId, userId, staffId …), in the request's order.</param>
/// <param name="AnsweredBy">"opmock", "stub" (a user's WireMock stub), "gate" (a refusal before the engine), "admin".</param>
/// <param name="MappingGuid">The WireMock mapping that answered, for a stub.</param>
internal sealed record Exchange(
    Guid Id,
    DateTimeOffset Time,
    bool App,
    int Port,
    string ClientIp,
    string Method,
    string Path,
    string Query,
    string? ReqUrl,
    ImmutableArray<KeyValuePair<string, string>> RequestHeaders,
    ReadOnlyMemory<byte> RequestBody,
    long RequestBodySize,
    int Status,
    ImmutableArray<KeyValuePair<string, string>> ResponseHeaders,
    ReadOnlyMemory<byte> ResponseBody,
    long ResponseBodySize,
    TimeSpan Latency,
    string Session,
    string? Scenario,
    ImmutableArray<KeyValuePair<string, string>> Ids,
    string AnsweredBy,
    Guid? MappingGuid,
    string? MappingTitle);

/// <summary>Where answered exchanges go: the request log, the console's live feed. Called once per request, after its answer; must not block.</summary>
internal interface IExchangeSink
{
    void Record(Exchange exchange);
}
