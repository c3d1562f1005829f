using System.Collections.Immutable;
using OpMock.Core.Fixtures;

namespace OpMock.Core.Server;

/// <summary>A request as the engine sees it, independent of the HTTP server carrying it.</summary>
/// <param name="Scenario">The X-OpMock-Scenario header, when sent.</param>
/// <param name="NotUtf8">Why the body's bytes are not UTF-8 text, when they are not (<see cref="Body"/> is then a lossy reading).</param>
internal sealed record MockRequest(
    string Method,
    string Path,
    string? ContentType,
    string Body,
    ImmutableDictionary<string, string> Query,
    string? Scenario,
    string? NotUtf8 = null)
{
    /// <summary>The session the request runs under (<see cref="SessionName"/>): whose changes to the world it sees.</summary>
    public string Session { get; init; } = SessionName.Default;

    /// <summary>Who opens sessions with this request (<see cref="World.State.SessionOpeners"/>): a page's origin, else the client's address.</summary>
    public string Opener { get; init; } = World.State.SessionOpeners.Loopback;

    private static string OpenerOf(Microsoft.AspNetCore.Http.HttpRequest request) =>
        request.Headers.Origin.ToString() is { Length: > 0 } origin ? MockEngine.Sample(origin)
        : request.HttpContext.Connection.RemoteIpAddress is { } ip && !System.Net.IPAddress.IsLoopback(ip) ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : World.State.SessionOpeners.Loopback;

    /// <summary>Where the body's reading is kept once made (<see cref="RequestBody.Read"/>); null: read each time asked.</summary>
    public BodyMemo? Memo { get; init; }

    /// <summary>The host the client reached the server by (its Host header): the world's image URLs name it (<see cref="World.Avatars"/>).</summary>
    public string? Host { get; init; }

    /// <summary>
    /// The one place a request becomes the engine's: method, path, Content-Type, query, the scenario header and
    /// the session header (`X-OpMock-Session`, which the engine checks: a bad one is its 400).
    /// </summary>
    public static MockRequest From(Microsoft.AspNetCore.Http.HttpRequest request, byte[] body)
    {
        var session = request.Headers[SessionName.Header].ToString() is { Length: > 0 } header ? header : SessionName.Default;
        var query = request.QueryString.HasValue
            ? request.Query.ToImmutableDictionary(q => q.Key, q => q.Value.FirstOrDefault() ?? "")
            : ImmutableDictionary<string, string>.Empty;
        var scenario = request.Headers.TryGetValue(MockEngine.ScenarioHeader, out var named) ? named.ToString() : null;
        return Create(request.Method, request.Path.Value ?? "", request.ContentType, body, query, scenario) with
        {
            Session = session, Host = AvatarEndpoint.HostOf(request.HttpContext), Opener = OpenerOf(request),
        };
    }

    /// <summary>A request from its parts: the body's bytes decide whether it is UTF-8 text.</summary>
    public static MockRequest Create(string method, string path, string? contentType, byte[] body, ImmutableDictionary<string, string> query, string? scenario)
    {
        var text = RequestBody.Decode(body, out var notUtf8) ?? System.Text.Encoding.UTF8.GetString(body);
        return new MockRequest(method, path, contentType, text, query, scenario, notUtf8);
    }
}

/// <summary>What to send back: the status and UTF-8 JSON body, or a fault, after a delay.</summary>
/// <param name="Scenario">The fixture scenario that chose this answer (by header, session default or match), if any.</param>
internal sealed record MockReply(int Status, byte[] Body, Fault Fault, TimeSpan Delay, string? Scenario = null)
{
    public const string ContentType = "application/json;charset=UTF-8";
}
