using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OpMock.Core.World.State;

/// <summary>
/// One session's changes as the world reads them: built once per (session, version) from the store's snapshot,
/// then only looked up. Where the world reads an entity it asks the overlay first, so the order is
/// overlay &gt; fixture pins &gt; the docs' examples (<see cref="Facts"/>) &gt; generated. An empty overlay (a
/// session nobody changed) is never consulted: reads of the seeded world cost what they cost without sessions.
/// </summary>
internal sealed class Overlay
{
    public static readonly Overlay Empty = new(SessionSnapshot.Empty);

    // Plain dictionaries (only read once built): an overlay is rebuilt on every write to its session, and freezing
    // hundreds of message ids on each cost more than all the lookups until the next write.
    private readonly Dictionary<(EntityKind, string), FrozenDictionary<string, JsonNode?>> values;
    private readonly Dictionary<string, string> chatOfUser;
    private readonly Dictionary<string, ImmutableArray<string>> servedBy;
    private readonly Dictionary<string, ImmutableArray<Message>> messages;
    private readonly Dictionary<string, Message> messageById;
    private readonly Dictionary<string, ItemCollection> collections;

    // The records of entities of the kinds the docs describe, by (kind name, id); and the created ones per kind, in order.
    private readonly Dictionary<(string Kind, string Id), FrozenDictionary<string, JsonNode?>> things;
    private readonly Dictionary<string, List<(string Id, FrozenDictionary<string, JsonNode?> Fields)>> created;

    public Overlay(SessionSnapshot snapshot)
    {
        Version = snapshot.Version;
        var records = new Dictionary<(string Collection, string Id), Dictionary<string, JsonNode?>>();
        foreach (var change in snapshot.Changes)
        {
            if (!records.TryGetValue((change.Collection, change.Id), out var fields))
            {
                records[(change.Collection, change.Id)] = fields = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            }

            fields[change.Field] = Parse(change.Json);
        }

        var entities = new Dictionary<(EntityKind, string), FrozenDictionary<string, JsonNode?>>();
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var served = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var chatMessages = new Dictionary<string, List<(long Seq, Message Message)>>(StringComparer.Ordinal);
        var items = new Dictionary<string, ItemCollection.Builder>(StringComparer.Ordinal);
        things = [];
        created = new Dictionary<string, List<(string, FrozenDictionary<string, JsonNode?>)>>(StringComparer.Ordinal);
        foreach (var ((collection, id), fields) in records)
        {
            if (Records.ThingKind(collection) is { } kindName)
            {
                var frozen = fields.ToFrozenDictionary(StringComparer.Ordinal);
                things[(kindName, id)] = frozen;
                if (fields.ContainsKey(Records.Owner))
                {
                    (created.TryGetValue(kindName, out var list) ? list : created[kindName] = []).Add((id, frozen));
                }

                continue;
            }

            if (Records.Kind(collection) is { } kind)
            {
                entities[(kind, id)] = fields.ToFrozenDictionary(StringComparer.Ordinal);
                if (kind == EntityKind.Chat && Text(fields, Records.User) is { } user)
                {
                    // Two chats of one user in a session: the greater id is the one the user's chat is (whatever order
                    // the store lists its records in).
                    if (!users.TryGetValue(user, out var other) || string.CompareOrdinal(id, other) > 0)
                    {
                        users[user] = id;
                    }

                    if (Text(fields, Records.Operator) is { } op)
                    {
                        (served.TryGetValue(op, out var list) ? list : served[op] = []).Add(user);
                    }
                }
            }
            else if (Records.MessagesChat(collection) is { } chatId)
            {
                (chatMessages.TryGetValue(chatId, out var list) ? list : chatMessages[chatId] = []).Add((Seq(fields), ToMessage(id, chatId, fields)));
            }
            else if (collection.StartsWith(Records.ItemPrefix, StringComparison.Ordinal))
            {
                (items.TryGetValue(collection, out var builder) ? builder : items[collection] = new ItemCollection.Builder()).Add(id, fields);
            }
        }

        values = entities;
        chatOfUser = users;
        servedBy = served.ToDictionary(p => p.Key, p => p.Value.Order(StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);
        messages = chatMessages.ToDictionary(p => p.Key, p => p.Value.OrderBy(m => m.Seq).Select(m => m.Message).ToImmutableArray(), StringComparer.Ordinal);
        messageById = new Dictionary<string, Message>(StringComparer.Ordinal);
        foreach (var message in messages.Values.SelectMany(m => m))
        {
            messageById[message.Id] = message;
        }

        collections = items.ToDictionary(p => p.Key, p => p.Value.Build(), StringComparer.Ordinal);
        foreach (var list in created.Values)
        {
            list.Sort((a, b) => Seq(a.Fields).CompareTo(Seq(b.Fields)));
        }
    }

    /// <summary>The store's version this overlay was read at; 0 for the seeded world.</summary>
    public long Version { get; }

    public bool IsEmpty => Version == 0;

    public bool HasCollections => collections.Count > 0;

    /// <summary>The changed values of one entity, keyed as <see cref="Facts"/> keys them; null when unchanged.</summary>
    public FrozenDictionary<string, JsonNode?>? Of(EntityKind kind, string id) => values.GetValueOrDefault((kind, id));

    /// <summary>The record of an entity of a discovered kind (by the kind's name) this session created, changed or deleted; null when none.</summary>
    public FrozenDictionary<string, JsonNode?>? Thing(string kind, string id) => things.Count == 0 ? null : things.GetValueOrDefault((kind, id));

    /// <summary>The entities of a discovered kind this session created, in the order it created them.</summary>
    public IEnumerable<(string Id, FrozenDictionary<string, JsonNode?> Fields)> Things(string kind) =>
        created.TryGetValue(kind, out var list) ? list : [];

    /// <summary>The chat as this session changed it: its OP (accepted, transferred), its status, its latest message.</summary>
    public Chat Apply(Chat chat)
    {
        if (Of(EntityKind.Chat, chat.ChatId) is not { } changed)
        {
            return chat;
        }

        return chat with
        {
            OperatorId = Text(changed, Records.Operator) ?? chat.OperatorId,
            Status = Text(changed, Facts.Key(Attr.Status)) ?? chat.Status,
            Message = Text(changed, Facts.Key(Attr.Message)) ?? chat.Message,
        };
    }

    /// <summary>Whether this session changed the chat of <paramref name="userId"/> (its OP or status may differ).</summary>
    public bool ChangedChatOf(string userId) => chatOfUser.ContainsKey(userId);

    public bool Deleted(EntityKind kind, string id) => Of(kind, id)?.ContainsKey(Records.Deleted) == true;

    /// <summary>The users whose chat this session gave to the OP (accepted or transferred to it).</summary>
    public ImmutableArray<string> UsersGivenTo(string opId) => servedBy.GetValueOrDefault(opId, []);

    public ImmutableArray<Message> Messages(string chatId) => messages.GetValueOrDefault(chatId, []);

    public Message? MessageById(string id) => messageById.GetValueOrDefault(id);

    /// <summary>The items this session created, changed or deleted in a list, by its owner and its items' id field.</summary>
    public ItemCollection? Items(EntityKind ownerKind, string ownerId, string idField) =>
        collections.Count == 0 ? null : collections.GetValueOrDefault(Records.Items(ownerKind, ownerId, idField));

    private static Message ToMessage(string id, string chatId, Dictionary<string, JsonNode?> fields) => new(
        id,
        chatId,
        fields.GetValueOrDefault(Facts.Key(Attr.FromType)) is JsonValue from && from.TryGetValue<long>(out var type) ? (int)type : Message.FromOp,
        Text(fields, Facts.Key(Attr.FromId)) ?? "",
        fields.GetValueOrDefault(Facts.Key(Attr.SendTime)) is JsonValue sent && sent.TryGetValue<long>(out var millis)
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : DateTimeOffset.UnixEpoch,
        Text(fields, Facts.Key(Attr.Content)) ?? "",
        Text(fields, Facts.Key(Attr.MsgType)) ?? "text");

    internal static long Seq(IReadOnlyDictionary<string, JsonNode?> fields) =>
        fields.GetValueOrDefault(Records.Seq) is JsonValue seq && seq.TryGetValue<long>(out var n) ? n : long.MaxValue;

    private static string? Text(IReadOnlyDictionary<string, JsonNode?> fields, string key) =>
        fields.GetValueOrDefault(key) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            // A store holds only what the actions wrote; text that is not JSON is kept as text rather than lost.
            return JsonValue.Create(json);
        }
    }
}

/// <summary>
/// A list's items as a session changed them: the ones it created (in order), fields it set on existing ones,
/// and the ones it deleted. A list is named by its owner (the entity the request names, or none) and the
/// field that holds its items' ids (userAddressId): the generic mechanism for lists the world has no kind for.
/// </summary>
internal sealed record ItemCollection(
    ImmutableArray<(string Id, FrozenDictionary<string, JsonNode?> Fields)> Created,
    FrozenDictionary<string, FrozenDictionary<string, JsonNode?>> Changed,
    FrozenSet<string> Deleted)
{
    /// <summary>An item's own fields (by their JSON names) as created or changed.</summary>
    public static JsonObject Json(string idField, string id, IReadOnlyDictionary<string, JsonNode?> fields)
    {
        var json = new JsonObject { [idField] = id };
        foreach (var (key, value) in fields)
        {
            if (Records.FieldName(key) is { } name && !string.Equals(name, idField, StringComparison.OrdinalIgnoreCase))
            {
                json[name] = value?.DeepClone();
            }
        }

        return json;
    }

    internal sealed class Builder
    {
        private readonly List<(long Seq, string Id, FrozenDictionary<string, JsonNode?> Fields)> created = [];
        private readonly Dictionary<string, FrozenDictionary<string, JsonNode?>> changed = new(StringComparer.Ordinal);
        private readonly HashSet<string> deleted = new(StringComparer.Ordinal);

        public void Add(string id, Dictionary<string, JsonNode?> fields)
        {
            var frozen = fields.ToFrozenDictionary(StringComparer.Ordinal);
            if (fields.ContainsKey(Records.Deleted))
            {
                deleted.Add(id);
            }
            else if (fields.ContainsKey(Records.Seq))
            {
                created.Add((Overlay.Seq(fields), id, frozen));
            }
            else
            {
                changed[id] = frozen;
            }
        }

        public ItemCollection Build() => new(
            [.. created.OrderBy(c => c.Seq).Select(c => (c.Id, c.Fields))],
            changed.ToFrozenDictionary(StringComparer.Ordinal),
            deleted.ToFrozenSet(StringComparer.Ordinal));
    }
}

/// <summary>
/// How the world's changes are written as store records (<see cref="Change"/>): which collection an entity, a
/// message or a list item is in, and the fields that are links rather than values. Values are keyed as
/// <see cref="Facts"/> keys them: an attribute's name (IsOnline), or "~" and a field's path (~remark).
/// </summary>
internal static class Records
{
    public const string ItemPrefix = "item:";
    private const string MessagePrefix = "msg:";

    /// <summary>A chat's user: every changed chat carries it, so the user's chat is found from the user.</summary>
    public const string User = "@user";

    /// <summary>A chat's OP after an accept or a transfer.</summary>
    public const string Operator = "@operator";

    public const string Deleted = "@deleted";

    /// <summary>A created entity of a discovered kind: the entity its lists are asked by (the ticket's handling OP).</summary>
    public const string Owner = "@owner";

    /// <summary>A created entity of a discovered kind: when it was created (epoch milliseconds).</summary>
    public const string Start = "@start";

    private const string ThingPrefix = "kind:";

    /// <summary>The order of an appended message or a created item: the session's sequence number that made its id.</summary>
    public const string Seq = "@seq";

    public static string Entity(EntityKind kind) => kind switch
    {
        EntityKind.Chat => "chat",
        EntityKind.Op => "op",
        EntityKind.User => "user",
        EntityKind.Message => "message",
        _ => "none",
    };

    public static EntityKind? Kind(string collection) => collection switch
    {
        "chat" => EntityKind.Chat,
        "op" => EntityKind.Op,
        "user" => EntityKind.User,
        "message" => EntityKind.Message,
        _ => null,
    };

    public static string Messages(string chatId) => MessagePrefix + chatId;

    /// <summary>The collection of a discovered kind's entities, by the kind's name (as the kinds table names it).</summary>
    public static string Thing(string kind) => ThingPrefix + kind;

    public static string? ThingKind(string collection) =>
        collection.StartsWith(ThingPrefix, StringComparison.Ordinal) ? collection[ThingPrefix.Length..] : null;

    public static string? MessagesChat(string collection) =>
        collection.StartsWith(MessagePrefix, StringComparison.Ordinal) ? collection[MessagePrefix.Length..] : null;

    /// <summary>A list's collection: its owner (kind and id; none and "" for a list nobody owns) and its items' id field.</summary>
    public static string Items(EntityKind ownerKind, string ownerId, string idField) =>
        ItemPrefix + Entity(ownerKind) + ":" + idField.ToLowerInvariant() + ":" + ownerId;

    /// <summary>The JSON field name a value key stands for ("~remark" → remark); null for links and attributes.</summary>
    public static string? FieldName(string key) => key.StartsWith('~') ? key[1..] : null;

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
