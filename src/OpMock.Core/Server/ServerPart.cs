using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// The seams a part of the server that lives above this folder (the web console) hooks into: it adds its own
/// endpoints and watches the exchanges. The server names no such part; the command that starts it adds them
/// (<see cref="MockServerOptions.Parts"/>), so Server never depends on the folders built on it.
/// </summary>
internal sealed record ServerSeams(
    Func<MockEngine> Engine,
    Func<(int Direct, int App)> Ports,
    (string Name, Schemas.ApiContract Contract)? Base,
    Func<HttpContext, Refusal?> AdminCheck,
    BodyBudget Bodies,
    TimeProvider Time,
    ExchangeHub Exchanges,
    OwnEndpoints Endpoints);

/// <summary>A part attached to a server; disposed first when it stops (a console's live streams end before the ports do).</summary>
internal interface IServerPart : IDisposable;
