using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World;
using YamlDotNet.RepresentationModel;

namespace OpMock.Core.Fixtures;

/// <summary>
/// Reads pinned OPs and chats. A chat's chatId, groupId, nickName and createTime are read from its
/// views (the docs' examples) when not given, and views that disagree are an error: the coherence
/// of the routes must hold for pinned chats too.
/// </summary>
internal static class PinReader
{
    public static Pins Pins(this FixtureReader reader, YamlNode node, Pins pins)
    {
        foreach (var (key, value) in reader.Map(node, "pins", "ops", "chats") ?? [])
        {
            if (value is not YamlSequenceNode list)
            {
                reader.Error(value, $"`pins.{key}` must be a list");
                continue;
            }

            pins = key == "ops"
                ? pins with { Ops = pins.Ops.AddRange(list.Children.Select(reader.Op).OfType<PinnedOp>()) }
                : pins with { Chats = pins.Chats.AddRange(list.Children.Select(reader.Chat).OfType<PinnedChat>()) };
        }

        return pins;
    }

    private static PinnedOp? Op(this FixtureReader reader, YamlNode node)
    {
        string? id = null;
        bool? online = null;
        foreach (var (key, value) in reader.Map(node, "pins.ops[]", "id", "online") ?? [])
        {
            if (key == "id")
            {
                id = reader.Text(value, "id");
            }
            else
            {
                online = reader.Bool(value, "online");
            }
        }

        if (id is null)
        {
            reader.Error(node, "a pinned OP needs an `id`");
        }

        return id is null ? null : new PinnedOp(id, online);
    }

    private static PinnedChat? Chat(this FixtureReader reader, YamlNode node)
    {
        string? userId = null, operatorId = null;
        var views = ImmutableDictionary.CreateBuilder<string, JsonObject>();
        foreach (var (key, value) in reader.Map(node, "pins.chats[]", "userId", "operatorId", "views") ?? [])
        {
            switch (key)
            {
                case "userId":
                    userId = reader.Text(value, key);
                    break;
                case "operatorId":
                    operatorId = reader.Text(value, key);
                    break;
                default:
                    foreach (var (route, view) in reader.Map(value, "views") ?? [])
                    {
                        if (YamlJson.ToJson(view) is JsonObject json)
                        {
                            views[route] = json;
                        }
                        else
                        {
                            reader.Error(view, $"the view for `{route}` must be the route's data object");
                        }
                    }

                    break;
            }
        }

        if (userId is null || operatorId is null)
        {
            reader.Error(node, "a pinned chat needs a `userId` and an `operatorId`");
            return null;
        }

        return new PinnedChat(userId, operatorId,
            Agreed(reader, node, views.Values, "chatId", v => v["chatId"]?.GetValue<string>()),
            Agreed(reader, node, views.Values, "groupId", v => v["groupId"]?.GetValue<string>()),
            NickName(reader, node, views.Values),
            Agreed(reader, node, views.Values, "createTime", v => Instant(v["createTime"])?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
                is { } millis ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(millis, CultureInfo.InvariantCulture)) : null,
            views.ToImmutable());
    }

    private static Optional<string?> NickName(FixtureReader reader, YamlNode node, IEnumerable<JsonObject> views)
    {
        // A view may hold nickName itself (2.19) or in its user (2.36); null is a value here (no nickname).
        var nodes = views.Select(v => v.TryGetPropertyValue("nickName", out var n) ? Optional<JsonNode?>.Of(n)
            : v["user"] is JsonObject u && u.TryGetPropertyValue("nickName", out var un) ? Optional<JsonNode?>.Of(un)
            : Optional<JsonNode?>.None).Where(o => o.IsSet).ToList();
        if (nodes.Any(o => o.Value is not null && o.Value.GetValueKind() != JsonValueKind.String))
        {
            reader.Error(node, "`nickName` in a view has the wrong type");
            return Optional<string?>.None;
        }

        var found = nodes.Select(o => Optional<string?>.Of(o.Value?.GetValue<string>())).Distinct().ToList();
        if (found.Count > 1)
        {
            reader.Error(node, "the views of this chat disagree on `nickName`; each route must show the same chat");
        }

        return found.FirstOrDefault();
    }

    private static string? Agreed(FixtureReader reader, YamlNode node, IEnumerable<JsonObject> views, string name, Func<JsonObject, string?> read)
    {
        List<string> values;
        try
        {
            values = [.. views.Select(read).OfType<string>().Distinct()];
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            // ArgumentOutOfRange: epoch millis past the calendar's range.
            reader.Error(node, $"`{name}` in a view has the wrong type or is out of range");
            return null;
        }

        if (values.Count > 1)
        {
            reader.Error(node, $"the views of this chat disagree on `{name}` ({string.Join(" vs ", values)}); each route must show the same chat");
        }

        return values.FirstOrDefault();
    }

    /// <summary>Epoch millis, or China time as yyyy-MM-dd HH:mm:ss: the two forms the docs use.</summary>
    private static DateTimeOffset? Instant(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds(node.GetValue<long>()),
        JsonValueKind.String when HouseFormats.DateTime.IsValid(node.GetValue<string>()) =>
            new DateTimeOffset(DateTime.ParseExact(node.GetValue<string>(), HouseFormats.DateTime.Pattern!, CultureInfo.InvariantCulture), WorldOptions.ChinaOffset),
        _ => null,
    };
}
