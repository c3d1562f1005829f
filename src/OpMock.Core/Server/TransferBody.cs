using System.Text.Json.Nodes;

namespace OpMock.Core.Server;

/// <summary>The transfer's body (`POST /opapp/transfer`): `reqUrl` names the direct route, the rest are its params.</summary>
internal static class TransferBody
{
    public const string ReqUrlField = "reqUrl";

    /// <summary>The direct route's params: the body without `reqUrl` (copied; the body is left as it is).</summary>
    public static JsonObject Params(JsonObject body) =>
        new(body.Where(p => p.Key != ReqUrlField).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    /// <summary>The reqUrl as text, or null when it is missing, empty or not text.</summary>
    public static string? ReqUrl(JsonObject body) =>
        body[ReqUrlField] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
