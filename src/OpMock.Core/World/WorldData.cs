using System.Text.Json.Nodes;
using Bogus;
using OpMock.Core.Docs;
using OpMock.Core.Json;

namespace OpMock.Core.World;

/// <summary>
/// The <c>data</c> of a response: world-backed for the routes the world knows (2.36, 2.19), generated
/// from field names for any other doc. Either way shaped to the endpoint's documented fields.
/// </summary>
internal sealed class WorldData(OpWorld world)
{
    public OpWorld World => world;

    /// <param name="request">The request's parameters (a transfer's without reqUrl).</param>
    /// <param name="token">The token query parameter: the current OP when staffId is empty.</param>
    public JsonObject For(Endpoint endpoint, JsonObject request, string? token)
    {
        var route = endpoint.IsTransfer && endpoint.TransferTarget is { } target ? target : endpoint.Route;
        if (string.Equals(route, ChatViews.ChatInfoRoute, StringComparison.OrdinalIgnoreCase) && Text(request, "userId") is { } userId)
        {
            return Shape(endpoint, route, userId, world.Pinned(userId)?.Views.GetValueOrDefault(route)
                ?? ChatViews.ChatInfo(world.ChatOf(userId), world.User(userId)));
        }

        if (string.Equals(route, ChatViews.ReceivesRoute, StringComparison.OrdinalIgnoreCase))
        {
            var opId = Text(request, "staffId") ?? (string.IsNullOrEmpty(token) ? world.OpId(0) : token);
            var op = world.Op(opId);
            var chats = world.ChatsOf(op).Select(c => (JsonNode)(world.Pinned(c.UserId)?.Views.GetValueOrDefault(route)?.DeepClone().AsObject()
                ?? ChatViews.ReceivesItem(c, world.User(c.UserId))));
            return Shape(endpoint, route, opId, new JsonObject { ["isOnline"] = op.IsOnline, ["chats"] = new JsonArray([.. chats]) });
        }

        // Keyed by the sorted params, so the same request in another field order gets the same data.
        var key = new JsonObject(request.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        return Shape(endpoint, route, OpJson.ToCompactText(key), null);
    }

    private JsonObject Shape(Endpoint endpoint, string route, string key, JsonObject? known)
    {
        var random = new Randomizer(StableHash.Seed(world.Options.Seed, "data", route, key));
        return new DataShaper(endpoint, new ValueGenerator(random, world.Options)).Object(endpoint.Output, known);
    }

    private static string? Text(JsonObject request, string name) =>
        request[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
