using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Bogus;
using OpMock.Core.World.Actions;
using OpMock.Core.World.Kinds;
using OpMock.Core.World.State;

namespace OpMock.Core.World;

/// <summary>
/// The entity an object being shaped is about, with its plan: what <see cref="DataShaper"/> asks for each field.
/// A mapped field shows the entity's attribute (an example's value first); any other field is generated from
/// (seed, entity kind, entity id, field path), so it is the same wherever the entity is shown, in any doc.
/// Values come first from the session's <see cref="Overlay"/> (what its writes changed), then fixture pins, then
/// the docs' examples, then the generator.
/// </summary>
internal sealed class WorldScope
{
    private readonly OpWorld world;
    private readonly string route;
    private readonly string seedPath;
    private Chat? chat;
    private User? user;
    private Op? op;
    private Message? message;
    private Thing? thing;
    private FrozenDictionary<string, JsonNode?>? ownFacts;
    private bool ownFactsRead;

    // Values that win over everything for this object's own fields, by JSON name ("~remark"): a list item a session
    // created or changed, or a write's echo of what its request sent.
    private IReadOnlyDictionary<string, JsonNode?>? record;

    private WorldScope(OpWorld world, string route, ObjectPlan plan, string id, string seedPath, Chat? chat = null, Op? op = null, Message? message = null)
    {
        this.world = world;
        this.route = route;
        this.seedPath = seedPath;
        this.chat = chat;
        this.op = op;
        this.message = message;
        Plan = plan;
        Id = id;
    }

    public ObjectPlan Plan { get; }

    /// <summary>For a part of an entity (an order of a user, a line of the order): the object it is in.</summary>
    public WorldScope? Parent { get; private init; }

    /// <summary>The entity's id; for an object about nothing, a key of the request.</summary>
    public string Id { get; }

    /// <summary>Set on the response's scope when its doc has a list the request filters or pages (<see cref="Lists.ListPlan"/>).</summary>
    public Lists.ListRequest? List { get; set; }

    /// <summary>Once that list is answered: how many items it has in all, after the request's filters.</summary>
    public int? Total { get; private set; }

    // The answered list's whole (filtered) items, when they were all shaped: what a total over the list sums.
    private IReadOnlyList<JsonObject>? whole;

    private IReadOnlyList<JsonObject>? everything;

    public static WorldScope For(OpWorld world, string route, ObjectPlan plan, string id) => plan.Kind switch
    {
        EntityKind.Chat => OfChat(world, route, plan, world.ChatById(id)),
        EntityKind.Message => OfMessage(world, route, plan, world.MessageById(id)),
        _ => new WorldScope(world, route, plan, id, ""),
    };

    public static WorldScope OfChat(OpWorld world, string route, ObjectPlan plan, Chat chat) =>
        new(world, route, plan, chat.ChatId, "", world.Facts.Linked(chat, route));

    public static WorldScope OfMessage(OpWorld world, string route, ObjectPlan plan, Message message) =>
        new(world, route, plan, message.Id, "", message: message);

    /// <summary>The scope of an entity of a kind the docs describe (a ticket).</summary>
    public static WorldScope OfThing(OpWorld world, string route, ObjectPlan plan, Thing thing) =>
        new(world, route, plan, thing.Id, "") { thing = thing };

    /// <summary>When the entity of a described kind this object is about (or belongs to) started: its creation; null for other kinds.</summary>
    public DateTimeOffset? KindStart => world.Kinds.IsDiscovered(Plan.Kind) ? Thing.Start : null;

    /// <summary>The session's writes on the described kind's entity this object is about, oldest first (<see cref="Things.Events"/>); null when none.</summary>
    public JsonArray? Events() => world.Overlay.IsEmpty || Plan.Prefix.Length > 0 || !world.Kinds.IsDiscovered(Plan.Kind) ? null
        : world.Changed(Plan.Kind, Id)?.GetValueOrDefault(Things.Events) as JsonArray;

    /// <summary>Gives this object's own fields the values of <paramref name="fields"/> (keyed "~name"), ahead of the world's.</summary>
    public WorldScope With(IReadOnlyDictionary<string, JsonNode?>? fields)
    {
        record = fields;
        return this;
    }

    /// <summary>A fixture's view of this chat for this route: exact data that wins over the world's.</summary>
    public JsonObject? View() =>
        Plan is { Kind: EntityKind.Chat, Prefix: "" } && world.Pinned(Chat.UserId) is { } pinned ? pinned.Views.GetValueOrDefault(route) : null;

    /// <summary>The value the world gives field <paramref name="index"/>: false when none (generate it); <see cref="Facts.Absent"/> when an example leaves it out.</summary>
    public bool TryValue(int index, out JsonNode? value)
    {
        var field = Plan.Fields[index];
        if (record is not null && record.TryGetValue(Facts.Key(Plan.DocFields[index].Name), out value))
        {
            return true;
        }

        var changes = world.Overlay;
        if (field.Attribute is { } attribute)
        {
            var owner = OwnerId(attribute);
            if (attribute.Attr == Attr.Id)
            {
                // The id a request names comes back as asked: no record is generated for it.
                value = owner;
                return true;
            }

            if (!changes.IsEmpty && world.Changed(attribute.Owner, owner)?.TryGetValue(Facts.Key(attribute.Attr), out value) == true)
            {
                value = Written(index, attribute.Attr, value);
                return true;
            }

            if (attribute is { Owner: EntityKind.User, Attr: Attr.NickName } && world.Pinned(owner)?.NickName is { IsSet: true } pinned)
            {
                // A fixture's pin wins over a doc's example: the nickName its views agree on is the user's.
                value = pinned.Value;
                return true;
            }

            if (FactsOf(attribute.Owner, owner)?.TryGetValue(Facts.Key(attribute.Attr), out value) != true)
            {
                value = Written(index, attribute.Attr, Value(attribute, owner));
            }
            else if (attribute.Attr == Attr.Status)
            {
                // One chat, one state, written the way this route writes states: an example's "Service" is "5" where the route writes codes.
                value = Written(index, attribute.Attr, value);
            }

            if (!changes.IsEmpty && changes.HasCollections && value is JsonArray listed)
            {
                // A list the world gives whole (a user's addresses), with the items the session created, changed or deleted.
                value = Collected(index, listed);
            }

            return true;
        }

        if (!changes.IsEmpty && Plan.Kind != EntityKind.None && world.Changed(Plan.Kind, Id)?.TryGetValue(Facts.Key(field.Path), out value) == true)
        {
            return true;
        }

        if (Plan.Kind != EntityKind.None && FactsOf(Plan.Kind, Id)?.TryGetValue(Facts.Key(field.Path), out value) == true)
        {
            if (!changes.IsEmpty && changes.HasCollections && value is JsonArray listed)
            {
                value = Collected(index, listed);
            }

            return true;
        }

        value = null;
        return false;
    }

    /// <summary>The scope of field <paramref name="index"/>'s object: a related entity (a chat's user) or a part of this one.</summary>
    public WorldScope? Child(int index)
    {
        var field = Plan.Fields[index];
        if (field.Child is not { } child)
        {
            return null;
        }

        if (child.Prefix.Length > 0 || child.Kind == Plan.Kind || child.Kind == EntityKind.None)
        {
            return new WorldScope(world, route, child, Id, seedPath + field.Path[Plan.Prefix.Length..] + ".", chat, op) { Parent = this };
        }

        if (world.Kinds.Row(child.Kind) is { IsBuiltIn: false } row)
        {
            // One entity of a described kind inside another's answer: the first related to it, else one made up from it.
            var related = row.Owner is { } by ? world.ThingsOf(row, OwnerId(by.Target)) : [];
            return related.Count > 0 ? OfThing(world, route, child, related[0]) : new WorldScope(world, route, child, Id, "");
        }

        return child.Kind switch
        {
            EntityKind.User => new WorldScope(world, route, child, OwnerId(EntityKind.User), ""),
            EntityKind.Op => new WorldScope(world, route, child, OwnerId(EntityKind.Op), ""),
            EntityKind.Message => OfMessage(world, route, child, world.MessagesOf(Chat)[^1]),
            _ => OfChat(world, route, child, Plan.Kind == EntityKind.User ? world.ChatOf(Id) : world.ChatById(OwnerId(EntityKind.Chat))),
        };
    }

    /// <summary>The scope of item <paramref name="item"/> of a list that is no entity list: a part of this entity.</summary>
    public WorldScope? Item(int index, int item) => Plan.Fields[index] is { EntityList: false, Child: { } child }
        ? new WorldScope(world, route, child, Id, seedPath + Plan.Fields[index].Path[Plan.Prefix.Length..] + "." + item + ".", chat, op) { Parent = this }
        : null;

    /// <summary>
    /// The items of field <paramref name="index"/> when the world lists them (an OP's chats, newest first, a chat's
    /// messages), or a generated list with a session's items; null when the list is generated.
    /// </summary>
    public IReadOnlyList<WorldScope>? Items(int index, ValueGenerator? generator = null)
    {
        var field = Plan.Fields[index];
        if (field.Child is not { } child)
        {
            return null;
        }

        if (!field.EntityList)
        {
            // A generated list a session created, changed or deleted items of; else the list is generated, not the world's.
            return !world.Overlay.IsEmpty && world.Overlay.HasCollections && ItemsChanged(index) is { } changed && generator is not null
                ? Collected(index, changed, generator)
                : null;
        }

        if (world.Kinds.Row(child.Kind) is { IsBuiltIn: false } row)
        {
            // A described kind's entities related to this entity (an OP's tickets), in the order the list's doc words name.
            var related = row.Owner is { } by ? world.ThingsOf(row, by.Target == Plan.Kind ? Id : OwnerId(by.Target)) : [];
            var scopes = related.Select(t => OfThing(world, route, child, t));
            return [.. OldestFirst(index) ? scopes.Reverse() : scopes];
        }

        return (Plan.Kind, child.Kind) switch
        {
            (EntityKind.Op, EntityKind.Chat) => [.. world.ChatsOf(Op).Select(c => OfChat(world, route, child, c))],
            (EntityKind.User, EntityKind.Chat) => [OfChat(world, route, child, world.ChatOf(Id))],
            (_, EntityKind.Message) => Ordered(index, world.MessagesOf(Chat)).Select(m => OfMessage(world, route, child, m)).ToList(),
            (_, EntityKind.Chat) => [OfChat(world, route, child, Chat)],
            (_, EntityKind.User) => [new WorldScope(world, route, child, OwnerId(EntityKind.User), "")],
            _ => [new WorldScope(world, route, child, OwnerId(EntityKind.Op), "")],
        };
    }

    /// <summary>
    /// What examples say about the list in field <paramref name="index"/> of this entity: its items (for a generated
    /// list; an entity list's come from the world), the example page's total, the filter the example's sample set
    /// (the rest of the list matches it), and how many of an OP's chats an example lists before made-up ones.
    /// </summary>
    public Lists.ExampleList ExampleList(int index)
    {
        if (Plan.Kind == EntityKind.None || FactsOf(Plan.Kind, Id) is not { } facts)
        {
            return Lists.ExampleList.None;
        }

        var path = Plan.Fields[index].Path;
        var items = facts.TryGetValue(Facts.Key(path), out var list) && list is JsonArray array ? array : null;
        // A described kind's example items are entities of this owner (World/Kinds/Things lists them first): the made-up rest follow.
        var described = world.Kinds.IsDiscovered(Plan.Fields[index].Child?.Kind ?? EntityKind.None);
        return new Lists.ExampleList(
            items is not null && !described && !world.Overlay.IsEmpty && world.Overlay.HasCollections ? Collected(index, items) : items,
            facts.TryGetValue(Facts.TotalKey(path), out var count) && count is JsonValue value && value.TryGetValue<int>(out var n) ? n : null,
            facts.TryGetValue(Facts.FilterKey(path), out var filter) ? filter as JsonObject : null,
            Plan.Kind == EntityKind.Op && !described ? world.Facts.Op(Id)?.Shown ?? 0 : described ? items?.Count ?? 0 : 0);
    }

    /// <summary>
    /// How many items a generated list of this entity has: as many as the entity counts when it has a count named for
    /// the list (a user's <c>orders</c>: its <c>orderCount</c>), so the count and the list agree in every doc; else drawn.
    /// </summary>
    public int PartCount(int index, ValueGenerator generator, int max)
    {
        if (Plan.Rules.CountedBy(index) is { } counted && AttributeValue(counted) is JsonValue value && value.TryGetValue<long>(out var count))
        {
            return (int)Math.Clamp(count, 0, Lists.ListAssembly.ExampleMax);
        }

        return max == 0 ? generator.ListLength() : generator.ListLength(max);
    }

    /// <summary>Records the answered list's total (after filters) and, when they were all shaped, its items.</summary>
    public void Listed(int total, IReadOnlyList<JsonObject>? items, IReadOnlyList<JsonObject>? everything = null)
    {
        Total = total;
        whole = items;
        this.everything = everything ?? items;
    }

    /// <summary>The whole (filtered) list of field <paramref name="index"/> when it was shaped in full, for a total over it.</summary>
    public IReadOnlyList<JsonObject>? Whole(int index) => List?.Field == index ? whole : null;

    /// <summary>The whole list of field <paramref name="index"/> before the request's filters, when it was shaped in full (a ledger's balances run over all of it).</summary>
    public IReadOnlyList<JsonObject>? Everything(int index) => List?.Field == index ? everything : null;

    /// <summary>How many items the answered list of field <paramref name="index"/> has in all; null for any other list.</summary>
    public int? ListTotal(int index) => List?.Field == index ? Total : null;

    /// <summary>Whether field <paramref name="index"/>'s value is one a session wrote (a created or changed item, a write's own answer).</summary>
    public bool Recorded(int index) => record?.ContainsKey(Facts.Key(Plan.DocFields[index].Name)) == true
        // A field its session wrote on the entity (an update's updateTime): what the write set, not the rules' to redraw.
        || (!world.Overlay.IsEmpty && Plan.Kind != EntityKind.None && Plan.Prefix.Length == 0 && world.Changed(Plan.Kind, Id)?.ContainsKey(Facts.Key(Plan.Fields[index].Path)) == true);

    /// <summary>Whether field <paramref name="index"/>'s value is what a doc's example shows for this entity (rules leave such values alone).</summary>
    public bool ShowsExample(int index)
    {
        var field = Plan.Fields[index];
        var facts = field.Attribute is { } attribute ? attribute.Attr == Attr.Id ? null : FactsOf(attribute.Owner, OwnerId(attribute))
            : Plan.Kind == EntityKind.None ? null : FactsOf(Plan.Kind, Id);
        var key = field.Attribute is { } shown ? Facts.Key(shown.Attr) : Facts.Key(field.Path);
        return facts is not null && facts.TryGetValue(key, out var value) && !ReferenceEquals(value, Facts.Absent);
    }

    /// <summary>The world's options: the seed and the anchor ("now") rules work from.</summary>
    public WorldOptions Options => world.Options;

    /// <summary>Where this object sits in its entity ("orders.3." for an order of a user): the seed of what rules draw for it.</summary>
    public string SeedPath => seedPath;

    /// <summary>What the examples say about this entity, keyed as <see cref="Facts"/> keys them; null when nothing.</summary>
    public FrozenDictionary<string, JsonNode?>? OwnFacts => Plan.Kind == EntityKind.None ? null : FactsOf(Plan.Kind, Id);

    /// <summary>The name of the user this object is about, as every route shows it (an example's first); null for an object about no user.</summary>
    public string? UserName() =>
        Plan.Kind == EntityKind.User && AttributeValue(new AttrRef(EntityKind.User, Attr.UserName)) is JsonValue name && name.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// The addresses of the user this object is about or belongs to (a user's order, a chat's), as every route shows
    /// them (an example's first) — with none saved, the address of the user's chat; empty for an object about no user.
    /// </summary>
    public IReadOnlyList<string> UserAddresses()
    {
        if (Plan.Kind is EntityKind.Op or EntityKind.None || (world.Kinds.IsDiscovered(Plan.Kind) && world.Kinds.Row(Plan.Kind) is { } row
            && row.Relations.All(r => r.Target != EntityKind.User) && row.Owner?.Target != EntityKind.User))
        {
            return [];
        }

        List<string> own = AttributeValue(new AttrRef(EntityKind.User, Attr.Addresses)) is JsonArray addresses
            ? [.. addresses.OfType<JsonObject>().Select(a => a["address"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null).OfType<string>()]
            : [];

        // A user who saved no address is where their chat is.
        return own.Count > 0 || AttributeValue(new AttrRef(EntityKind.Chat, Attr.Address)) is not JsonValue at || !at.TryGetValue<string>(out var where) ? own : [where];
    }

    /// <summary>The chat this object is about or belongs to (a user's: its current chat).</summary>
    public Chat CurrentChat => Chat;

    /// <summary>How many chats the OP this object is about is serving: the length of its list, read as the list is.</summary>
    public int ServedChats() => world.ChatsOf(Op).Length;

    /// <summary>How many chats the session's writes added to (+) or took from (−) that OP's list: 0 in the seeded world.</summary>
    public int ServedChange() => world.Overlay.IsEmpty ? 0 : ServedChats() - world.In(State.Overlay.Empty).Op(Op.Id).Users.Length;

    /// <summary>A generator for a field no attribute gives, seeded by the entity and the field's path.</summary>
    public ValueGenerator Generator(int index) =>
        new(new Randomizer(StableHash.Seed(world.Options.Seed, Plan.Kind, Id, seedPath + Plan.Fields[index].Path[Plan.Prefix.Length..])), world.Options);

    // Most fields are the scope's own entity's: its facts are looked up once, not per field.
    private FrozenDictionary<string, JsonNode?>? FactsOf(EntityKind kind, string id)
    {
        if (kind != Plan.Kind)
        {
            return world.Facts.Of(kind, id, route);
        }

        if (!ownFactsRead)
        {
            ownFacts = world.Facts.Of(kind, id, route);
            ownFactsRead = true;
        }

        return ownFacts;
    }

    private Chat Chat => chat ??= Plan.Kind switch
    {
        EntityKind.User => world.ChatOf(Id),
        EntityKind.Message => world.ChatById(Message.ChatId),
        _ => world.ChatById(Id),
    };

    private Message Message => message ??= world.MessageById(Id);

    private Thing Thing => thing ??= world.Thing(world.Kinds.Row(Plan.Kind)!, Id);

    private User User => user ??= world.User(OwnerId(EntityKind.User));

    private Op Op => op ??= world.Op(OwnerId(EntityKind.Op));

    /// <summary>The id of the entity an attribute is of: through its relation (handlerId) for a described kind's field.</summary>
    private string OwnerId(AttrRef attribute)
    {
        if (attribute.Via is { } via && world.Kinds.Row(Plan.Kind) is { IsBuiltIn: false } row && row.RelationOf(via) is { } relation)
        {
            return world.Related(Thing, relation);
        }

        return OwnerId(attribute.Owner);
    }

    private string OwnerId(EntityKind kind)
    {
        if (kind != Plan.Kind && world.Kinds.Row(Plan.Kind) is { IsBuiltIn: false } row)
        {
            // A described kind's related entity of that kind (a ticket's user); its owner when no relation shows one.
            return row.Relations.FirstOrDefault(r => r.Target == kind) is { } relation ? world.Related(Thing, relation)
                : row.Owner is { } owner && owner.Target == kind ? Thing.OwnerId
                : BuiltInOwnerId(kind);
        }

        return BuiltInOwnerId(kind);
    }

    private string BuiltInOwnerId(EntityKind kind) => kind == Plan.Kind ? Id : kind switch
    {
        EntityKind.User => Plan.Kind is EntityKind.Chat or EntityKind.Message ? Chat.UserId : world.MadeUpUser("related-user", Id),
        EntityKind.Op => Plan.Kind is EntityKind.Chat or EntityKind.User or EntityKind.Message ? Chat.OperatorId : world.OpId(0),
        EntityKind.Chat => Plan.Kind is EntityKind.User or EntityKind.Message ? Chat.ChatId : world.ChatOf(world.MadeUpUser("related-chat", Id)).ChatId,
        _ => Id,
    };

    /// <summary>An attribute's value as every route shows it: an example's first, else the world's.</summary>
    private JsonNode? AttributeValue(AttrRef attribute) =>
        FactsOf(attribute.Owner, OwnerId(attribute))?.TryGetValue(Facts.Key(attribute.Attr), out var shown) == true ? shown : Value(attribute, OwnerId(attribute));

    /// <param name="owner">The id of the entity the attribute is of; a related entity (handlerId's OP) is read from the world by it.</param>
    private JsonNode? Value(AttrRef attribute, string owner) => attribute.Owner switch
    {
        EntityKind.User => UserValue(attribute.Via is null ? User : world.User(owner), attribute.Attr),
        EntityKind.Chat => ChatValue(attribute.Via is null ? Chat : world.ChatById(owner), attribute.Attr),
        EntityKind.Op => OpValue(attribute.Via is null ? Op : world.Op(owner), attribute.Attr),
        EntityKind.Message => MessageValue(attribute.Via is null ? Message : world.MessageById(owner), attribute.Attr),
        _ when world.Kinds.IsDiscovered(attribute.Owner) && attribute.Owner == Plan.Kind => ThingValue(Thing, attribute.Attr),
        _ => null,
    };

    // Times are epoch millis, as the other kinds' are.
    private static JsonNode? ThingValue(Thing thing, Attr attr) => attr switch
    {
        Attr.Id => thing.Id,
        Attr.CreateTime => thing.Start.ToUnixTimeMilliseconds(),
        _ => null,
    };

    /// <summary>Whether a list's doc words order it oldest first (按时间正序, 升序); lists are newest first otherwise.</summary>
    private bool OldestFirst(int index)
    {
        var words = Plan.DocFields[index].Description + Plan.DocFields[index].Remark;
        return (words.Contains("正序", StringComparison.Ordinal) || words.Contains("升序", StringComparison.Ordinal)) && !words.Contains("倒序", StringComparison.Ordinal);
    }

    // Whole numbers as long: DataShaper reads integers as long, and a JsonValue made from an int does not convert.
    private static JsonNode? UserValue(User user, Attr attr) => attr switch
    {
        Attr.Id => user.Id,
        Attr.UserName => user.UserName,
        Attr.NickName => user.NickName,
        Attr.Phone => user.Phone,
        Attr.DisplayPhone => ChineseMobile.Masked(user.Phone),
        Attr.Icon => user.Icon,
        Attr.Addresses => new JsonArray([.. user.Addresses.Select(a => (JsonNode)new JsonObject
        {
            ["userAddressId"] = a.UserAddressId, ["address"] = a.Address, ["remark"] = a.Remark,
        })]),
        Attr.Tags => new JsonArray([.. user.Tags.Select(t => (JsonNode)t)]),
        Attr.Contacts => new JsonArray([.. user.Contacts.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name, ["phone"] = c.Phone, ["userContactId"] = c.UserContactId,
        })]),
        Attr.ServiceCount => (long)user.ServiceCount,
        Attr.ChatCount => (long)user.ChatCount,
        Attr.OrderCount => (long)user.OrderCount,
        _ => null,
    };

    // Times are epoch millis here; the shaper writes each field's documented format, so every doc shows one instant.
    private JsonNode? ChatValue(Chat chat, Attr attr) => attr switch
    {
        Attr.Id => chat.ChatId,
        Attr.GroupId => chat.GroupId,
        Attr.Title => chat.Title,
        Attr.Address => chat.Location.Address,
        Attr.Lat => chat.Location.Lat,
        Attr.Lng => chat.Location.Lng,
        Attr.CreateTime => chat.CreateTime.ToUnixTimeMilliseconds(),
        Attr.Status => chat.Status,
        Attr.Message => world.LatestMessage(chat),
        Attr.ClientId => (long)chat.Client.ClientId,
        Attr.ClientType => (long)chat.Client.ClientType,
        Attr.ClientName => chat.Client.Name,
        Attr.ClientLogo => Avatars.Logo(chat.Client),
        Attr.ChannelId => chat.Channel.ChannelId,
        Attr.ChannelName => chat.Channel.Name,
        Attr.IsInGroup => chat.IsInGroup,
        Attr.VersionCode => chat.VersionCode,
        Attr.RefChatId => chat.RefChatId,
        Attr.Closed => !Catalog.ChatStatuses.IsOpen(chat.Status),
        Attr.CloseTime => Catalog.ChatStatuses.IsOpen(chat.Status) ? null : chat.CreateTime.ToUnixTimeMilliseconds() + Served(chat),
        Attr.Duration => Catalog.ChatStatuses.IsOpen(chat.Status) ? null : Served(chat),
        _ => null,
    };

    /// <summary>How long a finished chat of the seeded world lasted, in milliseconds: 2 to 90 minutes.</summary>
    /// <remarks>Never past now: a chat that started minutes before the anchor closed by it.</remarks>
    private long Served(Chat chat) => Math.Clamp(
        (2 + (long)(StableHash.Of(world.Options.Seed, "served-for", chat.ChatId) % 89)) * 60_000,
        0,
        Math.Max(0, (long)(world.Options.Anchor - chat.CreateTime).TotalMilliseconds / 1000 * 1000));

    private static JsonNode? MessageValue(Message message, Attr attr) => attr switch
    {
        Attr.Id => message.Id,
        Attr.Content => message.Content,
        Attr.FromType => (long)message.FromType,
        Attr.FromId => message.FromId,
        Attr.SendTime => message.SendTime.ToUnixTimeMilliseconds(),
        Attr.MsgType => message.MsgType,
        _ => null,
    };

    /// <summary>
    /// A world value written the doc's way: a chat state as a name where the doc's example writes names (2.19's
    /// "Service"), or as the doc's own code for the label that names it (`3`:已结束 for a closed chat); a duration
    /// (kept in milliseconds) in the unit the doc's words name (秒, 分钟, 毫秒; seconds when they name none).
    /// </summary>
    private JsonNode? Written(int index, Attr attr, JsonNode? value)
    {
        var doc = Plan.DocFields[index];
        if (attr == Attr.Status && value is JsonValue code && code.TryGetValue<string>(out var text) && Catalog.ChatStatuses.Find(text) is { } status)
        {
            return Plan.Fields[index].StatusByName ? status.Name
                : doc.Hints.HasOptions && Catalog.ChatStatuses.Option(doc.Hints.Options, status) is { } option ? Docs.FieldHints.ToJson(option.Value)
                : status.Code;
        }

        if (attr == Attr.Duration && value is JsonValue span && span.TryGetValue<long>(out var millis))
        {
            return Catalog.ChatStatuses.InUnit(millis, doc.Description + doc.Remark);
        }

        return value;
    }

    /// <summary>A list's items in the order its doc names: oldest first unless it says newest first (倒序).</summary>
    private IEnumerable<Message> Ordered(int index, IEnumerable<Message> messages) =>
        ChatMessages.NewestFirst(Plan.DocFields[index]) ? messages.Reverse() : messages;

    /// <summary>The session's changes to the list of field <paramref name="index"/>: by its owner and its items' id field.</summary>
    private (ItemCollection Items, string IdField)? ItemsChanged(int index)
    {
        if (Plan.Fields[index].Child is not { } child)
        {
            return null;
        }

        var (ownerKind, ownerId) = Plan.Kind == EntityKind.None ? (EntityKind.None, "") : (Plan.Kind, Id);
        foreach (var name in child.DocFields.Select(f => f.Name).Where(ItemIds.IsItemId))
        {
            if (world.Overlay.Items(ownerKind, ownerId, name) is { } items)
            {
                return (items, name);
            }
        }

        return null;
    }

    /// <summary>A list the world gives whole (a user's addresses) with the session's created, changed and deleted items.</summary>
    private JsonArray Collected(int index, JsonArray listed)
    {
        if (ItemsChanged(index) is not var (items, idField))
        {
            return listed;
        }

        var result = new JsonArray();
        foreach (var item in listed)
        {
            if (item is JsonObject json && ItemIds.Of(json, idField) is { } id)
            {
                if (items.Deleted.Contains(id))
                {
                    continue;
                }

                if (items.Changed.TryGetValue(id, out var changed))
                {
                    json = Patched(json, ItemCollection.Json(idField, id, changed));
                }

                result.Add(json.DeepClone());
            }
            else
            {
                result.Add(item?.DeepClone());
            }
        }

        foreach (var (id, fields) in items.Created.Where(c => !items.Deleted.Contains(c.Id)))
        {
            result.Add(ItemCollection.Json(idField, id, fields));
        }

        return result;
    }

    /// <summary>An item with the fields a session set: each under the item's own spelling of its name.</summary>
    private static JsonObject Patched(JsonObject item, JsonObject set)
    {
        var result = (JsonObject)item.DeepClone();
        foreach (var (name, value) in set)
        {
            result[result.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name] = value?.DeepClone();
        }

        return result;
    }

    /// <summary>
    /// A generated list with the session's items: the generated ones (those it deleted left out, those it changed
    /// with its values), then the ones it created; one page of them when the response pages.
    /// </summary>
    private List<WorldScope> Collected(int index, (ItemCollection Items, string IdField) changed, ValueGenerator generator)
    {
        var (items, idField) = changed;
        var length = PartCount(index, generator, List?.Field == index ? Lists.ListAssembly.GeneratedMax : 0);
        var child = Plan.Fields[index].Child!;
        var idIndex = child.DocFields.IndexOf(child.DocFields.First(f => string.Equals(f.Name, idField, StringComparison.OrdinalIgnoreCase)));
        var all = new List<WorldScope>();
        for (var k = 0; k < length; k++)
        {
            var item = Item(index, k)!;
            var id = item.Generator(idIndex).Scalar(child.DocFields[idIndex])?.ToString() ?? "";
            if (!items.Deleted.Contains(id))
            {
                all.Add(items.Changed.TryGetValue(id, out var fields) ? item.With(fields) : item);
            }
        }

        foreach (var (id, fields) in items.Created.Where(c => !items.Deleted.Contains(c.Id)))
        {
            all.Add(new WorldScope(world, route, child, Id, seedPath + Plan.Fields[index].Path[Plan.Prefix.Length..] + "." + id + ".", chat, op)
                .With(new Dictionary<string, JsonNode?>(fields) { [Facts.Key(idField)] = id }));
        }

        return all;
    }

    private static JsonNode? OpValue(Op op, Attr attr) => attr switch
    {
        Attr.Id => op.Id,
        Attr.Name => op.Name,
        Attr.IsOnline => op.IsOnline,
        Attr.Icon => Avatars.Path(op.Id),
        _ => null,
    };
}

/// <summary>The page a request asks for (pageNo from 1) of the list in the response's field <paramref name="Field"/>.</summary>
internal sealed record PageRequest(long PageNo, int PageSize, int Field)
{
    /// <summary>The indexes of this page's items in a list of <paramref name="total"/>: empty past the end.</summary>
    public IEnumerable<int> Slice(int total)
    {
        // In decimal: pageNo may be as large as a Long doc allows, and (pageNo − 1) · pageSize would overflow.
        var start = (decimal)(PageNo - 1) * PageSize;
        return start >= total ? [] : Enumerable.Range((int)start, (int)Math.Min(PageSize, total - start));
    }
}
