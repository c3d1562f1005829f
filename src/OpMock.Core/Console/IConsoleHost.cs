using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Validation;

namespace OpMock.Core.Console;

/// <summary>
/// What a server hosting the console answers it with: `opmock serve` (<see cref="ServeConsole"/>) or `opmock proxy`
/// (<see cref="ProxyConsole"/>). The page, the live feed and the endpoint are the same for both.
/// </summary>
internal interface IConsoleHost
{
    /// <summary>The ports the page may send requests to, besides its own (the CSP's connect-src).</summary>
    IEnumerable<int> Ports { get; }

    /// <summary>What the page needs to start: which host, where to send requests, scenarios, session headers, the feed's bounds.</summary>
    JsonObject Info(HttpRequest request);

    JsonObject Routes();

    /// <summary>A response body checked against its route's response schema; null when the route is not documented.</summary>
    Task<CheckedResponse?> CheckAsync(string route, string? reqUrl, int? status, string body);

    /// <summary>The world panel's answer as <paramref name="session"/> sees it: the JSON, or a problem with the query; (null, null) when this host has no world (the proxy).</summary>
    Task<(JsonObject? Found, string? Problem)> WorldAsync(string query, string? kind, string session, CancellationToken cancel);

    /// <summary>Counts per route (the proxy); null when the host keeps none.</summary>
    JsonObject? Totals();

    /// <summary>What the served docs changed against a base (`serve --base OLD`), as `opmock diff --format json` writes it; null without one.</summary>
    JsonObject? Changes();
}
