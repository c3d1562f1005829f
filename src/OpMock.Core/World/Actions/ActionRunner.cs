using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Core.World.Catalog;
using OpMock.Core.World.State;

namespace OpMock.Core.World.Actions;

/// <summary>What a write changes (records for the store, applied at once) and what it made, for its own answer.</summary>
internal sealed record Outcome(ImmutableArray<Change> Changes, Written? Written)
{
    public static Outcome Nothing { get; } = new([], null);
}

/// <summary>
/// Turns one write request into store records, by its route's <see cref="Effect"/>, reading the world as the
/// request's session sees it. "Now" is the server's <see cref="TimeProvider"/>; fresh ids are derived from
/// (seed, session, the session's sequence number), so the same requests in the same order give the same ids.
/// </summary>
internal sealed class ActionRunner(TimeProvider time)
{
    /// <param name="request">The request's parameters (a transfer's without reqUrl).</param>
    /// <param name="token">The token query parameter: the current OP.</param>
    /// <param name="world">The world as the session sees it before this write.</param>
    public async ValueTask<Outcome> RunAsync(Effect effect, JsonObject request, string? token, OpWorld world, IStateStore store, string session, CancellationToken cancel)
    {
        if (!effect.IsWrite)
        {
            return Outcome.Nothing;
        }

        var now = time.GetUtcNow();
        var changes = new List<Change>();
        var echo = Echo(request);
        switch (effect.Target)
        {
            case EffectTarget.Item:
                return await ItemAsync(effect, request, token, world, store, session, echo, cancel);
            case EffectTarget.Chat when ChatNamed(request, world) is { } chat:
                if (effect.Transition == Transition.Send)
                {
                    return await SendAsync(request, token, world, store, session, chat, echo, cancel);
                }

                Chat(changes, chat, effect, request, token, now);
                Fields(changes, effect, request, world, EntityKind.Chat, chat.ChatId, chat);
                return new Outcome([.. changes], new Written(EntityKind.Chat, chat.ChatId, echo));
            case EffectTarget.Op or EffectTarget.User or EffectTarget.Message when Named(effect.Target, request, token, world) is { } id:
                var kind = Effect.KindOf(effect.Target);
                if (effect.Transition == Transition.Delete)
                {
                    changes.Add(new Change(Records.Entity(kind), id, Records.Deleted, "true"));
                }

                Fields(changes, effect, request, world, kind, id, null);
                return new Outcome([.. changes], new Written(kind, id, echo));
            default:
                // The request names nothing this route acts on: it is answered as a read.
                return Outcome.Nothing;
        }
    }

    /// <summary>A chat's transition: its status, OP and times as the verb table says.</summary>
    private static void Chat(List<Change> changes, Chat chat, Effect effect, JsonObject request, string? token, DateTimeOffset now)
    {
        void Set(string field, JsonNode? value) => changes.Add(new Change(Records.Entity(EntityKind.Chat), chat.ChatId, field, OpJson.ToCompactText(value)));
        Set(Records.User, chat.UserId);
        switch (effect.Transition)
        {
            case Transition.Close:
                // A clock before the chat's start (a world anchored ahead of it) still closes it after it started.
                var closed = now < chat.CreateTime ? chat.CreateTime : now;
                Set(Facts.Key(Attr.Status), ChatStatuses.Closed.Code);
                Set(Facts.Key(Attr.Closed), true);
                Set(Facts.Key(Attr.CloseTime), closed.ToUnixTimeMilliseconds());
                Set(Facts.Key(Attr.Duration), (closed - chat.CreateTime).Ticks / TimeSpan.TicksPerMillisecond);
                break;
            case Transition.Accept:
                Set(Records.Operator, OpNamed(request) ?? Current(token) ?? chat.OperatorId);
                Set(Facts.Key(Attr.Status), ChatStatuses.Service.Code);
                break;
            case Transition.Transfer when effect.ToField is { } to && Text(request[to]) is { } target:
                Set(Records.Operator, target);
                Set(Facts.Key(Attr.Status), ChatStatuses.Service.Code);
                break;
            case Transition.Delete:
                Set(Records.Deleted, true);
                break;
        }
    }

    /// <summary>The fields a request sets, each on the entity the field table (or the doc's labels) says it belongs to.</summary>
    private static void Fields(List<Change> changes, Effect effect, JsonObject request, OpWorld world, EntityKind kind, string id, Chat? chat)
    {
        foreach (var write in effect.Writes)
        {
            if (!request.TryGetPropertyValue(write.Field, out var sent))
            {
                continue;
            }

            var owner = write.Owner == kind ? id
                : write.Owner == EntityKind.User ? (chat ?? world.ChatOf(id)).UserId
                : write.Owner == EntityKind.Op && chat is not null ? chat.OperatorId
                : write.Owner == EntityKind.Chat && kind == EntityKind.User ? world.ChatOf(id).ChatId
                : null;
            if (owner is null)
            {
                continue;
            }

            if (write.Owner == EntityKind.Chat)
            {
                // Every changed chat carries its user: the user's chat is found from the user.
                changes.Add(new Change(Records.Entity(EntityKind.Chat), owner, Records.User, OpJson.ToCompactText(JsonValue.Create(chat?.UserId ?? world.ChatById(owner).UserId))));
            }

            changes.Add(new Change(Records.Entity(write.Owner), owner, write.Key, OpJson.ToCompactText(write.Value(sent))));
        }
    }

    /// <summary>A message sent now by the request's OP (or, with fromType 1, the chat's user): its chat's latest message.</summary>
    private async ValueTask<Outcome> SendAsync(JsonObject request, string? token, OpWorld world, IStateStore store, string session, Chat chat, Dictionary<string, JsonNode?> echo, CancellationToken cancel)
    {
        var seq = await store.NextSequenceAsync(session, 1, cancel);
        var content = Sent(request, Attr.Content) is JsonValue text ? FieldWrite.Text(text) : "";
        var fromType = Sent(request, Attr.FromType) is JsonValue type && type.TryGetValue<long>(out var from) ? (int)from
            : Sent(request, Attr.FromType) is JsonValue typeText && int.TryParse(FieldWrite.Text(typeText), CultureInfo.InvariantCulture, out var parsed) ? parsed
            : Message.FromOp;
        var fromId = fromType == Message.FromUser ? chat.UserId : OpNamed(request) ?? Current(token) ?? chat.OperatorId;
        // A message is never older than the chat's history (a clock behind the world's anchor).
        var last = world.MessagesOf(chat)[^1].SendTime;
        var sent = time.GetUtcNow() <= last ? last.AddSeconds(1) : time.GetUtcNow();
        // Shaped like the examples' message ids (m + its send time + a sequence), else 32 hex digits.
        var id = world.Facts.MessageIds?.Fresh(sent, seq) ?? FreshHex(world.Options.Seed, session, seq);
        var collection = Records.Messages(chat.ChatId);
        var changes = new List<Change>
        {
            new(collection, id, Records.Seq, Records.Number(seq)),
            new(collection, id, Facts.Key(Attr.Content), OpJson.ToCompactText(JsonValue.Create(content))),
            new(collection, id, Facts.Key(Attr.FromType), Records.Number(fromType)),
            new(collection, id, Facts.Key(Attr.FromId), OpJson.ToCompactText(JsonValue.Create(fromId))),
            new(collection, id, Facts.Key(Attr.SendTime), Records.Number(sent.ToUnixTimeMilliseconds())),
            new(collection, id, Facts.Key(Attr.MsgType), OpJson.ToCompactText(JsonValue.Create(Sent(request, Attr.MsgType) is JsonValue kind ? FieldWrite.Text(kind) : "text"))),
            new(Records.Entity(EntityKind.Chat), chat.ChatId, Records.User, OpJson.ToCompactText(JsonValue.Create(chat.UserId))),
            new(Records.Entity(EntityKind.Chat), chat.ChatId, Facts.Key(Attr.Message), OpJson.ToCompactText(JsonValue.Create(content))),
        };
        return new Outcome([.. changes], new Written(EntityKind.Message, id, echo));
    }

    /// <summary>A list item created (fresh id, the fields sent), deleted, or given the fields sent.</summary>
    private async ValueTask<Outcome> ItemAsync(Effect effect, JsonObject request, string? token, OpWorld world, IStateStore store, string session, Dictionary<string, JsonNode?> echo, CancellationToken cancel)
    {
        var idField = effect.ItemIdField!;
        // Its kind as the route reads it: where a fixture splits the id field by route, the kind of this route, as reads find it.
        if (world.Kinds.On(effect.Route).ById(idField) is { IsBuiltIn: false } row)
        {
            return await ThingAsync(row, effect, request, token, world, store, session, echo, cancel);
        }

        var (ownerKind, ownerId) = WorldData.Requested(request) is (not EntityKind.None and var kind, { } owner) ? (kind, owner) : (EntityKind.None, "");
        var collection = Records.Items(ownerKind, ownerId, idField);
        var changes = new List<Change>();
        var lived = new List<(string Key, JsonNode? Value)>();
        var now = time.GetUtcNow();
        string id;
        if (effect.Transition == Transition.Create)
        {
            var seq = await store.NextSequenceAsync(session, 1, cancel);
            // The example's shape when a doc shows one (GD + today + a fresh sequence, r + 4 digits), else hex or a number.
            id = effect.Life.FreshId(now, seq) ?? (effect.ItemIdIsNumber ? FreshNumber(world.Options.Seed, session, seq) : FreshHex(world.Options.Seed, session, seq));
            changes.Add(new Change(collection, id, Records.Seq, Records.Number(seq)));
            foreach (var (name, value) in request.Where(p => !IsReference(p.Key, idField)))
            {
                changes.Add(new Change(collection, id, Facts.Key(name), OpJson.ToCompactText(value)));
            }

            Life(effect.Life.Created(request, now));
        }
        else if (request.FirstOrDefault(p => string.Equals(p.Key, idField, StringComparison.OrdinalIgnoreCase)).Value is JsonValue sent && FieldWrite.Text(sent) is { Length: > 0 } given)
        {
            id = given;
            if (effect.Transition == Transition.Delete)
            {
                changes.Add(new Change(collection, id, Records.Deleted, "true"));
            }
            else
            {
                foreach (var write in effect.Writes.Where(w => request.ContainsKey(w.Field)))
                {
                    changes.Add(new Change(collection, id, write.Key, OpJson.ToCompactText(write.Value(request[write.Field]))));
                }

                Life(effect.Life.Updated(request, now));
            }
        }
        else
        {
            return Outcome.Nothing;
        }

        var fields = new Dictionary<string, JsonNode?>(echo) { [Facts.Key(idField)] = effect.ItemIdIsNumber && long.TryParse(id, CultureInfo.InvariantCulture, out var number) ? number : id };
        foreach (var (key, value) in lived)
        {
            fields[key] = value;
        }

        return new Outcome([.. changes], new Written(EntityKind.None, id, fields));

        // What the item's life sets (its first state, its times now): recorded, and shown in the write's own answer.
        void Life(IEnumerable<(string Field, JsonNode? Value)> set)
        {
            foreach (var (name, value) in set)
            {
                changes.Add(new Change(collection, id, Facts.Key(name), OpJson.ToCompactText(value)));
                lived.Add((Facts.Key(name), value));
            }
        }
    }

    /// <summary>
    /// A write on an entity of a kind the docs describe: a create makes one (an id in the kind's shape with today's
    /// date, related to the entity the request names as the kind's lists are asked, starting now, with the fields
    /// sent); an update sets the fields sent and its update time to now; a delete removes it from every list. Generated
    /// and created entities alike: both are read through the same records.
    /// </summary>
    private async ValueTask<Outcome> ThingAsync(Kinds.KindRow row, Effect effect, JsonObject request, string? token, OpWorld world, IStateStore store, string session, Dictionary<string, JsonNode?> echo, CancellationToken cancel)
    {
        var collection = Records.Thing(row.Name);
        var now = time.GetUtcNow();
        var changes = new List<Change>();
        var lived = new List<(string Key, JsonNode? Value)>();
        void Set(string id, string key, JsonNode? value) => changes.Add(new Change(collection, id, key, OpJson.ToCompactText(value)));
        string id;
        if (effect.Transition == Transition.Create)
        {
            var seq = await store.NextSequenceAsync(session, 1, cancel);
            id = row.Shape.Format(world.FreshThing(row, seq), now);
            Set(id, Records.Seq, seq);
            Set(id, Records.Start, now.ToUnixTimeMilliseconds());
            var owner = Owner(row, request, token, world);
            Set(id, Records.Owner, owner);
            if (row.Position is { } position && !request.Any(p => string.Equals(p.Key, position, StringComparison.OrdinalIgnoreCase)))
            {
                // Its place in its owner's list, as every later read numbers it: last (the list is numbered, not recorded).
                lived.Add((Facts.Key(position), (long)world.ThingsOf(row, owner).Count + 1));
            }

            foreach (var (name, value) in request.Where(p => p.Key is not "token" && !Paging.IsPageField(p.Key) && !row.IdFields.Contains(p.Key, StringComparer.OrdinalIgnoreCase)))
            {
                Set(id, Facts.Key(name), value?.DeepClone());
            }

            // Its life's start (World/Rules): the first state of its status unless sent, its times now.
            Life(effect.Life.Created(request, now));
            Event(id, create: true);
        }
        else if (request.FirstOrDefault(p => row.IdFields.Contains(p.Key, StringComparer.OrdinalIgnoreCase)).Value is JsonValue sent && FieldWrite.Text(sent) is { Length: > 0 } given)
        {
            id = given;
            if (effect.Transition == Transition.Delete)
            {
                Set(id, Records.Deleted, true);
            }
            else
            {
                foreach (var write in effect.Writes.Where(w => request.ContainsKey(w.Field)))
                {
                    Set(id, write.Key, write.Value(request[write.Field]));
                }

                // The time the entity was last changed is the write's (updateTime and the like).
                Life(effect.Life.Updated(request, now));
                Event(id, create: false);
            }
        }
        else
        {
            return Outcome.Nothing;
        }

        var fields = new Dictionary<string, JsonNode?>(echo) { [Facts.Key(row.IdFields[0])] = id };
        if (effect.Transition == Transition.Delete)
        {
            fields[Facts.Key("deleted")] = true;
        }

        foreach (var (key, value) in lived)
        {
            fields[key] = value;
        }

        return new Outcome([.. changes], new Written(row.Kind, id, fields));

        // What the entity's life sets: recorded, and shown in the write's own answer.
        void Life(IEnumerable<(string Field, JsonNode? Value)> set)
        {
            foreach (var (name, value) in set)
            {
                Set(id, Facts.Key(name), value);
                lived.Add((Facts.Key(name), value));
            }
        }

        // One event of its history per write: when (whole seconds, as times are shown), what (created, or the state
        // set), who (the name getStaffInfo gives the OP the request names, else the token's) and the remark sent.
        void Event(string id, bool create)
        {
            var events = world.Changed(row.Kind, id)?.GetValueOrDefault(Kinds.Things.Events) is JsonArray before ? before.DeepClone().AsArray() : [];
            // The state set: the one sent, else the one the route's verb reaches (approve → 已通过).
            var status = effect.Life.Status is { } field ? request.FirstOrDefault(p => string.Equals(p.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? (create ? null : effect.Life.Reached) : null;
            var op = OpNamed(request) ?? Current(token);
            events.Add(new JsonObject
            {
                ["at"] = now.ToUnixTimeSeconds() * 1000,
                ["create"] = create,
                ["status"] = status?.DeepClone(),
                ["by"] = op is null ? null : world.Op(op).Name,
                ["remark"] = request.FirstOrDefault(p => Rules.HistoryShape.IsRemark(p.Key)).Value?.DeepClone(),
            });
            Set(id, Kinds.Things.Events, events);
        }
    }

    /// <summary>The entity a created entity of <paramref name="row"/> is listed under: the one the request names of the owner's kind, else the current OP.</summary>
    private static string Owner(Kinds.KindRow row, JsonObject request, string? token, OpWorld world)
    {
        if (row.Owner is not { } owner)
        {
            return "";
        }

        var named = Text(request[owner.Field])
            ?? world.Kinds.Ids.Where(i => i.Kind == owner.Target).Select(i => Text(request[i.Name])).FirstOrDefault(v => v is not null);
        return named ?? (owner.Target == EntityKind.Op ? Current(token) ?? world.OpId(0) : "");
    }

    /// <summary>Fields that name things rather than describe an item: ids of entities, paging, the token.</summary>
    private static bool IsReference(string name, string idField) =>
        string.Equals(name, idField, StringComparison.OrdinalIgnoreCase) || name is "token" || Paging.IsPageField(name)
        || WorldMap.Ids.Any(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>What a write's answer echoes: each field as sent, and an OP id sent also as the `from…` side (staffId → fromStaffId).</summary>
    private static Dictionary<string, JsonNode?> Echo(JsonObject request)
    {
        var echo = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in request)
        {
            echo[Facts.Key(name)] = value;
            if (WorldMap.Ids.Any(i => i.Kind == EntityKind.Op && i.Name == name))
            {
                echo.TryAdd(Facts.Key("from" + char.ToUpperInvariant(name[0]) + name[1..]), value);
            }
        }

        return echo;
    }

    /// <summary>The chat a request names: by message, chat, or user (the user's chat).</summary>
    internal static Chat? ChatNamed(JsonObject request, OpWorld world) => WorldData.Requested(request) switch
    {
        (EntityKind.Message, { } id) => world.ChatById(world.MessageById(id).ChatId),
        (EntityKind.Chat, { } id) => world.ChatById(id),
        (EntityKind.User, { } id) => world.ChatOf(id),
        _ => Text(request["chatId"]) is { } chatId ? world.ChatById(chatId) : Text(request["userId"]) is { } userId ? world.ChatOf(userId) : null,
    };

    /// <summary>The id of the target entity the request names; for an OP, else the current OP (the token's).</summary>
    private static string? Named(EffectTarget target, JsonObject request, string? token, OpWorld world)
    {
        var kind = Effect.KindOf(target);
        foreach (var (name, idKind) in WorldMap.Ids)
        {
            if (idKind == kind && Text(request[name]) is { } id)
            {
                return id;
            }
        }

        return kind == EntityKind.Op ? Current(token) ?? world.OpId(0) : null;
    }

    internal static string? OpNamed(JsonObject request) =>
        WorldMap.Ids.Where(i => i.Kind == EntityKind.Op).Select(i => Text(request[i.Name])).FirstOrDefault(id => id is not null);

    private static string? Current(string? token) => string.IsNullOrEmpty(token) ? null : token;

    /// <summary>The value sent in the first request field the message table maps to <paramref name="attr"/> (content, text, msg …).</summary>
    private static JsonNode? Sent(JsonObject request, Attr attr) =>
        request.FirstOrDefault(p => WorldMap.Attribute(EntityKind.Message, p.Key) is { Owner: EntityKind.Message } a && a.Attr == attr).Value;

    private static string? Text(JsonNode? node) => node is JsonValue value && FieldWrite.Text(value) is { Length: > 0 } text ? text : null;

    /// <summary>A fresh id in the examples' shape (32 hex digits) from (seed, session, sequence number).</summary>
    public static string FreshHex(int seed, string session, long seq)
    {
        var number = seq.ToString(CultureInfo.InvariantCulture);
        return StableHash.Of(seed, "fresh", session, number).ToString("x16", CultureInfo.InvariantCulture)
            + StableHash.Of(seed, "fresh-2", session, number).ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>A fresh numeric id, 10 digits: above the small numbers generated lists show.</summary>
    public static string FreshNumber(int seed, string session, long seq) =>
        (1_000_000_000 + (long)(StableHash.Of(seed, "fresh", session, seq.ToString(CultureInfo.InvariantCulture)) % 8_999_999_999UL)).ToString(CultureInfo.InvariantCulture);
}
