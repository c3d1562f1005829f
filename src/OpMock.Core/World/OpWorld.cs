using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;
using OpMock.Core.World.Catalog;
using OpMock.Core.World.Kinds;
using OpMock.Core.World.State;

namespace OpMock.Core.World;

/// <summary>
/// The seeded world. Nothing is stored: an entity is generated from (seed, id) whenever it is asked
/// for, so a million users cost no memory and two instances with one seed agree byte for byte.
/// Pinned entities from fixtures take precedence over generated ones. <see cref="In"/> gives the world as one
/// session changed it: the same world read through the session's <see cref="Overlay"/>.
/// </summary>
internal sealed class OpWorld
{
    /// <summary>The most chats one OP serves at once.</summary>
    private const int MaxServed = 12;

    private readonly WorldOptions options;
    private readonly WorldIds ids;
    private readonly ImmutableDictionary<string, PinnedChat> pinnedChats;
    private readonly ImmutableDictionary<string, PinnedOp> pinnedOps;
    private readonly ImmutableDictionary<string, string> pinnedChatIds;
    private readonly ChatIds chatIds;
    private readonly Things things;

    // Worked out once per seeded world, shared by the worlds its sessions read.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<EntityKind, ImmutableArray<string>> shownOwners;
    private readonly Overlay overlay = Overlay.Empty;

    /// <param name="facts">What the docs' examples say about entities; fixture pins win over them.</param>
    /// <param name="kinds">The kinds the world holds: the built-in ones and those the docs describe.</param>
    public OpWorld(WorldOptions options, Pins pins, Facts? facts = null, KindTable? kinds = null)
    {
        Kinds = kinds ?? KindTable.BuiltIn;
        this.options = options with { Ops = Math.Max(1, options.Ops), Users = Math.Max(1, options.Users) };
        ids = new WorldIds(options.Seed);
        chatIds = new ChatIds(options.Seed);
        things = new Things(this.options, Kinds);
        shownOwners = new();
        // Examples are facts about the kinds this world holds: a described kind's example items are its entities.
        Facts = (facts ?? Facts.None).For(Kinds);
        pinnedChats = pins.Chats.GroupBy(c => c.UserId).ToImmutableDictionary(g => g.Key, g => g.Last());
        var opIds = pins.Ops.Select(o => o.Id).Concat(pins.Chats.Select(c => c.OperatorId)).Distinct();
        pinnedChatIds = pins.Chats.Where(c => c.ChatId is not null).GroupBy(c => c.ChatId!).ToImmutableDictionary(g => g.Key, g => g.Last().UserId);
        pinnedOps = opIds.ToImmutableDictionary(id => id, id => pins.Ops.LastOrDefault(o => o.Id == id) ?? new PinnedOp(id, null));
        Pins = pins;
    }

    private OpWorld(OpWorld seeded, Overlay overlay)
    {
        options = seeded.options;
        ids = seeded.ids;
        chatIds = seeded.chatIds;
        things = seeded.things;
        shownOwners = seeded.shownOwners;
        Kinds = seeded.Kinds;
        pinnedChats = seeded.pinnedChats;
        pinnedOps = seeded.pinnedOps;
        pinnedChatIds = seeded.pinnedChatIds;
        Facts = seeded.Facts;
        Pins = seeded.Pins;
        this.overlay = overlay;
    }

    public WorldOptions Options => options;

    /// <summary>What the session this world is read for changed; empty for the seeded world.</summary>
    public Overlay Overlay => overlay;

    /// <summary>This world as a session changed it (itself when the session changed nothing).</summary>
    public OpWorld In(Overlay changes) => ReferenceEquals(changes, overlay) || (changes.IsEmpty && overlay.IsEmpty) ? this : new OpWorld(this, changes);

    public Pins Pins { get; }

    /// <summary>The kinds table: the built-in kinds, then those the docs describe.</summary>
    public KindTable Kinds { get; }

    /// <summary>The entity of a discovered kind an id names (see <see cref="Things"/>).</summary>
    public Thing Thing(KindRow row, string id) => things.Of(this, row, id);

    /// <summary>The entities of a discovered kind related to <paramref name="ownerId"/> by the kind's owner relation, newest first.</summary>
    public IReadOnlyList<Thing> ThingsOf(KindRow row, string ownerId) => things.OfOwner(this, row, ownerId);

    /// <summary>The id a relation of an entity of a discovered kind names.</summary>
    public string Related(Thing thing, Relation relation) => things.Related(this, thing, relation);

    /// <summary>A number no generated entity of the kind has, for an entity a session creates.</summary>
    public long FreshThing(KindRow row, long seq) => things.Fresh(this, row, seq);

    /// <summary>The OPs or users the docs' examples show that this world did not generate, in order: owners of described kinds' entities too.</summary>
    public ImmutableArray<string> ShownOwners(EntityKind kind) => shownOwners.GetOrAdd(kind, k => Kinds.Row(k)?.Population is { ExamplesShowOthers: true } population
        ? [.. Facts.Ids(k).Where(id => population.IndexOf(this, id) is not { } i || i >= population.Count(options))]
        : []);

    /// <summary>What the session changed of an entity of any kind, keyed as <see cref="Facts"/> keys them; null when nothing.</summary>
    public System.Collections.Frozen.FrozenDictionary<string, JsonNode?>? Changed(EntityKind kind, string id) =>
        overlay.IsEmpty ? null : Kinds.Row(kind) is { IsBuiltIn: false } row ? overlay.Thing(row.Name, id) : overlay.Of(kind, id);

    public Facts Facts { get; }

    public string UserId(int index) => ids.User(index);

    /// <summary>The number of a user this world generated (its index), or null for any other id.</summary>
    public int? UserIndex(string id) => ids.UserIndex(id);

    /// <summary>The number of an OP this world generated, or null for any other id.</summary>
    public int? OpIndex(string id) => ids.OpIndex(id);

    public string OpId(int index) => ids.Op(index);

    public PinnedChat? Pinned(string userId) => pinnedChats.GetValueOrDefault(userId);

    public Op Op(string id) => overlay.IsEmpty ? SeededOp(id) : Changed(SeededOp(id));

    private Op SeededOp(string id)
    {
        var random = new Randomizer(StableHash.Seed(options.Seed, "op", id));
        var name = ChineseNames.FullName(random);
        var online = random.Bool(0.7f);
        if (pinnedOps.TryGetValue(id, out var pinned))
        {
            // A pinned OP serves exactly its pinned chats, in the fixture's order.
            return new Op(id, name, pinned.IsOnline ?? online, [.. Pins.Chats.Where(c => c.OperatorId == id).Select(c => c.UserId).Distinct()]);
        }

        if (Facts.Op(id) is { } shown)
        {
            // An OP an example shows serves the example's chats, then generated ones up to the example's total.
            return new Op(id, name, online, [.. shown.Users]);
        }

        // An OP of this world serves users j, j + ops, j + 2·ops, …; an unknown OP serves nobody,
        // because no user's chat could name it as its operator.
        var users = ids.OpIndex(id) is { } j && j < options.Ops
            ? Enumerable.Range(0, ServedCount(j)).Select(k => (long)j + ((long)k * options.Ops))
                .Where(i => i < options.Users).Select(i => ids.User((int)i)).ToImmutableArray()
            : [];
        return new Op(id, name, online, users);
    }

    public User User(string id)
    {
        var random = new Randomizer(StableHash.Seed(options.Seed, "user", id));
        var city = Facts.CityOf(id) ?? ChinaPlaces.CityOf(StableHash.Of(options.Seed, "city", id));
        var (family, given) = ChineseNames.Person(random);
        var nick = random.Bool(0.8f) ? ChineseNames.Nickname(random, family, given) : null;
        var phone = ChineseMobile.Number(random);
        var addresses = ImmutableArray.CreateBuilder<UserAddress>(2);
        for (var n = random.Number(0, 2); addresses.Count < n;)
        {
            addresses.Add(new UserAddress(RandomHex.Of32(random), ChinaPlaces.HomeAddress(random, city), ChineseText.Remark(random)));
        }

        var contacts = ImmutableArray.CreateBuilder<UserContact>(2);
        for (var n = random.Number(0, 2); contacts.Count < n;)
        {
            contacts.Add(new UserContact(ChineseNames.Contact(random, family), ChineseMobile.Number(random), RandomHex.Of32(random)));
        }

        var icon = Avatars.UserIcon(random, id);
        var user = new User(id, family + given, nick, phone, icon, ChineseText.TagList(random), addresses.DrainToImmutable(), contacts.DrainToImmutable(),
            random.Number(0, 30), random.Number(1, 60), random.Number(0, 40));
        return pinnedChats.TryGetValue(id, out var pinned) && pinned.NickName.IsSet ? user with { NickName = pinned.NickName.Value } : user;
    }

    /// <summary>
    /// The user's current chat; any user id has one, stable per id. It is in service ("5") exactly when
    /// it is on its OP's list (2.19); otherwise it is finished, queued or being transferred (see
    /// <see cref="ChatStatuses"/>). Open chats started within the last day, at service hours.
    /// </summary>
    public Chat ChatOf(string userId) => overlay.IsEmpty ? SeededChatOf(userId) : overlay.Apply(SeededChatOf(userId));

    private Chat SeededChatOf(string userId)
    {
        var random = new Randomizer(StableHash.Seed(options.Seed, "chat", userId));
        var pinned = pinnedChats.GetValueOrDefault(userId);
        var shown = pinned is null && Facts.ChatOf(userId) is { } shownId ? Facts.Chat(shownId) : null;
        var index = ids.UserIndex(userId) is { } i && i < options.Users ? i : (int?)null;
        var operatorId = pinned?.OperatorId ?? shown?.OperatorId ?? OperatorOf(userId, index);
        // A chat a fixture or an example shows is on its OP's list, like a served world chat.
        var status = pinned is not null || IsServed(index) ? ChatStatuses.Service
            : shown is not null ? ChatStatuses.Find(shown.Status ?? ChatStatuses.Service.Code) ?? ChatStatuses.Service
            : ChatStatuses.NotServed.Pick(random);
        var drawn = "1" + random.Number(0, 99_999_999).ToString("D8", CultureInfo.InvariantCulture)
            + random.Number(0, 999_999_999).ToString("D9", CultureInfo.InvariantCulture);
        // A world user's group id carries the user's index, so a chatId in a request finds its chat.
        var groupId = pinned?.GroupId ?? shown?.GroupId ?? (ids.UserIndex(userId) is { } world ? chatIds.GroupId(world) : drawn);
        var createTime = pinned?.CreateTime ?? shown?.CreateTime ?? ServiceHours.Instant(random, options, status.IsOpen ? 1 : options.WindowDays);
        var city = Facts.CityOf(userId) ?? ChinaPlaces.CityOf(StableHash.Of(options.Seed, "city", userId));
        var district = random.ArrayElement(city.Districts);
        var (lat, lng) = ChinaPlaces.Near(random, district);
        var topic = ChineseText.Topic(random);
        return new Chat(
            pinned?.ChatId ?? shown?.ChatId ?? WorldIds.UserPrefix + groupId,
            groupId,
            userId,
            operatorId,
            createTime,
            status.Code,
            topic.Message,
            topic.Title,
            new Location(ChinaPlaces.Address(random, city, district), lat, lng),
            Channels.All.Pick(random),
            Clients.All.Pick(random),
            random.Bool(0.2f),
            null,
            null);
    }

    /// <summary>
    /// A chat's messages, oldest first: the ones an example shows for it, else its generated history; then the
    /// ones its session sent.
    /// </summary>
    public ImmutableArray<Message> MessagesOf(Chat chat)
    {
        var latest = Facts.Of(EntityKind.Chat, chat.ChatId)?.GetValueOrDefault(Facts.Key(Attr.Message)) is JsonValue shown
            && shown.TryGetValue<string>(out var text) ? text : chat.Message;
        // History is kept: past messages keep the OP who wrote them, whoever serves the chat now (a transfer moves the chat, not its past).
        var history = ChatMessages.History(options, overlay.IsEmpty ? chat : chat with { OperatorId = new OpWorld(this, Overlay.Empty).ChatById(chat.ChatId).OperatorId }, latest, Facts.MessageIds);
        if (Facts.MessagesOf(chat.ChatId) is { IsDefaultOrEmpty: false } known)
        {
            // An example's messages keep their ids (and, through facts, their values); times and turns come from the history's rules.
            history = [.. known.Select((id, k) => history[Math.Min(k, history.Length - 1)] with { Id = id })];
        }

        return overlay.IsEmpty ? history : history.AddRange(overlay.Messages(chat.ChatId));
    }

    /// <summary>
    /// A chat's latest message as its list shows it: the newest of its messages — an example's (with the content the
    /// example shows), the generated history's, or one its session sent — so a chat list and the message list agree.
    /// </summary>
    public string LatestMessage(Chat chat)
    {
        if (MessagesOf(chat) is not { Length: > 0 } messages)
        {
            return chat.Message;
        }

        var last = messages[^1];
        return Facts.Of(EntityKind.Message, last.Id)?.GetValueOrDefault(Facts.Key(Attr.Content)) is JsonValue shown
            && shown.TryGetValue<string>(out var text) ? text : last.Content;
    }

    /// <summary>A message by id: one its session sent, else one of a chat's history when the chat is known, else one made up from the id.</summary>
    public Message MessageById(string id, Chat? chat = null)
    {
        if (overlay.MessageById(id) is { } sent)
        {
            return sent;
        }

        var of = chat ?? ChatOf(MadeUpUser("message-user", id));
        return MessagesOf(of).FirstOrDefault(m => m.Id == id) ?? ChatMessages.History(options, of, of.Message, Facts.MessageIds)[^1] with { Id = id };
    }

    /// <summary>The OP as its session changed it: online or not, and serving the chats given to it, not those closed or moved away.</summary>
    private Op Changed(Op op)
    {
        var isOnline = overlay.Of(EntityKind.Op, op.Id)?.GetValueOrDefault(Facts.Key(Attr.IsOnline)) is JsonValue online
            && online.TryGetValue<bool>(out var flag) ? flag : op.IsOnline;
        var users = op.Users.Where(Serves).Concat(overlay.UsersGivenTo(op.Id).Where(u => !op.Users.Contains(u) && Serves(u))).ToImmutableArray();
        return op with { IsOnline = isOnline, Users = users };

        bool Serves(string userId)
        {
            if (!overlay.ChangedChatOf(userId))
            {
                return true;
            }

            var chat = ChatOf(userId);
            return chat.OperatorId == op.Id && chat.Status == ChatStatuses.Service.Code && !overlay.Deleted(EntityKind.Chat, chat.ChatId);
        }
    }

    /// <summary>The chats an OP is serving, newest first, as the captured list orders them.</summary>
    public ImmutableArray<Chat> ChatsOf(Op op) =>
        [.. op.Users.Select(ChatOf).OrderByDescending(c => c.CreateTime).ThenBy(c => c.ChatId, StringComparer.Ordinal)];

    /// <summary>
    /// The chat a chatId names: a pinned or example chat, a world chat (its id carries its user), or else a chat of a
    /// user made up from the id, shown under the id asked for.
    /// </summary>
    public Chat ChatById(string chatId)
    {
        if (pinnedChatIds.TryGetValue(chatId, out var pinnedUser))
        {
            return ChatOf(pinnedUser);
        }

        if (Facts.Chat(chatId) is { } shown)
        {
            return ChatOf(shown.UserId);
        }

        if (chatIds.UserIndex(chatId) is { } index)
        {
            return ChatOf(ids.User(index));
        }

        var madeUp = SeededChatOf(MadeUpUser("chat-user", chatId)) with { ChatId = chatId };
        return overlay.IsEmpty ? madeUp : overlay.Apply(madeUp);
    }

    /// <summary>A user id for something a request names that no user of the world has (an unknown chat): stable per name.</summary>
    public string MadeUpUser(string what, string of) => MadeUpUser(options.Seed, what, of);

    public static string MadeUpUser(int seed, string what, string of) =>
        WorldIds.UserPrefix + StableHash.Of(seed, what, of).ToString("x16", CultureInfo.InvariantCulture)
        + StableHash.Of(seed, what, of, 2).ToString("x16", CultureInfo.InvariantCulture);

    private string OperatorOf(string userId, int? index) =>
        index is { } i
            ? ids.Op(i % options.Ops)
            : ids.Op((int)(StableHash.Of(options.Seed, "operator", userId) % (ulong)options.Ops));

    /// <summary>How many users OP j is serving now: users j, j + ops, … up to this count (0 to 12).</summary>
    private int ServedCount(int opIndex) => (int)(StableHash.Of(options.Seed, "served", opIndex) % (MaxServed + 1));

    /// <summary>Whether this world user's chat is on its OP's list; most users' are not, so the hash is rarely needed.</summary>
    private bool IsServed(int? index) =>
        index is { } i && i / options.Ops < MaxServed && i / options.Ops < ServedCount(i % options.Ops);
}
