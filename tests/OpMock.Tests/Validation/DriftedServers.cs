using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace OpMock.Tests.Validation;

/// <summary>
/// Stand-ins for the real OP servers, on 127.0.0.1 with an ephemeral port: one that answers with the
/// docs' own examples, and one that has drifted from the docs in every way the validator must catch.
/// </summary>
internal static class DriftedServers
{
    /// <summary>
    /// The timeout tests use against the drifted server: generous, so a loaded CI machine does not turn a
    /// fast route into a timeout, and far below the slow route's delay.
    /// </summary>
    public const string Timeout = "2s";

    public static readonly TimeSpan TimeoutSpan = TimeSpan.FromSeconds(2);

    /// <summary>How long the slow route takes. The server does not wait for it when it stops.</summary>
    public static readonly TimeSpan SlowDelay = TimeSpan.FromSeconds(10);

    public const string TimeoutMessage = "no response within " + Timeout;

    /// <summary>The drifts, by where each must be reported.</summary>
    public static readonly (string Label, string Path, string Message)[] Drifts =
    [
        (Shipped.Receives, "data.isOnline", "expected boolean or null, found string \"yes\""),
        (Shipped.Receives, "data.chats[2].createTime", "expected text in the format yyyy-MM-dd HH:mm:ss, found string \"2024\""),
        (Shipped.Receives, "data.chats[1].chatId", "documented field `chatId` is missing"),
        (Shipped.ChatInfo, "data.client.clientId", "expected integer or null, found string \"4\""),
        (Shipped.ChatInfo, "data.vipLevel", "`vipLevel` is not documented"),
        ("/opapp/transfer → " + Shipped.Receives, "$", "HTTP status 500; the body is HTML or XML, not JSON"),
        ("/opapp/transfer → " + Shipped.ChatInfo, "$", TimeoutMessage),
    ];

    public static WireMockServer StartLoopback() =>
        WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    /// <summary>Both servers' roles on one loopback server: the direct routes and the transfer relay.</summary>
    public static async Task<WireMockServer> StartCleanAsync()
    {
        var server = StartLoopback();
        foreach (var route in new[] { Shipped.Receives, Shipped.ChatInfo })
        {
            var example = await Shipped.ExampleAsync(route);
            server.Given(Request.Create().WithPath(route).UsingPost()).RespondWith(Json(200, example));
            server.Given(Request.Create().WithPath(Shipped.TransferRoute).UsingPost().WithBody(new WildcardMatcher($"*\"{route}\"*")))
                .RespondWith(Json(200, example));
        }

        return server;
    }

    public static async Task<WireMockServer> StartDriftedAsync()
    {
        var server = StartLoopback();
        var receives = await Shipped.DriftedAsync(Shipped.Receives, o =>
        {
            o["data"]!["isOnline"] = "yes";
            o["data"]!["chats"]![2]!["createTime"] = "2024";
            o["data"]!["chats"]![1]!.AsObject().Remove("chatId");
        });
        var chatInfo = await Shipped.DriftedAsync(Shipped.ChatInfo, o =>
        {
            o["data"]!["client"]!["clientId"] = "4";
            o["data"]!["vipLevel"] = 3;
        });
        server.Given(Request.Create().WithPath(Shipped.Receives).UsingPost()).RespondWith(Json(200, receives));
        server.Given(Request.Create().WithPath(Shipped.ChatInfo).UsingPost()).RespondWith(Json(200, chatInfo));
        server.Given(Request.Create().WithPath(Shipped.TransferRoute).UsingPost().WithBody(new WildcardMatcher($"*\"{Shipped.Receives}\"*")))
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "text/html")
                .WithBody("<!DOCTYPE html>\n<html><head><title>500</title></head><body><h1>Internal Server Error</h1></body></html>"));
        server.Given(Request.Create().WithPath(Shipped.TransferRoute).UsingPost().WithBody(new WildcardMatcher($"*\"{Shipped.ChatInfo}\"*")))
            .RespondWith(Json(200, await Shipped.ExampleAsync(Shipped.ChatInfo)).WithDelay(SlowDelay));
        return server;
    }

    private static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json;charset=UTF-8").WithBody(body);
}
