using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Bogus;

namespace OpMock.Core.World;

/// <summary>
/// The entity an object being shaped is about, with its plan: what <see cref="DataShaper"/> asks for each field.
/// A mapped field shows the entity's attribute (an example's value first); any other field is generated from
/// (seed, entity kind, entity id, field path), so it is the same wherever the entity is shown, in any doc.
/// </summary>
internal sealed class WorldScope
{
    private readonly OpWorld world;
    private readonly string route;
    private readonly string seedPath;
    private Chat? chat;
    private User? user;
    private Op? op;
    private FrozenDictionary<string, JsonNode?>? ownFacts;
    private bool ownFactsRead;

    private WorldScope(OpWorld world, string route, ObjectPlan plan, string id, string seedPath, Chat? chat = null, Op? op = null)
    {
        this.world = world;
        this.route = route;
        this.seedPath = seedPath;
        this.chat = chat;
        this.op = op;
        Plan = plan;
        Id = id;
    }

    public ObjectPlan Plan { get; }

    /// <summary>The entity's id; for an object about nothing, a key of the request.</summary>
    public string Id { get; }

    /// <summary>Set on the response's scope when its doc pages: the page asked for. Filled with the total once the list is known.</summary>
    public PageRequest? Paging { get; set; }

    public int? Total { get; private set; }

    /// <summary>How long a generated list that pages is at most.</summary>
    private const int PagedMax = 60;

    public static WorldScope For(OpWorld world, string route, ObjectPlan plan, string id) => plan.Kind switch
    {
        EntityKind.Chat => OfChat(world, route, plan, world.ChatById(id)),
        _ => new WorldScope(world, route, plan, id, ""),
    };

    public static WorldScope OfChat(OpWorld world, string route, ObjectPlan plan, Chat chat) =>
        new(world, route, plan, chat.ChatId, "", chat);

    /// <summary>A fixture's view of this chat for this route: exact data that wins over the world's.</summary>
    public JsonObject? View() =>
        Plan is { Kind: EntityKind.Chat, Prefix: "" } && world.Pinned(Chat.UserId) is { } pinned ? pinned.Views.GetValueOrDefault(route) : null;

    /// <summary>The value the world gives field <paramref name="index"/>: false when none (generate it); <see cref="Facts.Absent"/> when an example leaves it out.</summary>
    public bool TryValue(int index, out JsonNode? value)
    {
        var field = Plan.Fields[index];
        if (field.Attribute is { } attribute)
        {
            var owner = OwnerId(attribute.Owner);
            if (attribute.Attr == Attr.Id)
            {
                // The id a request names comes back as asked: no record is generated for it.
                value = owner;
                return true;
            }

            if (attribute is { Owner: EntityKind.User, Attr: Attr.NickName } && world.Pinned(owner)?.NickName is { IsSet: true } pinned)
            {
                // A fixture's pin wins over a doc's example: the nickName its views agree on is the user's.
                value = pinned.Value;
                return true;
            }

            if (FactsOf(attribute.Owner, owner)?.TryGetValue(Facts.Key(attribute.Attr), out value) == true)
            {
                return true;
            }

            value = Value(attribute);
            if (field.StatusByName && value is JsonValue code && Catalog.ChatStatuses.Find(code.GetValue<string>()) is { } status)
            {
                value = status.Name;
            }

            return true;
        }

        if (Plan.Kind != EntityKind.None && FactsOf(Plan.Kind, Id)?.TryGetValue(Facts.Key(field.Path), out value) == true)
        {
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
            return new WorldScope(world, route, child, Id, seedPath + field.Path[Plan.Prefix.Length..] + ".", chat, op);
        }

        return child.Kind switch
        {
            EntityKind.User => new WorldScope(world, route, child, OwnerId(EntityKind.User), ""),
            EntityKind.Op => new WorldScope(world, route, child, OwnerId(EntityKind.Op), ""),
            _ => OfChat(world, route, child, Plan.Kind == EntityKind.User ? world.ChatOf(Id) : world.ChatById(OwnerId(EntityKind.Chat))),
        };
    }

    /// <summary>The scope of item <paramref name="item"/> of a list that is no entity list: a part of this entity.</summary>
    public WorldScope? Item(int index, int item) => Plan.Fields[index] is { EntityList: false, Child: { } child }
        ? new WorldScope(world, route, child, Id, seedPath + Plan.Fields[index].Path[Plan.Prefix.Length..] + "." + item + ".", chat, op)
        : null;

    /// <summary>
    /// The items of field <paramref name="index"/> when the world lists them (an OP's chats, newest first), one page of
    /// them when the response pages; null when the list is generated.
    /// </summary>
    public IReadOnlyList<WorldScope>? Items(int index, ValueGenerator generator)
    {
        var field = Plan.Fields[index];
        if (field.Child is not { } child)
        {
            return null;
        }

        if (!field.EntityList)
        {
            if (Paging is not { } generated || generated.Field != index)
            {
                return null;
            }

            // A generated list that pages: its length is fixed by the entity, each item by its place in the whole list.
            Total = generator.ListLength(PagedMax);
            return [.. generated.Slice(Total.Value).Select(k => Item(index, k)!)];
        }

        IReadOnlyList<WorldScope> all = (Plan.Kind, child.Kind) switch
        {
            (EntityKind.Op, EntityKind.Chat) => [.. world.ChatsOf(Op).Select(c => OfChat(world, route, child, c))],
            (EntityKind.User, EntityKind.Chat) => [OfChat(world, route, child, world.ChatOf(Id))],
            (_, EntityKind.Chat) => [OfChat(world, route, child, Chat)],
            (_, EntityKind.User) => [new WorldScope(world, route, child, OwnerId(EntityKind.User), "")],
            _ => [new WorldScope(world, route, child, OwnerId(EntityKind.Op), "")],
        };
        if (Paging is not { } page || page.Field != index)
        {
            return all;
        }

        Total = all.Count;
        return [.. page.Slice(all.Count).Select(k => all[k])];
    }

    /// <summary>A generator for a field no attribute gives, seeded by the entity and the field's path.</summary>
    public ValueGenerator Generator(int index) =>
        new(new Randomizer(StableHash.Seed(world.Options.Seed, Plan.Kind, Id, seedPath + Plan.Fields[index].Path[Plan.Prefix.Length..])), world.Options);

    // Most fields are the scope's own entity's: its facts are looked up once, not per field.
    private FrozenDictionary<string, JsonNode?>? FactsOf(EntityKind kind, string id)
    {
        if (kind != Plan.Kind)
        {
            return world.Facts.Of(kind, id);
        }

        if (!ownFactsRead)
        {
            ownFacts = world.Facts.Of(kind, id);
            ownFactsRead = true;
        }

        return ownFacts;
    }

    private Chat Chat => chat ??= Plan.Kind == EntityKind.User ? world.ChatOf(Id) : world.ChatById(Id);

    private User User => user ??= world.User(OwnerId(EntityKind.User));

    private Op Op => op ??= world.Op(OwnerId(EntityKind.Op));

    private string OwnerId(EntityKind kind) => kind == Plan.Kind ? Id : kind switch
    {
        EntityKind.User => Plan.Kind == EntityKind.Chat ? Chat.UserId : world.MadeUpUser("related-user", Id),
        EntityKind.Op => Plan.Kind is EntityKind.Chat or EntityKind.User ? Chat.OperatorId : world.OpId(0),
        EntityKind.Chat => Plan.Kind == EntityKind.User ? Chat.ChatId : world.ChatOf(world.MadeUpUser("related-chat", Id)).ChatId,
        _ => Id,
    };

    private JsonNode? Value(AttrRef attribute) => attribute.Owner switch
    {
        EntityKind.User => UserValue(User, attribute.Attr),
        EntityKind.Chat => ChatValue(Chat, attribute.Attr),
        EntityKind.Op => OpValue(Op, attribute.Attr),
        _ => null,
    };

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
    private static JsonNode? ChatValue(Chat chat, Attr attr) => attr switch
    {
        Attr.Id => chat.ChatId,
        Attr.GroupId => chat.GroupId,
        Attr.Title => chat.Title,
        Attr.Address => chat.Location.Address,
        Attr.Lat => chat.Location.Lat,
        Attr.Lng => chat.Location.Lng,
        Attr.CreateTime => chat.CreateTime.ToUnixTimeMilliseconds(),
        Attr.Status => chat.Status,
        Attr.Message => chat.Message,
        Attr.ClientId => (long)chat.Client.ClientId,
        Attr.ClientType => (long)chat.Client.ClientType,
        Attr.ClientName => chat.Client.Name,
        Attr.ClientLogo => chat.Client.Logo,
        Attr.ChannelId => chat.Channel.ChannelId,
        Attr.ChannelName => chat.Channel.Name,
        Attr.IsInGroup => chat.IsInGroup,
        Attr.VersionCode => chat.VersionCode,
        Attr.RefChatId => chat.RefChatId,
        _ => null,
    };

    private static JsonNode? OpValue(Op op, Attr attr) => attr switch
    {
        Attr.Id => op.Id,
        Attr.Name => op.Name,
        Attr.IsOnline => op.IsOnline,
        _ => null,
    };
}

/// <summary>The page a request asks for (pageNo from 1) of the list in the response's field <paramref name="Field"/>.</summary>
internal sealed record PageRequest(int PageNo, int PageSize, int Field)
{
    /// <summary>The indexes of this page's items in a list of <paramref name="total"/>: empty past the end.</summary>
    public IEnumerable<int> Slice(int total)
    {
        var start = (long)(PageNo - 1) * PageSize;
        return start >= total ? [] : Enumerable.Range((int)start, (int)Math.Min(PageSize, total - start));
    }
}
