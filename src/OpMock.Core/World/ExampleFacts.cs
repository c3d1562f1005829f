using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;

namespace OpMock.Core.World;

/// <summary>
/// Reads the docs' examples into <see cref="Facts"/>: the table (<see cref="WorldMap"/>) read in reverse. The
/// entity an example is about is found as a request finds it (its own id field, else the sample request's ids,
/// else the sample's token as the current OP), so each doc's sample request answers its example, and the users,
/// chats and OPs an example names keep their example attributes in every other route.
/// </summary>
internal sealed class ExampleFacts
{
    /// <summary>An example's page.totalCount makes the OP's list this long at most; the rest is generated.</summary>
    private const int MaxTotal = 1000;

    private readonly Dictionary<(EntityKind, string), Dictionary<string, JsonNode?>> values = [];
    private readonly Dictionary<string, ChatLinks> chats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpChats> ops = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableArray<string>> messages = new(StringComparer.Ordinal);

    // Which doc showed each value first, and what later docs show otherwise (their own samples answer them).
    private readonly Dictionary<(EntityKind, string, string), (ApiDoc Doc, string Field)> origins = [];
    private readonly Dictionary<(string, EntityKind, string), Dictionary<string, JsonNode?>> own = [];
    private readonly List<Consistency.Disagreement> disagreements = [];
    private readonly Consistency.ExampleFolding folding;
    private Endpoint current = null!;
    private string? currentOp;
    private JsonObject? sampleFilter;

    private readonly WorldOptions options;

    // The kinds the examples are read against: a list of a described kind's items (an OP's tickets) are entities of it.
    private readonly Kinds.KindTable kinds;
    private Kinds.KindTable table;

    // The example entities of described kinds: each one's owner (the entity its list is asked by), and each owner's list.
    private readonly Dictionary<(EntityKind Kind, string Id), string> thingOwners = [];
    private readonly Dictionary<(EntityKind Kind, string Owner), ExampleThings> thingLists = [];

    /// <summary>How far every example instant moves to live in the present (zero when a fixture keeps them verbatim).</summary>
    private TimeSpan shift;

    private ExampleFacts(WorldOptions options, Kinds.KindTable kinds)
    {
        this.options = options;
        this.kinds = table = kinds;
        folding = new(options, values, chats, ops, Extend);
    }

    public static Facts Read(IEnumerable<Endpoint> endpoints, WorldOptions options) => Read(endpoints, options, Kinds.KindTable.BuiltIn);

    /// <param name="kinds">
    /// The kinds the examples are read against: an object carrying a described kind's id (a ticket, an item of a user's
    /// points log) is an entity of that kind — its values the kind's, its list's items the list owner's entities.
    /// </param>
    public static Facts Read(IEnumerable<Endpoint> endpoints, WorldOptions options, Kinds.KindTable kinds)
    {
        var read = endpoints.Where(e => !e.IsTransfer).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        // With the built-in kinds only, an object about a described kind (a ticket's detail) is no fact: its status and
        // times are the ticket's, not those of the user it names.
        read = kinds.Discovered.Any() ? read : [.. Kinds.KindDiscovery.Discover(read).OnlyBuiltIn(read)];
        var reader = new ExampleFacts(options, kinds)
        {
            shift = options.VerbatimExamples ? TimeSpan.Zero : Consistency.ExampleTimes.Offset(read, options.Anchor),
        };
        foreach (var endpoint in read)
        {
            reader.Add(endpoint);
        }

        return reader.Freeze(endpoints);
    }

    private void Add(Endpoint endpoint)
    {
        current = endpoint;
        table = kinds.On(endpoint.Route);
        if (endpoint.Doc.Example is not { } example || OpJson.TryParse(example.Text, out _, out _) is not JsonObject envelope
            || Consistency.ExampleTimes.Shift(envelope["data"], shift) is not JsonObject shifted
            || (options.DocumentedImages ? shifted : ExampleImages.Offline(shifted)) is not JsonObject data)
        {
            return;
        }

        // A GET doc's sample params are in its sample URL's query, as a client sends them.
        var request = QueryParameters.Carries(endpoint.Method)
            ? QueryParameters.Sample(endpoint)
            : endpoint.Doc.Sample?.Body is { } body && OpJson.TryParse(body.Text, out _, out _) is JsonObject json ? json : [];
        var token = endpoint.Doc.Sample?.Query.FirstOrDefault(q => q.Key == "token").Value;
        currentOp = string.IsNullOrEmpty(token) ? null : token;
        sampleFilter = SampleFilter(endpoint, request);
        var (requestedKind, requestedId) = table.Requested(request);
        if (requestedKind == EntityKind.None && Named(endpoint, request) is (not EntityKind.None and var named, var namedId))
        {
            // A request naming a user by its words (customerId 客户ID) asks about that user, as it does when served.
            (requestedKind, requestedId) = (named, namedId);
        }

        var kind = ObjectPlan.TopKind(endpoint.Output, requestedKind, table);
        if (kind == EntityKind.None)
        {
            return;
        }

        var plan = ObjectPlan.Build(endpoint, endpoint.Output, kind, "", table: table);
        var id = OwnId(plan, data)
            ?? (kind == requestedKind ? requestedId : null)
            ?? (kind == EntityKind.Op && requestedKind == EntityKind.None && !string.IsNullOrEmpty(token) ? token : null);
        var total = envelope["page"] is JsonObject page && Count(page) is { } count ? count : (int?)null;
        Walk(plan, data, id, null, total);
    }

    /// <param name="parentOp">For a chat listed by an OP: that OP.</param>
    /// <param name="total">For the response's data: the example page's totalCount, the length of its entity list.</param>
    /// <param name="parentUser">For a chat shown inside a user (its current chat): that user.</param>
    private void Walk(ObjectPlan plan, JsonObject json, string? id, string? parentOp, int? total = null, string? parentUser = null)
    {
        var fields = plan.DocFields;
        // Links first: a chat's user and OP are named by its fields or its nested objects.
        string? userId = parentUser, opId = parentOp;
        // A chat listed by an OP or shown inside a user is linked by where it is shown.
        string? userField = parentUser is null ? null : "userId", opField = parentOp is null ? null : "operatorId";
        for (var i = 0; i < fields.Length; i++)
        {
            var field = plan.Fields[i];
            var value = json[fields[i].Name];
            var (owner, linked) = field.Attribute is { Attr: Attr.Id } r && r.Owner != plan.Kind && Text(value) is { } shown ? (r.Owner, shown)
                : field is { EntityList: false, Child: { Prefix: "", Kind: var childKind } child } && childKind != plan.Kind && value is JsonObject inner
                    && OwnId(child, inner) is { } childId ? (childKind, childId)
                : (EntityKind.None, null);
            if (owner == EntityKind.User)
            {
                (userId, userField) = (linked, fields[i].Name);
            }
            else if (owner == EntityKind.Op)
            {
                (opId, opField) = (linked, fields[i].Name);
            }
        }

        if (plan is { Kind: EntityKind.Chat, Prefix: "" } && id is not null)
        {
            AddChat(id, (userId, userField), (opId, opField), json, plan);
        }

        if (plan.Prefix.Length == 0 && id is not null && table.Row(plan.Kind) is { IsBuiltIn: false, Owner: { } by } row && Text(json[by.Field]) is { } named)
        {
            // An example entity of a described kind that names its owner (a ticket's handlerId): found by its id as that owner's.
            thingOwners.TryAdd((row.Kind, id), named);
        }

        // The example page's total is the length of the answer's first list, the one a doc pages.
        var paged = total is null ? -1 : fields.IndexOf(fields.FirstOrDefault(f => f.Type.Kind == FieldKind.List)!);
        for (var i = 0; i < fields.Length; i++)
        {
            var field = plan.Fields[i];
            var has = json.TryGetPropertyValue(fields[i].Name, out var value);
            if (field.Attribute is { } attribute)
            {
                var owner = attribute.Via is { } via && Text(json[via]) is { } related ? related
                    : attribute.Owner == plan.Kind ? id : attribute.Owner == EntityKind.User ? userId : attribute.Owner == EntityKind.Op ? opId : null;
                if (attribute.Attr != Attr.Id && owner is not null)
                {
                    Set(attribute.Owner, owner, Facts.Key(attribute.Attr), has ? value : Facts.Absent, fields[i].Name);
                }
                else if (attribute is { Attr: Attr.Id, Via: { } relation } && id is not null && has && table.IsDiscovered(plan.Kind))
                {
                    // The entity a described kind's example names (its handler, its user) is the one it keeps naming.
                    Set(plan.Kind, id, Facts.Key(relation), value, fields[i].Name);
                }
            }
            else if (field.Child is { } child && has && value is not null)
            {
                WalkChild(plan, child, field, value, id, userId, opId, i == paged ? total : null);
            }
            else if (id is not null && plan.Kind != EntityKind.None)
            {
                Set(plan.Kind, id, Facts.Key(field.Path), has ? value : Facts.Absent, fields[i].Name);
            }
        }
    }

    private void WalkChild(ObjectPlan plan, ObjectPlan child, FieldPlan field, JsonNode value, string? id, string? userId, string? opId, int? total)
    {
        if (child.Prefix.Length > 0 || child.Kind == EntityKind.None)
        {
            // A part of this entity: an object is read field by field (location.address), a list is kept whole.
            if (value is JsonObject part && child.Kind != EntityKind.None)
            {
                Walk(child, part, id, opId);
            }
            else if (id is not null && plan.Kind != EntityKind.None)
            {
                Set(plan.Kind, id, Facts.Key(field.Path), value, field.Path);
                if (total is { } count && value is JsonArray)
                {
                    // The example shows a page of the list: the entity's whole list is that long.
                    Set(plan.Kind, id, Facts.TotalKey(field.Path), count, "totalCount");
                    SetFilter(plan.Kind, id, field.Path);
                }
            }

            return;
        }

        if (field.EntityList && value is JsonArray things && table.Row(child.Kind) is { IsBuiltIn: false } row)
        {
            AddThings(plan, row, field, things, id, userId, opId, total);
        }
        else if (field.EntityList && value is JsonArray items)
        {
            var listed = new List<string>();
            foreach (var item in items.OfType<JsonObject>())
            {
                var itemId = OwnId(child, item);
                Walk(child, item, itemId, plan.Kind == EntityKind.Op ? id : null, parentUser: plan.Kind == EntityKind.User ? id : null);
                if (child.Kind == EntityKind.Chat && itemId is not null)
                {
                    listed.Add(chats[itemId].UserId);
                }
            }

            if (plan.Kind == EntityKind.Chat && child.Kind == EntityKind.Message && id is not null)
            {
                // A chat's messages as its example lists them, kept oldest first whatever order the doc lists them in.
                var shown = items.OfType<JsonObject>().Select(item => OwnId(child, item)).OfType<string>();
                messages.TryAdd(id, [.. ChatMessages.NewestFirst(plan.DocFields[plan.Fields.IndexOf(field)]) ? shown.Reverse() : shown]);
            }

            if (plan.Kind == EntityKind.Op && child.Kind == EntityKind.Chat && id is not null)
            {
                ops[id] = new OpChats(Extend(id, listed, Math.Min(MaxTotal, Math.Max(total ?? 0, listed.Count))), Math.Min(MaxTotal, Math.Max(total ?? 0, listed.Count)))
                {
                    Shown = listed.Count,
                };
                SetFilter(plan.Kind, id, field.Path);
                folding.ListDocs.TryAdd(id, current.Doc);
            }
        }
        else if (value is JsonObject inner)
        {
            var childId = OwnId(child, inner)
                ?? (child.Kind == EntityKind.User ? userId : child.Kind == EntityKind.Op ? opId : null);
            // A chat shown inside a user or an OP is that user's, or served by that OP.
            Walk(child, inner, childId, plan.Kind == EntityKind.Op ? id : null, parentUser: plan.Kind == EntityKind.User ? id : null);
        }
    }

    /// <summary>
    /// A list of a described kind's entities an example shows for the entity it is asked by (a user's points log): each
    /// item is an entity of the kind, the list owner's, with the values it shows; the example page's total makes the
    /// owner's list that long (the rest generated). The items are kept whole too, for the rules that read an example's list.
    /// </summary>
    private void AddThings(ObjectPlan plan, Kinds.KindRow row, FieldPlan field, JsonArray items, string? id, string? userId, string? opId, int? total)
    {
        var owner = row.Owner is { } by && by.Target == plan.Kind ? id : null;
        var listed = new List<string>();
        foreach (var item in items.OfType<JsonObject>())
        {
            var child = field.Child!;
            var itemId = OwnId(child, item);
            Walk(child, item, itemId, plan.Kind == EntityKind.Op ? id : opId, parentUser: plan.Kind == EntityKind.User ? id : userId);
            if (itemId is not null && (owner ?? (row.Owner is { } relation ? Text(item[relation.Field]) : null)) is { } whose)
            {
                thingOwners.TryAdd((row.Kind, itemId), whose);
                if (owner is not null)
                {
                    listed.Add(itemId);
                }
            }
        }

        if (owner is null || plan.Kind == EntityKind.None)
        {
            return;
        }

        Set(plan.Kind, owner, Facts.Key(field.Path), items, field.Path);
        if (total is { } count)
        {
            Set(plan.Kind, owner, Facts.TotalKey(field.Path), count, "totalCount");
        }

        SetFilter(plan.Kind, owner, field.Path);
        thingLists.TryAdd((row.Kind, owner), new ExampleThings(plan.Kind, [.. listed], Math.Max(listed.Count, Math.Min(MaxTotal, total ?? listed.Count)), Descending(row, items)));
    }

    /// <summary>Whether an example lists its items newest first (by the kind's start field); true when it cannot tell.</summary>
    private static bool Descending(Kinds.KindRow row, JsonArray items)
    {
        var starts = items.OfType<JsonObject>().Select(i => row.StartField is { } start ? Instant(i[start]) : null).OfType<DateTimeOffset>().ToList();
        return starts.Count < 2 || starts[0] >= starts[^1];
    }

    /// <summary>The entity a request names by a field's words (customerId 客户ID), as <see cref="EndpointPlan.Named"/> finds it.</summary>
    private (EntityKind Kind, string? Id) Named(Endpoint endpoint, JsonObject request)
    {
        foreach (var input in endpoint.Input.Where(f => !table.IsId(f.Name)))
        {
            if (Kinds.KindDiscovery.RelationTarget(input) is not EntityKind.None and var kind && Text(request[input.Name]) is { } named)
            {
                return (kind, named);
            }
        }

        return (EntityKind.None, null);
    }

    private void AddChat(string chatId, (string? Id, string? Field) user, (string? Id, string? Field) op, JsonObject json, ObjectPlan plan)
    {
        var (userId, opId) = (user.Id, op.Id);
        var fields = plan.DocFields;
        string? groupId = null;
        string? status = null;
        DateTimeOffset? created = null;
        for (var i = 0; i < fields.Length; i++)
        {
            switch (plan.Fields[i].Attribute)
            {
                case { Owner: EntityKind.Chat, Attr: Attr.GroupId }:
                    groupId ??= Text(json[fields[i].Name]);
                    break;
                case { Owner: EntityKind.Chat, Attr: Attr.CreateTime }:
                    created ??= Instant(json[fields[i].Name]);
                    break;
                case { Owner: EntityKind.Chat, Attr: Attr.Status }:
                    status ??= Text(json[fields[i].Name]) is { } written ? Catalog.ChatStatuses.Find(written)?.Code : null;
                    break;
            }
        }

        var known = chats.GetValueOrDefault(chatId);
        Link(chatId, Facts.LinkKey(EntityKind.User), known?.UserId, user);
        Link(chatId, Facts.LinkKey(EntityKind.Op), known?.OperatorId, op);
        chats[chatId] = new ChatLinks(chatId, known?.UserId ?? userId ?? Synthetic("example-user", chatId), known?.OperatorId ?? opId,
            known?.GroupId ?? groupId, known?.CreateTime ?? created) { Status = known?.Status ?? status };
        folding.ChatDocs.TryAdd(chatId, current.Doc);
        if (currentOp is not null)
        {
            folding.SampleOps.TryAdd(chatId, currentOp);
        }
    }

    /// <summary>
    /// A chat's link to its user or OP as this example shows it: the first doc's link is the chat's; a later doc tying the
    /// chat to someone else keeps its own link on its own route (its sample answers its example) and lint warns.
    /// </summary>
    private void Link(string chatId, string key, string? was, (string? Id, string? Field) shown)
    {
        if (shown is not { Id: { } now, Field: { } field })
        {
            return;
        }

        if (!origins.TryGetValue((EntityKind.Chat, chatId, key), out var first))
        {
            origins[(EntityKind.Chat, chatId, key)] = (current.Doc, field);
            return;
        }

        if (was is null || was == now || ReferenceEquals(first.Doc, current.Doc))
        {
            return;
        }

        if (!own.TryGetValue((current.Route, EntityKind.Chat, chatId), out var mine))
        {
            own[(current.Route, EntityKind.Chat, chatId)] = mine = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        }

        mine[key] = now;
        disagreements.Add(new Consistency.Disagreement(EntityKind.Chat, chatId, field, Consistency.ExampleSpot.Of(first.Doc, first.Field, JsonValue.Create(was)),
            Consistency.ExampleSpot.Of(current.Doc, field, JsonValue.Create(now)), "each doc's sample answers its own example, other routes show the first doc's"));
    }

    /// <summary>
    /// The example shows a page of a list its sample request filters (status=3): the rest of that list, up to the
    /// example's total, has the filter's values too, so the sample's page counts what the example counts.
    /// </summary>
    private void SetFilter(EntityKind kind, string id, string path)
    {
        if (sampleFilter is not null)
        {
            Set(kind, id, Facts.FilterKey(path), sampleFilter, "filter");
        }
    }

    private JsonObject? SampleFilter(Endpoint endpoint, JsonObject request)
    {
        var filters = Lists.ListPlan.For(endpoint, Paging.For(endpoint, null))?.Read(request, table.Selecting(request)).Filters ?? [];
        return filters.IsEmpty ? null : new JsonObject(filters.Select(f => KeyValuePair.Create(f.Item, (JsonNode?)f.Value.DeepClone())));
    }

    /// <summary>The OP's listed users, then generated ones up to the page's total, each chat older than the one before.</summary>
    private List<string> Extend(string opId, List<string> listed, int total)
    {
        var users = new List<string>(listed);
        var last = listed.Select(u => chats.Values.First(c => c.UserId == u).CreateTime).LastOrDefault(t => t is not null) ?? options.Anchor;
        for (var k = listed.Count; k < total; k++)
        {
            var userId = Synthetic("op-user", opId + "/" + k.ToString(CultureInfo.InvariantCulture));
            var groupId = "1" + (StableHash.Of(options.Seed, "op-group", userId) % 100_000_000_000_000_000UL).ToString("D17", CultureInfo.InvariantCulture);
            last = last.AddMinutes(-(5 + (double)(StableHash.Of(options.Seed, "op-gap", userId) % 600)));
            chats[WorldIds.UserPrefix + groupId] = new ChatLinks(WorldIds.UserPrefix + groupId, userId, opId, groupId, last);
            users.Add(userId);
        }

        return users;
    }

    private string Synthetic(string what, string of) => OpWorld.MadeUpUser(options.Seed, what, of);

    /// <param name="field">The doc's name for the field, for a disagreement's message.</param>
    private void Set(EntityKind kind, string id, string key, JsonNode? value, string field)
    {
        if (!values.TryGetValue((kind, id), out var known))
        {
            values[(kind, id)] = known = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        }

        // The first doc to show a value keeps it (docs are read in id order); leaving a field out says less than showing it.
        if (!known.TryGetValue(key, out var was) || ReferenceEquals(was, Facts.Absent))
        {
            known[key] = ReferenceEquals(value, Facts.Absent) ? value : value?.DeepClone();
            origins[(kind, id, key)] = (current.Doc, field);
            return;
        }

        // A sample's filter says what the doc asked, not what the entity is: two docs may filter one list differently.
        var first = origins[(kind, id, key)];
        if (ReferenceEquals(value, Facts.Absent) || ReferenceEquals(first.Doc, current.Doc) || key == Facts.FilterKey(key[1..]) || Agree(was, value))
        {
            return;
        }

        // A later doc's example says otherwise: its own sample answers its example, other routes keep the first doc's.
        if (!own.TryGetValue((current.Route, kind, id), out var mine))
        {
            own[(current.Route, kind, id)] = mine = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        }

        mine[key] = value?.DeepClone();
        disagreements.Add(new Consistency.Disagreement(kind, id, field, Consistency.ExampleSpot.Of(first.Doc, first.Field, was),
            Consistency.ExampleSpot.Of(current.Doc, field, value), "each doc's sample answers its own example, other routes show the first doc's"));
    }

    /// <summary>Two examples' values for one thing say the same: equal JSON, one state ("Service" and "5"), one instant, one number.</summary>
    private static bool Agree(JsonNode? a, JsonNode? b) =>
        JsonNode.DeepEquals(a, b)
        || (Text(a) is { } x && Text(b) is { } y && Catalog.ChatStatuses.Find(x) is { } s && s == Catalog.ChatStatuses.Find(y))
        || (Instant(a) is { } t && t == Instant(b))
        || (Rules.Amounts.Read(a) is { } m && a?.GetValueKind() == JsonValueKind.Number && m == Rules.Amounts.Read(b));

    private Facts Freeze(IEnumerable<Endpoint> endpoints)
    {
        folding.Fold();
        var frozen = values.ToDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(StringComparer.Ordinal));
        var chatOfUser = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chat in chats.Values)
        {
            chatOfUser.TryAdd(chat.UserId, chat.ChatId);
        }

        // A route's own values: the first doc's, with its own example's where they disagree.
        var routeValues = own.ToFrozenDictionary(
            p => p.Key,
            p => (frozen.GetValueOrDefault((p.Key.Item2, p.Key.Item3)) ?? FrozenDictionary<string, JsonNode?>.Empty).Concat(p.Value).GroupBy(v => v.Key).ToFrozenDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal));
        // An example entity named only by a detail joins its owner's list when no example lists that owner's.
        foreach (var group in thingOwners.Where(t => !thingLists.Values.Any(l => l.Ids.Contains(t.Key.Id))).GroupBy(t => (t.Key.Kind, Owner: t.Value)))
        {
            if (!thingLists.ContainsKey(group.Key) && kinds.Row(group.Key.Kind)?.Owner is { } owner)
            {
                thingLists[group.Key] = new ExampleThings(owner.Target, [.. group.Select(t => t.Key.Id)], null, true);
            }
        }

        return new Facts(frozen, chats, chatOfUser, ops, messages)
        {
            Source = new FactsSource([.. endpoints], options, kinds),
            ThingOwners = thingOwners.ToFrozenDictionary(),
            ThingLists = thingLists.ToFrozenDictionary(),
            RouteValues = routeValues,
            Disagreements = [.. disagreements, .. folding.Disagreements],
            Cities = folding.Cities.ToFrozenDictionary(StringComparer.Ordinal),
        };
    }

    /// <summary>The object's own id: the value of its id field for its kind (chatId in a chat, staffId in an OP).</summary>
    private static string? OwnId(ObjectPlan plan, JsonObject json)
    {
        var fields = plan.DocFields;
        for (var i = 0; i < fields.Length; i++)
        {
            // A described kind's id may be a number (a Long couponId): its digits name it, as a request's do.
            if (plan.Fields[i].Attribute is { Attr: Attr.Id } r && r.Owner == plan.Kind && Kinds.KindTable.IdText(json[fields[i].Name]) is { Length: > 0 } id)
            {
                return id;
            }
        }

        return null;
    }

    private static int? Count(JsonObject page) =>
        page.Where(p => p.Key.Equals("totalCount", StringComparison.OrdinalIgnoreCase) || p.Key.Equals("total", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Value is JsonValue v && v.TryGetValue<int>(out var n) ? n : (int?)null).FirstOrDefault(n => n is not null);

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    /// <summary>Epoch millis, or China time as yyyy-MM-dd HH:mm:ss: the two forms the docs use.</summary>
    public static DateTimeOffset? Instant(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number when node.AsValue().TryGetValue<long>(out var millis) && millis is > 0 and < 253_402_300_799_000 =>
            DateTimeOffset.FromUnixTimeMilliseconds(millis),
        JsonValueKind.String when HouseFormats.DateTime.IsValid(node.GetValue<string>()) =>
            new DateTimeOffset(DateTime.ParseExact(node.GetValue<string>(), HouseFormats.DateTime.Pattern!, CultureInfo.InvariantCulture), WorldOptions.ChinaOffset),
        _ => null,
    };
}
