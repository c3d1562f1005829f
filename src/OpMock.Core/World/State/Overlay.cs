using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OpMock.Core.World.State;

/// <summary>
/// One session's changes as the world reads them: built from the store's snapshot, or from the overlay a write
/// started from and the write's own changes (<see cref="With"/>), then only looked up. Where the world reads an
/// entity it asks the overlay first, so the order is overlay &gt; fixture pins &gt; the docs' examples
/// (<see cref="Facts"/>) &gt; generated. An empty overlay (a session nobody changed) is never consulted: reads of the
/// seeded world cost what they cost without sessions.
/// </summary>
/// <remarks>
/// Every map is immutable and shared between versions: a write touches the records it changed and the lists they
/// are in, never the rest of the session, so its cost does not grow with the session's size (rebuilding the
/// overlay after each write was a third of the server's time at 10 % writes, and grew with every message).
/// </remarks>
internal sealed class Overlay
{
    public static readonly Overlay Empty = new(0, Parts.Empty, 0);

    private readonly Parts parts;

    public Overlay(SessionSnapshot snapshot)
        : this(snapshot.Version, Parts.Empty.Apply(snapshot.Changes), Cost(snapshot.Changes))
    {
    }

    private Overlay(long version, Parts parts, long bytes)
    {
        Version = version;
        this.parts = parts;
        Bytes = bytes;
    }

    /// <summary>This overlay with <paramref name="changes"/> applied (a later change of the same field wins), at the store's new version.</summary>
    public Overlay With(IReadOnlyList<Change> changes, long version) => new(version, parts.Apply(changes), Bytes + Cost(changes));

    /// <summary>
    /// What the changes it was built from cost in <see cref="StateBudget"/>'s measure (an overwritten value still
    /// counted): how a cache of overlays is kept within the state's byte budget.
    /// </summary>
    public long Bytes { get; }

    private static long Cost(IReadOnlyList<Change> changes)
    {
        long bytes = 0;
        foreach (var change in changes)
        {
            bytes += StateBudget.Field(change.Field, change.Json);
        }

        return bytes;
    }

    /// <summary>The store's version this overlay was read at; 0 for the seeded world.</summary>
    public long Version { get; }

    public bool IsEmpty => Version == 0;

    public bool HasCollections => !parts.Collections.IsEmpty;

    /// <summary>The changed values of one entity, keyed as <see cref="Facts"/> keys them; null when unchanged.</summary>
    public FrozenDictionary<string, JsonNode?>? Of(EntityKind kind, string id) =>
        Records.Kind(Records.Entity(kind)) == kind ? parts.Record(Records.Entity(kind), id) : null;

    /// <summary>The record of an entity of a discovered kind (by the kind's name) this session created, changed or deleted; null when none.</summary>
    public FrozenDictionary<string, JsonNode?>? Thing(string kind, string id) => parts.Record(Records.Thing(kind), id);

    /// <summary>The entities of a discovered kind this session created, in the order it created them.</summary>
    public IEnumerable<(string Id, FrozenDictionary<string, JsonNode?> Fields)> Things(string kind) =>
        parts.Created.GetValueOrDefault(kind, []);

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
    public bool ChangedChatOf(string userId) => parts.ChatOfUser.ContainsKey(userId);

    public bool Deleted(EntityKind kind, string id) => Of(kind, id)?.ContainsKey(Records.Deleted) == true;

    /// <summary>The users whose chat this session gave to the OP (accepted or transferred to it).</summary>
    public ImmutableArray<string> UsersGivenTo(string opId) => parts.ServedBy.GetValueOrDefault(opId, []);

    public ImmutableArray<Message> Messages(string chatId) => parts.Messages.GetValueOrDefault(chatId, []);

    public Message? MessageById(string id) => parts.MessageById.GetValueOrDefault(id);

    /// <summary>The items this session created, changed or deleted in a list, by its owner and its items' id field.</summary>
    public ItemCollection? Items(EntityKind ownerKind, string ownerId, string idField) =>
        parts.Collections.IsEmpty ? null : parts.Collections.GetValueOrDefault(Records.Items(ownerKind, ownerId, idField));

    private static Message ToMessage(string id, string chatId, IReadOnlyDictionary<string, JsonNode?> fields) => new(
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

    /// <summary>
    /// The overlay's maps. Records are kept by collection, then id, so a write finds what it changed and the lists
    /// those records are in; the lists the world reads (a user's chat, an OP's users, a chat's messages, a list's
    /// items, a kind's created entities) are updated for the collections a write touched and shared otherwise.
    /// </summary>
    private sealed record Parts(
        ImmutableDictionary<string, ImmutableDictionary<string, FrozenDictionary<string, JsonNode?>>> Records,
        ImmutableDictionary<string, string> ChatOfUser,
        ImmutableDictionary<string, ImmutableArray<string>> ServedBy,
        ImmutableDictionary<string, ImmutableArray<Message>> Messages,
        ImmutableDictionary<string, Message> MessageById,
        ImmutableDictionary<string, ItemCollection> Collections,
        ImmutableDictionary<string, ImmutableArray<(string Id, FrozenDictionary<string, JsonNode?> Fields)>> Created)
    {
        public static readonly Parts Empty = new(
            ImmutableDictionary.Create<string, ImmutableDictionary<string, FrozenDictionary<string, JsonNode?>>>(StringComparer.Ordinal),
            ImmutableDictionary.Create<string, string>(StringComparer.Ordinal),
            ImmutableDictionary.Create<string, ImmutableArray<string>>(StringComparer.Ordinal),
            ImmutableDictionary.Create<string, ImmutableArray<Message>>(StringComparer.Ordinal),
            ImmutableDictionary.Create<string, Message>(StringComparer.Ordinal),
            ImmutableDictionary.Create<string, ItemCollection>(StringComparer.Ordinal),
            ImmutableDictionary.Create<string, ImmutableArray<(string, FrozenDictionary<string, JsonNode?>)>>(StringComparer.Ordinal));

        private static readonly ImmutableDictionary<string, FrozenDictionary<string, JsonNode?>> NoRecords =
            ImmutableDictionary.Create<string, FrozenDictionary<string, JsonNode?>>(StringComparer.Ordinal);

        public FrozenDictionary<string, JsonNode?>? Record(string collection, string id) =>
            Records.TryGetValue(collection, out var records) ? records.GetValueOrDefault(id) : null;

        public Parts Apply(IReadOnlyList<Change> changes)
        {
            // The fields each record is given, by collection then id, in the order the changes came (a later one wins).
            var given = new Dictionary<string, Dictionary<string, Dictionary<string, JsonNode?>>>(StringComparer.Ordinal);
            foreach (var change in changes)
            {
                var ids = given.TryGetValue(change.Collection, out var found) ? found : given[change.Collection] = new(StringComparer.Ordinal);
                var fields = ids.TryGetValue(change.Id, out var set) ? set : ids[change.Id] = new(StringComparer.Ordinal);
                fields[change.Field] = Parse(change.Json);
            }

            var next = new Builder(this);
            foreach (var (collection, ids) in given)
            {
                next.Touch(collection, ids);
            }

            return next.Build();
        }

        /// <summary>A record before and after a write.</summary>
        private readonly record struct Touched(string Id, FrozenDictionary<string, JsonNode?>? Before, FrozenDictionary<string, JsonNode?> After);

        private sealed class Builder(Parts from)
        {
            private readonly ImmutableDictionary<string, ImmutableDictionary<string, FrozenDictionary<string, JsonNode?>>>.Builder records = from.Records.ToBuilder();
            private readonly ImmutableDictionary<string, string>.Builder chatOfUser = from.ChatOfUser.ToBuilder();
            private readonly ImmutableDictionary<string, ImmutableArray<string>>.Builder servedBy = from.ServedBy.ToBuilder();
            private readonly ImmutableDictionary<string, ImmutableArray<Message>>.Builder messages = from.Messages.ToBuilder();
            private readonly ImmutableDictionary<string, Message>.Builder messageById = from.MessageById.ToBuilder();
            private readonly ImmutableDictionary<string, ItemCollection>.Builder collections = from.Collections.ToBuilder();
            private readonly ImmutableDictionary<string, ImmutableArray<(string Id, FrozenDictionary<string, JsonNode?> Fields)>>.Builder created = from.Created.ToBuilder();

            public void Touch(string collection, Dictionary<string, Dictionary<string, JsonNode?>> ids)
            {
                var inCollection = records.GetValueOrDefault(collection) ?? NoRecords;
                var updated = inCollection.ToBuilder();
                var touched = new List<Touched>(ids.Count);
                foreach (var (id, fields) in ids)
                {
                    var before = inCollection.GetValueOrDefault(id);
                    var merged = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                    foreach (var (key, value) in (IEnumerable<KeyValuePair<string, JsonNode?>>?)before ?? [])
                    {
                        merged[key] = value;
                    }

                    foreach (var (key, value) in fields)
                    {
                        merged[key] = value;
                    }

                    var after = merged.ToFrozenDictionary(StringComparer.Ordinal);
                    updated[id] = after;
                    touched.Add(new Touched(id, before, after));
                }

                var all = updated.ToImmutable();
                records[collection] = all;
                if (State.Records.ThingKind(collection) is { } kind)
                {
                    if (touched.Any(t => t.After.ContainsKey(State.Records.Owner)))
                    {
                        created[kind] = InOrder(created.GetValueOrDefault(kind, []), touched.Where(t => t.After.ContainsKey(State.Records.Owner)).ToList(), all,
                            (id, fields) => (Id: id, Fields: fields), item => item.Id, fields => fields.ContainsKey(State.Records.Owner));
                    }
                }
                else if (State.Records.Kind(collection) == EntityKind.Chat)
                {
                    Chats(touched, all);
                }
                else if (State.Records.MessagesChat(collection) is { } chatId)
                {
                    var list = InOrder(messages.GetValueOrDefault(chatId, []), touched, all, (id, fields) => ToMessage(id, chatId, fields), m => m.Id, _ => true);
                    messages[chatId] = list;
                    foreach (var message in list.Where(m => ids.ContainsKey(m.Id)))
                    {
                        messageById[message.Id] = message;
                    }
                }
                else if (collection.StartsWith(State.Records.ItemPrefix, StringComparison.Ordinal))
                {
                    // A list's items are bounded by StateLimits.PerCollection: read again whole when one changes.
                    var items = new ItemCollection.Builder();
                    foreach (var (id, fields) in all)
                    {
                        items.Add(id, fields);
                    }

                    collections[collection] = items.Build();
                }
            }

            public Parts Build() => new(records.ToImmutable(), chatOfUser.ToImmutable(), servedBy.ToImmutable(), messages.ToImmutable(),
                messageById.ToImmutable(), collections.ToImmutable(), created.ToImmutable());

            /// <summary>
            /// A list in the order of its records' sequence numbers: new records past its last one are appended (the
            /// usual write: a message sent, an entity created); anything else reads the collection's records again.
            /// </summary>
            private static ImmutableArray<T> InOrder<T>(ImmutableArray<T> list, List<Touched> touched,
                ImmutableDictionary<string, FrozenDictionary<string, JsonNode?>> all, Func<string, FrozenDictionary<string, JsonNode?>, T> make,
                Func<T, string> idOf, Func<FrozenDictionary<string, JsonNode?>, bool> listed)
            {
                var last = list.IsEmpty ? long.MinValue : Seq(all[idOf(list[^1])]);
                if (touched.All(t => t.Before is null) && touched.Min(t => Seq(t.After)) > last)
                {
                    return list.AddRange(touched.OrderBy(t => Seq(t.After)).Select(t => make(t.Id, t.After)));
                }

                return [.. all.Where(r => listed(r.Value)).OrderBy(r => Seq(r.Value)).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => make(r.Key, r.Value))];
            }

            /// <summary>
            /// A user's chat (of two in a session, the greater id, whatever order the records came in) and the users
            /// each OP was given (a chat with an OP and a user: accepted or transferred to it).
            /// </summary>
            private void Chats(List<Touched> touched, ImmutableDictionary<string, FrozenDictionary<string, JsonNode?>> all)
            {
                var again = false;
                foreach (var (id, before, after) in touched)
                {
                    var (userBefore, userAfter) = (before is null ? null : Text(before, State.Records.User), Text(after, State.Records.User));
                    if (userBefore is not null && userBefore != userAfter)
                    {
                        again = true;
                    }
                    else if (userAfter is not null && (!chatOfUser.TryGetValue(userAfter, out var other) || string.CompareOrdinal(id, other) > 0))
                    {
                        chatOfUser[userAfter] = id;
                    }

                    var opBefore = userBefore is null || before is null ? null : Text(before, State.Records.Operator);
                    var opAfter = userAfter is null ? null : Text(after, State.Records.Operator);
                    if ((userBefore, opBefore) == (userAfter, opAfter))
                    {
                        continue;
                    }

                    if (opBefore is not null && servedBy.TryGetValue(opBefore, out var users))
                    {
                        servedBy[opBefore] = users.Remove(userBefore!, StringComparer.Ordinal);
                    }

                    if (opAfter is not null)
                    {
                        var list = servedBy.GetValueOrDefault(opAfter, []);
                        var at = list.BinarySearch(userAfter!, StringComparer.Ordinal);
                        servedBy[opAfter] = list.Insert(at < 0 ? ~at : at, userAfter!);
                    }
                }

                if (again)
                {
                    // A chat given to another user (no action does this): every user's chat is read again.
                    chatOfUser.Clear();
                    foreach (var (id, fields) in all)
                    {
                        if (Text(fields, State.Records.User) is { } user && (!chatOfUser.TryGetValue(user, out var other) || string.CompareOrdinal(id, other) > 0))
                        {
                            chatOfUser[user] = id;
                        }
                    }
                }
            }
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

        public void Add(string id, FrozenDictionary<string, JsonNode?> frozen)
        {
            var fields = frozen;
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

    /// <summary>A built-in kind's records are keyed by its name in the kinds table (chat, op, user, message).</summary>
    public static string Entity(EntityKind kind) => Kinds.KindTable.BuiltIn.Row(kind)?.Name ?? "none";

    public static EntityKind? Kind(string collection) => Kinds.KindTable.BuiltIn.Named(collection)?.Kind;

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
