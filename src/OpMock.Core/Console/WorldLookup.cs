using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpMock.Core.Server;
using OpMock.Core.World;
using OpMock.Core.World.Catalog;
using OpMock.Core.World.State;

namespace OpMock.Core.Console;

/// <summary>
/// The world panel: a user, chat or OP found by id, as one session sees it: its attributes (the world's record, and
/// each route's <c>data</c> for that id, as the routes answer it), its related entities (a user's chat and OP, a
/// chat's user and OP, an OP's chats) and what the session's writes changed about it.
/// </summary>
/// <param name="changes">The session's overlay (what its writes changed); empty for a session that wrote nothing.</param>
internal sealed class WorldLookup(MockState state, Overlay changes)
{
    public const int MaxQuery = 128;

    /// <summary>The most related entities listed (an OP an example shows may serve many chats).</summary>
    private const int MaxRelated = 50;

    private static readonly JsonSerializerOptions RecordJson = new(Json.OpJson.Compact) { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private OpWorld World => state.Data.World.In(changes);

    /// <summary>The entity an id names; <paramref name="kind"/> (user, chat, op) decides for an id of no known shape.</summary>
    /// <returns>The panel's JSON, or null with <paramref name="problem"/> when the query cannot name an entity.</returns>
    public JsonObject? Find(string query, string? kind, string session, out string? problem)
    {
        problem = null;
        var id = query.Trim();
        if (id.Length is 0 or > MaxQuery || id.Any(char.IsControl))
        {
            problem = $"give an id of 1 to {MaxQuery} characters (a userId, chatId or staffId)";
            return null;
        }

        var asked = kind?.ToLowerInvariant() switch
        {
            null or "" or "any" => EntityKind.None,
            var name when World.Kinds.Named(name) is { Kind: not EntityKind.Message } row => row.Kind,
            _ => (EntityKind?)null,
        };
        if (asked is null)
        {
            var names = World.Kinds.Rows.Where(r => r.Kind != EntityKind.Message).Select(r => r.Name);
            problem = $"kind `{MockEngine.Sample(kind)}` is not one of {string.Join(", ", names)}";
            return null;
        }

        var (found, source) = asked == EntityKind.None ? Identify(id) : (asked.Value, Source(asked.Value, id));
        return new JsonObject
        {
            ["kind"] = Name(found),
            ["id"] = id,
            ["source"] = source,
            ["attributes"] = Attributes(found, id),
            ["routes"] = Routes(found, id),
            ["related"] = Related(found, id),
            ["session"] = session,
            ["changes"] = new JsonObject { ["available"] = true, ["changed"] = Changed(found, id) },
        };
    }

    /// <summary>What kind of entity an id names, and where it comes from: the world's own id shapes first, then examples and fixtures.</summary>
    private (EntityKind Kind, string Source) Identify(string id)
    {
        var seed = World.Options.Seed;
        if (new WorldIds(seed).OpIndex(id) is not null)
        {
            return (EntityKind.Op, "world");
        }

        if (new ChatIds(seed).UserIndex(id) is not null)
        {
            return (EntityKind.Chat, "world");
        }

        if (new WorldIds(seed).UserIndex(id) is not null)
        {
            return (EntityKind.User, "world");
        }

        // An id of a kind the docs describe: one its session created, or one in the kind's id shape (GD…, r1001).
        foreach (var row in World.Kinds.Discovered)
        {
            if (World.Overlay.Thing(row.Name, id) is not null || row.Shape.Number(id) is not null)
            {
                return (row.Kind, World.Thing(row, id).Number is null && World.Overlay.Thing(row.Name, id) is not null ? "session" : "world");
            }
        }

        foreach (var kind in new[] { EntityKind.Chat, EntityKind.Op, EntityKind.User })
        {
            if (Source(kind, id) is not "other" and var source)
            {
                return (kind, source);
            }
        }

        // Any id names some user: the world answers for ids it did not make up, the same way every time.
        return (id.StartsWith(WorldIds.OpPrefix, StringComparison.Ordinal) ? EntityKind.Op : EntityKind.User, "other");
    }

    private string Source(EntityKind kind, string id)
    {
        if (World.Kinds.Row(kind) is { IsBuiltIn: false } row)
        {
            return World.Overlay.Thing(row.Name, id) is not null && World.Thing(row, id).Number is null ? "session" : "world";
        }

        var pins = World.Pins;
        var pinned = kind switch
        {
            EntityKind.User => World.Pinned(id) is not null,
            EntityKind.Chat => pins.Chats.Any(c => c.ChatId == id),
            _ => pins.Ops.Any(o => o.Id == id) || pins.Chats.Any(c => c.OperatorId == id),
        };
        if (pinned)
        {
            return "fixture";
        }

        var facts = World.Facts;
        var shown = kind switch
        {
            EntityKind.Chat => facts.Chat(id) is not null,
            EntityKind.Op => facts.Op(id) is not null,
            _ => facts.ChatOf(id) is not null,
        } || facts.Of(kind, id) is not null;
        return shown ? "example" : "other";
    }

    private JsonNode? Attributes(EntityKind kind, string id)
    {
        if (World.Kinds.Row(kind) is { IsBuiltIn: false } row)
        {
            // The record the world keeps for it: its id, whom its lists are asked by, when it started; its fields are its routes'.
            var thing = World.Thing(row, id);
            var node = new JsonObject { [row.IdFields[0]] = thing.Id };
            if (row.Owner is { } owner)
            {
                node[owner.Field] = thing.OwnerId;
            }

            node["start"] = thing.Start.ToOffset(WorldOptions.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            return node;
        }

        switch (kind)
        {
            case EntityKind.Chat:
                var chat = World.ChatById(id);
                var node = JsonSerializer.SerializeToNode(chat, RecordJson)!.AsObject();
                node["createTime"] = chat.CreateTime.ToOffset(WorldOptions.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                node["statusName"] = ChatStatuses.Find(chat.Status) is { } status ? $"{status.Name} {status.Label}" : null;
                return node;
            case EntityKind.Op:
                var op = World.Op(id);
                return Shown(kind, id, new JsonObject { ["staffId"] = op.Id, ["name"] = op.Name, ["isOnline"] = op.IsOnline, ["chatCount"] = op.Users.Length },
                    new JsonObject { ["name"] = state.Data.World.Op(id).Name, ["isOnline"] = state.Data.World.Op(id).IsOnline });
            default:
                return Shown(kind, id, JsonSerializer.SerializeToNode(World.User(id), RecordJson)!.AsObject(),
                    JsonSerializer.SerializeToNode(state.Data.World.User(id), RecordJson)!.AsObject());
        }
    }

    /// <summary>The attributes every route shows this entity with, so the panel says what the routes say.</summary>
    private static readonly Attr[] RouteAttributes =
    [
        Attr.UserName, Attr.NickName, Attr.Phone, Attr.Icon, Attr.Tags, Attr.Addresses, Attr.Contacts, Attr.ServiceCount, Attr.ChatCount, Attr.OrderCount,
        Attr.Name, Attr.IsOnline,
    ];

    /// <summary>
    /// The record as the routes show it: what the session wrote (the record of its overlay differs from the seeded one),
    /// else a fixture's pinned nickname, else what the docs' examples show, else the world's own.
    /// </summary>
    private JsonObject Shown(EntityKind kind, string id, JsonObject record, JsonObject seeded)
    {
        var facts = World.Facts.Of(kind, id);
        foreach (var attr in RouteAttributes)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(attr.ToString());
            if (!record.ContainsKey(name) || !JsonNode.DeepEquals(record[name], seeded[name]))
            {
                continue;
            }

            if (kind == EntityKind.User && attr == Attr.NickName && World.Pinned(id)?.NickName is { IsSet: true } pinned)
            {
                record[name] = pinned.Value;
            }
            else if (facts is not null && facts.TryGetValue(Facts.Key(attr), out var shown) && !ReferenceEquals(shown, Facts.Absent))
            {
                record[name] = shown?.DeepClone();
            }
        }

        return record;
    }

    /// <summary>Each direct route that takes this kind's id, asked for this id (an OP also through the token, on routes about the current OP).</summary>
    private JsonArray Routes(EntityKind kind, string id)
    {
        var routes = new JsonArray();
        foreach (var endpoint in state.DirectEndpoints.DistinctBy(e => e.Endpoint.Route, StringComparer.OrdinalIgnoreCase))
        {
            var fields = endpoint.Endpoint.Input.Select(f => f.Name).ToList();
            var field = World.Kinds.Ids.Where(i => i.Kind == kind).Select(i => fields.FirstOrDefault(f => f.Equals(i.Name, StringComparison.OrdinalIgnoreCase)))
                .FirstOrDefault(f => f is not null);
            var asked = new JsonObject();
            string? token = null;
            if (field is not null)
            {
                asked[field] = id;
            }
            else if (kind == EntityKind.Op && !WorldMap.Ids.Any(i => fields.Contains(i.Name, StringComparer.OrdinalIgnoreCase))
                && ObjectPlan.TopKind(endpoint.Endpoint.Output, EntityKind.None) == EntityKind.Op)
            {
                token = id;
            }
            else
            {
                continue;
            }

            var answer = state.Data.For(endpoint.Endpoint, asked, token, changes);
            routes.Add(new JsonObject
            {
                ["route"] = endpoint.Endpoint.Route,
                ["doc"] = endpoint.Endpoint.Id,
                ["title"] = $"{endpoint.Endpoint.Doc.Number} {endpoint.Endpoint.Doc.Title}",
                ["asked"] = token is null ? asked : new JsonObject { ["token"] = token },
                ["data"] = answer.Data,
            });
        }

        return routes;
    }

    private JsonArray Related(EntityKind kind, string id)
    {
        var related = new JsonArray();
        void Add(string relation, EntityKind what, string which, string label) =>
            related.Add(new JsonObject { ["relation"] = relation, ["kind"] = Name(what), ["id"] = which, ["label"] = label });

        if (World.Kinds.Row(kind) is { IsBuiltIn: false } row)
        {
            var thing = World.Thing(row, id);
            foreach (var relation in row.Relations.Concat(row.Owner is { } owner && !row.Relations.Contains(owner) ? [owner] : []))
            {
                var which = World.Related(thing, relation);
                Add(relation.Field, relation.Target, which, relation.Target switch
                {
                    EntityKind.User => World.User(which).UserName,
                    EntityKind.Op => World.Op(which).Name,
                    EntityKind.Chat => ChatLabel(World.ChatById(which)),
                    _ => which,
                });
            }

            return related;
        }

        // The entities of described kinds this one lists (an OP's tickets, a user's coupons).
        foreach (var owned in World.Kinds.Discovered.Where(r => r.Owner?.Target == kind))
        {
            foreach (var thing in World.ThingsOf(owned, id).Take(MaxRelated))
            {
                Add(owned.Name, owned.Kind, thing.Id, thing.Start.ToOffset(WorldOptions.ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }
        }

        switch (kind)
        {
            case EntityKind.User:
                var chat = World.ChatOf(id);
                Add("current chat", EntityKind.Chat, chat.ChatId, ChatLabel(chat));
                Add("served by", EntityKind.Op, chat.OperatorId, World.Op(chat.OperatorId).Name);
                break;
            case EntityKind.Chat:
                var one = World.ChatById(id);
                Add("user", EntityKind.User, one.UserId, World.User(one.UserId).UserName);
                Add("served by", EntityKind.Op, one.OperatorId, World.Op(one.OperatorId).Name);
                break;
            case EntityKind.Op:
                foreach (var served in World.ChatsOf(World.Op(id)).Take(MaxRelated))
                {
                    Add("serves", EntityKind.Chat, served.ChatId, $"{ChatLabel(served)} · {World.User(served.UserId).UserName}");
                }

                break;
        }

        return related;
    }

    /// <summary>The fields the session's writes set on this entity (by the doc's field name), or null when it changed none.</summary>
    private JsonObject? Changed(EntityKind kind, string id) => World.Changed(kind, id) is { Count: > 0 } fields
        ? new JsonObject(fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => KeyValuePair.Create(Records.FieldName(f.Key) ?? f.Key, f.Value?.DeepClone())))
        : null;

    private static string ChatLabel(Chat chat) =>
        (chat.Title.Length == 0 ? "(no title)" : chat.Title) + (ChatStatuses.Find(chat.Status) is { } status ? $" · {status.Label}" : "");

    private string Name(EntityKind kind) => World.Kinds.Row(kind) is { Kind: not EntityKind.Message } row ? row.Name : "user";
}
