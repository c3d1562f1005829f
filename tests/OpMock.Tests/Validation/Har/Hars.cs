using System.Text;
using System.Text.Json.Nodes;

namespace OpMock.Tests.Validation.Har;

/// <summary>Writes small HAR files in the shapes browsers save (Chrome, Firefox): the quirks are the point.</summary>
internal static class Hars
{
    public static JsonObject Entry(string method, string url, int status, JsonObject content, string? postText = null)
    {
        var request = new JsonObject
        {
            ["method"] = method,
            ["url"] = url,
            ["httpVersion"] = "HTTP/1.1",
            ["headers"] = new JsonArray(),
            ["queryString"] = new JsonArray(),
        };
        if (postText is not null)
        {
            request["postData"] = new JsonObject { ["mimeType"] = "application/json;charset=UTF-8", ["text"] = postText };
        }

        return new JsonObject
        {
            ["startedDateTime"] = "2026-11-22T10:00:00.000Z",
            ["time"] = 12.5,
            ["request"] = request,
            ["response"] = new JsonObject
            {
                ["status"] = status,
                ["statusText"] = status == 0 ? "" : "OK",
                ["httpVersion"] = "HTTP/1.1",
                ["headers"] = new JsonArray(),
                ["content"] = content,
                ["redirectURL"] = "",
            },
            ["cache"] = new JsonObject(),
            ["timings"] = new JsonObject { ["send"] = 0, ["wait"] = 10, ["receive"] = 2.5 },
        };
    }

    /// <summary>content as Chrome writes it for text: the body in text, no encoding.</summary>
    public static JsonObject Text(string body, string mime = "application/json") =>
        new() { ["size"] = Encoding.UTF8.GetByteCount(body), ["mimeType"] = mime, ["text"] = body };

    /// <summary>content as browsers write it for compressed or binary-typed bodies: base64 in text.</summary>
    public static JsonObject Base64(string body, string mime = "application/json;charset=UTF-8") =>
        new() { ["size"] = Encoding.UTF8.GetByteCount(body), ["mimeType"] = mime, ["text"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(body)), ["encoding"] = "base64" };

    /// <summary>content when the body was not saved (Firefox without "save response bodies").</summary>
    public static JsonObject NotSaved(long size) => new() { ["size"] = size, ["mimeType"] = "application/json" };

    public static string Document(params JsonObject[] entries) => new JsonObject
    {
        ["log"] = new JsonObject
        {
            ["version"] = "1.2",
            ["creator"] = new JsonObject { ["name"] = "WebInspector", ["version"] = "537.36" },
            ["pages"] = new JsonArray(new JsonObject { ["id"] = "page_1", ["title"] = "OP 工作台" }),
            ["entries"] = new JsonArray([.. entries]),
        },
    }.ToJsonString();
}
