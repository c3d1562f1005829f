using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;

namespace OpMock.Core.Server;

/// <summary>One ready-to-paste curl per route, with ids that exist in the running world.</summary>
internal static class CurlExamples
{
    public static IEnumerable<(string Route, string Curl)> For(MockServer server)
    {
        var state = server.Engine.State;
        foreach (var endpoint in state.DirectEndpoints)
        {
            var body = Body(endpoint.Endpoint, state.Data.World);
            yield return (endpoint.Endpoint.Route, QueryParameters.Carries(endpoint.Endpoint.Method)
                ? Get(server.DirectUrl + endpoint.Endpoint.Route, body)
                : Curl(server.DirectUrl + endpoint.Endpoint.Route, body));
        }

        foreach (var endpoint in state.DirectEndpoints)
        {
            var body = new JsonObject { ["reqUrl"] = endpoint.Endpoint.Route };
            foreach (var (key, value) in Body(endpoint.Endpoint, state.Data.World))
            {
                body[key] = value?.DeepClone();
            }

            yield return (Endpoint.TransferRoute + " → " + endpoint.Endpoint.Route, Curl(server.AppUrl + Endpoint.TransferRoute, body));
        }
    }

    /// <summary>Params for a route with ids of the running world: its first user, that user's chat, the first OP.</summary>
    internal static JsonObject Body(Endpoint endpoint, World.OpWorld world)
    {
        var body = new JsonObject();
        foreach (var field in endpoint.Input)
        {
            var name = field.Name.ToLowerInvariant();
            body[field.Name] = name.Contains("chat") && name.EndsWith("id", StringComparison.Ordinal) ? world.ChatOf(world.UserId(0)).ChatId
                : name.Contains("user") ? world.UserId(0)
                : name.Contains("staff") || name.Contains("operator") ? world.OpId(0)
                // A value the doc's hints allow: its default, its first enum value, its minimum.
                : field.Hints.Default is { } given ? FieldHints.ToJson(given)
                : field.Hints.HasOptions ? FieldHints.ToJson(field.Hints.Options[0].Value)
                : field.Hints.Minimum is { } minimum ? FieldHints.ToJson(field.Type.Kind == FieldKind.Integer ? (object)(long)decimal.Ceiling(minimum) : minimum)
                // A dated field (月份 yyyy-MM, 日期 yyyy-MM-dd) gets today in its format.
                : HouseFormats.ByName(field.Format ?? "") is { } format && (format.Pattern is not null || field.Type.Kind == FieldKind.Integer)
                    ? format.Pattern is null ? (JsonNode)world.Options.Anchor.ToUnixTimeMilliseconds() : format.Format(world.Options.Anchor.ToOffset(World.WorldOptions.ChinaOffset))
                : field.Type.Kind switch
                {
                    FieldKind.Integer => 1,
                    FieldKind.Number => 1.0,
                    FieldKind.Boolean => true,
                    FieldKind.Object or FieldKind.Map => new JsonObject(),
                    FieldKind.List => new JsonArray(),
                    _ => "示例",
                };
        }

        return body;
    }

    /// <summary>A GET doc's params go in the query, as its sample URL writes them.</summary>
    private static string Get(string url, JsonObject body) =>
        $"curl -s '{url}?{string.Join('&', body.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : OpJson.ToCompactText(p.Value))))}'";

    private static string Curl(string url, JsonObject body) =>
        $"curl -s -X POST '{url}' -H 'Content-Type: application/json' -d '{OpJson.ToCompactText(body)}'";
}
