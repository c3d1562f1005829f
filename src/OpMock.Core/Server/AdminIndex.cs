using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Json;

namespace OpMock.Core.Server;

/// <summary>
/// `GET /__admin` alone: what the admin API offers (WireMock.Net's endpoints, OpMock's request log and sessions)
/// and where the console is, instead of a bare 404. Also the answer of OpMock's endpoints that are not served yet.
/// </summary>
internal static class AdminIndex
{
    private static readonly (string Path, string What)[] Endpoints =
    [
        ("/__admin/mappings", "WireMock.Net stubs: GET lists, POST adds, DELETE removes; /{guid} one stub (PUT replaces)"),
        ("/__admin/requests", "OpMock's request log, in WireMock.Net's shape: GET lists, DELETE clears; /{guid}; POST /find; POST /reset"),
        ("/__admin/scenarios", "WireMock.Net's stub scenarios and their states"),
        ("/__admin/settings", "WireMock.Net's settings (OpMock keeps its own bounds)"),
        ("/__admin/health", "WireMock.Net's health check"),
        ("/__admin/opmock/", "OpMock's sessions and world reset"),
    ];

    public static async Task<bool> TryHandleAsync(HttpContext context, bool app)
    {
        var index = new JsonObject
        {
            ["console"] = CanonicalPath.Console + "/",
            ["endpoints"] = new JsonArray([.. Endpoints.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["what"] = e.What })]),
            ["port"] = app ? "app" : "direct",
        };
        var bytes = System.Text.Encoding.UTF8.GetBytes(OpJson.ToCompactText(index));
        context.Response.StatusCode = 200;
        context.Response.ContentType = MockReply.ContentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        return true;
    }
}
