using System.Collections.Frozen;
using System.Collections.Immutable;

namespace OpMock.Core.World.Kinds;

/// <summary>
/// The kinds of entity the world holds, one row each (<see cref="KindRow"/>): user, chat, OP and message first, then
/// every kind the docs describe (<see cref="KindDiscovery"/>). Whatever asks "which kind is this field, section or
/// record about" asks this table; the built-in kinds' attribute rows are <see cref="WorldMap"/>'s.
/// </summary>
internal sealed class KindTable
{
    /// <summary>The kinds the world has without any doc: the first rows of every table.</summary>
    public static KindTable BuiltIn { get; } = new(
    [
        new KindRow(EntityKind.Message, "message", ["messageId", "msgId"],
            ["message", "messages", "messageList", "msg", "msgs", "msgList", "chatMessage", "chatMessages", "lastMessage"], []),
        // A user's chat is numbered as its user: chat j is user j's current chat.
        new KindRow(EntityKind.Chat, "chat", ["chatId"], ["chat", "chats", "chatItem", "chatList"], [])
        {
            Population = new(o => o.Users, (w, id) => w.UserIndex(w.ChatById(id).UserId), (w, j) => w.ChatOf(w.UserId(j)).ChatId, ExamplesShowOthers: false),
        },
        new KindRow(EntityKind.User, "user", ["userId"], ["user", "userInfo", "customer"], ["userAddressId", "userContactId"])
        {
            Population = new(o => o.Users, (w, id) => w.UserIndex(id), (w, j) => w.UserId(j), ExamplesShowOthers: true),
        },
        new KindRow(EntityKind.Op, "op", ["staffId", "operatorId", "opId"], ["operator", "staff", "op", "opInfo"], [])
        {
            Population = new(o => o.Ops, (w, id) => w.OpIndex(id), (w, j) => w.OpId(j), ExamplesShowOthers: true),
        },
    ]);

    private readonly FrozenDictionary<string, KindRow> byId;
    private readonly FrozenDictionary<string, KindRow> bySection;
    private readonly FrozenDictionary<EntityKind, KindRow> byKind;
    private readonly FrozenDictionary<string, KindRow> byName;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, KindTable>? views;

    /// <param name="rows">Built-in rows first (message, chat, user, OP: strongest id first), then discovered ones.</param>
    public KindTable(ImmutableArray<KindRow> rows)
        : this(rows, null)
    {
    }

    /// <param name="route">The route whose view this is: a field a fixture split by route names the kind of that route.</param>
    private KindTable(ImmutableArray<KindRow> rows, string? route)
    {
        Rows = rows;
        views = route is null && rows.Any(r => r.Only is not null || r.NotOn.Count > 0) ? new(StringComparer.OrdinalIgnoreCase) : null;
        // A request naming an entity of a discovered kind (ticketId) is about it before the chat or OP it also names;
        // on a route, the kinds split off for it before the others (then those that serve every route).
        var named = rows.Where(r => !r.IsBuiltIn && (route is null || r.Serves(route))).OrderBy(r => route is not null && r.Only is not null ? 0 : r.Only is null ? 1 : 2)
            .Concat(rows.Where(r => r.IsBuiltIn)).ToList();
        Ids = [.. named.SelectMany(r => r.IdFields.Select(f => (f, r.Kind)))];
        byId = Ids.GroupBy(i => i.Name, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(g => g.Key, g => Row(rows, g.First().Kind), StringComparer.OrdinalIgnoreCase);
        bySection = named.SelectMany(r => r.Sections.Select(s => (s, r))).GroupBy(p => p.s, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.First().r, StringComparer.OrdinalIgnoreCase);
        byKind = rows.ToFrozenDictionary(r => r.Kind);
        byName = rows.GroupBy(r => r.Name, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The table as <paramref name="route"/> reads it: where a fixture split an id field by route (<c>recordId</c> a
    /// call on the call routes, a visit on the visit routes), the field names that route's kind. The table itself
    /// when nothing is split.
    /// </summary>
    public KindTable On(string route) => views is null ? this : views.GetOrAdd(route, r => new KindTable(Rows, r));

    public ImmutableArray<KindRow> Rows { get; }

    /// <summary>Request and response fields that name an entity by id, strongest first.</summary>
    public ImmutableArray<(string Name, EntityKind Kind)> Ids { get; }

    /// <summary>The kinds the docs describe beyond the built-in ones.</summary>
    public IEnumerable<KindRow> Discovered => Rows.Where(r => !r.IsBuiltIn);

    /// <summary>Every kind handle, None first: what an endpoint works out a plan for.</summary>
    public IEnumerable<EntityKind> Kinds => Rows.Select(r => r.Kind).Prepend(EntityKind.None);

    public KindRow? Row(EntityKind kind) => byKind.GetValueOrDefault(kind);

    /// <summary>The row of a kind by its name (as session records and the console name it).</summary>
    public KindRow? Named(string name) => byName.GetValueOrDefault(name);

    /// <summary>The kind whose entities <paramref name="idField"/> names; null for any other field.</summary>
    public KindRow? ById(string idField) => byId.GetValueOrDefault(idField);

    public bool IsId(string field) => byId.ContainsKey(field);

    /// <summary>Whether a kind is one the docs describe (ticket), not one of the four built-in ones.</summary>
    public bool IsDiscovered(EntityKind kind) => Row(kind) is { IsBuiltIn: false };

    /// <summary>The entity an object field is about, by its own name or its section's (<c>user</c>/<c>User</c>, <c>tickets</c>/<c>Ticket</c>).</summary>
    public EntityKind Entity(string fieldName, string? sectionName) =>
        bySection.TryGetValue(fieldName, out var row) ? row.Kind
        : sectionName is not null && bySection.TryGetValue(sectionName, out var bySectionName) ? bySectionName.Kind
        : EntityKind.None;

    /// <summary>The entity a response object is about when one of its own fields is an id (ticketId, then chatId before userId before staffId).</summary>
    public EntityKind ByIdField(IEnumerable<string> fieldNames)
    {
        var names = fieldNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Ids.Where(i => names.Contains(i.Name)).Select(i => i.Kind).FirstOrDefault();
    }

    /// <summary>
    /// The attribute a field at <paramref name="path"/> inside an object about <paramref name="kind"/> shows: the built-in
    /// kinds' from <see cref="WorldMap"/>; a discovered kind's id, start instant, relations and the fields beside them.
    /// </summary>
    public AttrRef? Attribute(EntityKind kind, string path)
    {
        if (Row(kind) is not { IsBuiltIn: false } row)
        {
            return WorldMap.Attribute(kind, path);
        }

        if (row.IdFields.Contains(path, StringComparer.OrdinalIgnoreCase))
        {
            return new AttrRef(kind, Attr.Id);
        }

        if (string.Equals(path, row.StartField, StringComparison.OrdinalIgnoreCase))
        {
            return new AttrRef(kind, Attr.CreateTime);
        }

        foreach (var relation in row.Relations)
        {
            if (string.Equals(relation.Field, path, StringComparison.OrdinalIgnoreCase))
            {
                return new AttrRef(relation.Target, Attr.Id, relation.Field);
            }

            if (relation.Beside.TryGetValue(path, out var attr))
            {
                return new AttrRef(relation.Target, attr, relation.Field);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="field"/>, in a part of a built-in kind's entity (an item of an OP's schedule), holds that
    /// entity's own id: it is named as the request field that names the entity (<c>staffId</c>), or described as it
    /// (<c>dutyOpId</c> OP的ID beside a request's <c>staffId</c> OP的ID). Such an item shows the entity the request names.
    /// </summary>
    public bool NamesOwner(Docs.Endpoint endpoint, Docs.DocField field, EntityKind kind) =>
        Row(kind) is { IsBuiltIn: true } && endpoint.Input.Any(input =>
            (ById(input.Name)?.Kind == kind || KindDiscovery.RelationTarget(input) == kind)
            && (string.Equals(input.Name, field.Name, StringComparison.OrdinalIgnoreCase)
                || (input.Description.Trim() is { Length: > 0 } words && words == field.Description.Trim())));

    /// <summary>The entity a request names by id: a discovered kind's id before chatId before userId before staffId; None when it names none.</summary>
    public (EntityKind Kind, string? Id) Requested(System.Text.Json.Nodes.JsonObject request) =>
        Selecting(request) is { } name ? (ById(name)!.Kind, IdText(request[name])) : (EntityKind.None, null);

    /// <summary>The request field that names the answer's entity: it chooses whose list is answered, it filters nothing.</summary>
    public string? Selecting(System.Text.Json.Nodes.JsonObject request) =>
        Ids.Select(i => i.Name).FirstOrDefault(name => IdText(request[name]) is { Length: > 0 });

    /// <summary>An id as a request sends it: text, or a number (a Long <c>couponId</c>) as its digits; null for anything else.</summary>
    public static string? IdText(System.Text.Json.Nodes.JsonNode? node) => node is System.Text.Json.Nodes.JsonValue value
        ? value.TryGetValue<string>(out var text) ? text
        : value.GetValueKind() == System.Text.Json.JsonValueKind.Number && long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : null
        : null;

    /// <summary>
    /// The routes whose examples are facts about the built-in kinds' entities: not those about a described kind's entity
    /// (read against the built-in kinds alone, a ticket's detail would give its status and times to the user it names).
    /// </summary>
    public IEnumerable<Docs.Endpoint> OnlyBuiltIn(IEnumerable<Docs.Endpoint> endpoints) => endpoints.Where(e => On(e.IsTransfer ? e.TransferTarget ?? e.Route : e.Route) is var table
        && !table.IsDiscovered(table.ByIdField(e.Output.Select(f => f.Name))) && !e.Input.Any(f => f.Required && table.ById(f.Name) is { IsBuiltIn: false }));

    /// <summary>A kind's name, as <c>opmock serve</c>, the console and the session records say it (<c>op</c>, <c>ticket</c>).</summary>
    public string NameOf(EntityKind kind) => Row(kind)?.Name ?? kind.ToString().ToLowerInvariant();

    private static KindRow Row(ImmutableArray<KindRow> rows, EntityKind kind) => rows.First(r => r.Kind == kind);
}
