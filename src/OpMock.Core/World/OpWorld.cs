using System.Collections.Immutable;
using System.Globalization;
using Bogus;

namespace OpMock.Core.World;

/// <summary>
/// The seeded world. Nothing is stored: an entity is generated from (seed, id) whenever it is asked
/// for, so a million users cost no memory and two instances with one seed agree byte for byte.
/// Pinned entities from fixtures take precedence over generated ones.
/// </summary>
internal sealed class OpWorld
{
    private readonly WorldOptions options;
    private readonly WorldIds ids;
    private readonly ImmutableDictionary<string, PinnedChat> pinnedChats;
    private readonly ImmutableDictionary<string, PinnedOp> pinnedOps;
    private readonly ImmutableDictionary<string, string> pinnedChatIds;
    private readonly ChatIds chatIds;

    /// <param name="facts">What the docs' examples say about entities; fixture pins win over them.</param>
    public OpWorld(WorldOptions options, Pins pins, Facts? facts = null)
    {
        this.options = options with { Ops = Math.Max(1, options.Ops), Users = Math.Max(1, options.Users) };
        ids = new WorldIds(options.Seed);
        chatIds = new ChatIds(options.Seed);
        Facts = facts ?? Facts.None;
        pinnedChats = pins.Chats.GroupBy(c => c.UserId).ToImmutableDictionary(g => g.Key, g => g.Last());
        pinnedChatIds = pins.Chats.Where(c => c.ChatId is not null).GroupBy(c => c.ChatId!).ToImmutableDictionary(g => g.Key, g => g.Last().UserId);
        var opIds = pins.Ops.Select(o => o.Id).Concat(pins.Chats.Select(c => c.OperatorId)).Distinct();
        pinnedOps = opIds.ToImmutableDictionary(id => id, id => pins.Ops.LastOrDefault(o => o.Id == id) ?? new PinnedOp(id, null));
        Pins = pins;
    }

    public WorldOptions Options => options;

    public Pins Pins { get; }

    public Facts Facts { get; }

    public string UserId(int index) => ids.User(index);

    public string OpId(int index) => ids.Op(index);

    public PinnedChat? Pinned(string userId) => pinnedChats.GetValueOrDefault(userId);

    public Op Op(string id)
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
            ? Enumerable.Range(0, random.Number(0, 12)).Select(k => (long)j + ((long)k * options.Ops))
                .Where(i => i < options.Users).Select(i => ids.User((int)i)).ToImmutableArray()
            : [];
        return new Op(id, name, online, users);
    }

    public User User(string id)
    {
        var random = new Randomizer(StableHash.Seed(options.Seed, "user", id));
        var city = random.ArrayElement(ChinaPlaces.Cities);
        var name = ChineseNames.FullName(random);
        var nick = random.Bool(0.8f) ? ChineseNames.Nickname(random) : null;
        var phone = ChineseMobile.Number(random);
        var addresses = Enumerable.Range(0, random.Number(0, 2))
            .Select(_ => new UserAddress(random.Hexadecimal(32, ""), ChinaPlaces.Address(random, city), ChineseText.Remark(random)))
            .ToImmutableArray();
        var contacts = Enumerable.Range(0, random.Number(0, 2))
            .Select(_ => new UserContact(ChineseNames.FullName(random), ChineseMobile.Number(random), random.Hexadecimal(32, "")))
            .ToImmutableArray();
        var icon = random.Bool(0.3f) ? Icons.DefaultUserIcon() : Icons.UserIcon(random);
        var user = new User(id, name, nick, phone, icon, [.. ChineseText.TagList(random)], addresses, contacts,
            random.Number(0, 30), random.Number(1, 60), random.Number(0, 40));
        return pinnedChats.TryGetValue(id, out var pinned) && pinned.NickName.IsSet ? user with { NickName = pinned.NickName.Value } : user;
    }

    /// <summary>The user's current chat; any user id has one, stable per id.</summary>
    public Chat ChatOf(string userId)
    {
        var random = new Randomizer(StableHash.Seed(options.Seed, "chat", userId));
        var pinned = pinnedChats.GetValueOrDefault(userId);
        var shown = pinned is null && Facts.ChatOf(userId) is { } shownId ? Facts.Chat(shownId) : null;
        var operatorId = pinned?.OperatorId ?? shown?.OperatorId ?? OperatorOf(userId);
        var drawn = "1" + random.Number(0, 99_999_999).ToString("D8", CultureInfo.InvariantCulture)
            + random.Number(0, 999_999_999).ToString("D9", CultureInfo.InvariantCulture);
        var groupId = pinned?.GroupId ?? shown?.GroupId ?? (ids.UserIndex(userId) is { } index ? chatIds.GroupId(index) : drawn);
        var createTime = pinned?.CreateTime ?? shown?.CreateTime
            ?? options.Anchor.AddSeconds(-random.Number(60, Math.Max(120, options.WindowDays * 86_400)));
        var city = random.ArrayElement(ChinaPlaces.Cities);
        var (lat, lng) = ChinaPlaces.Near(random, city);
        return new Chat(
            pinned?.ChatId ?? shown?.ChatId ?? WorldIds.UserPrefix + groupId,
            groupId,
            userId,
            operatorId,
            createTime,
            "5",
            ChineseText.Message(random),
            random.Bool(0.5f) ? "" : ChineseText.Title(random),
            new Location(ChinaPlaces.Address(random, city), lat, lng),
            new Channel("未知渠道ID", "未知渠道"),
            new Client(4, "Get iOS", random.Hexadecimal(32, "") + "_100.png"),
            random.Bool(0.2f),
            null,
            null);
    }

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

        return ChatOf(MadeUpUser("chat-user", chatId)) with { ChatId = chatId };
    }

    /// <summary>A user id for something a request names that no user of the world has (an unknown chat): stable per name.</summary>
    public string MadeUpUser(string what, string of) => MadeUpUser(options.Seed, what, of);

    public static string MadeUpUser(int seed, string what, string of) =>
        WorldIds.UserPrefix + StableHash.Of(seed, what, of).ToString("x16", CultureInfo.InvariantCulture)
        + StableHash.Of(seed, what, of, 2).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The chats an OP is serving, newest first, as the captured list orders them.</summary>
    public ImmutableArray<Chat> ChatsOf(Op op) =>
        [.. op.Users.Select(ChatOf).OrderByDescending(c => c.CreateTime).ThenBy(c => c.ChatId, StringComparer.Ordinal)];

    private string OperatorOf(string userId) =>
        ids.UserIndex(userId) is { } i && i < options.Users
            ? ids.Op(i % options.Ops)
            : ids.Op((int)(StableHash.Of(options.Seed, "operator", userId) % (ulong)options.Ops));
}
