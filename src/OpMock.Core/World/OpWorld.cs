using System.Collections.Immutable;
using System.Globalization;
using Bogus;
using OpMock.Core.World.Catalog;

namespace OpMock.Core.World;

/// <summary>
/// The seeded world. Nothing is stored: an entity is generated from (seed, id) whenever it is asked
/// for, so a million users cost no memory and two instances with one seed agree byte for byte.
/// Pinned entities from fixtures take precedence over generated ones.
/// </summary>
internal sealed class OpWorld
{
    /// <summary>The most chats one OP serves at once.</summary>
    private const int MaxServed = 12;

    private readonly WorldOptions options;
    private readonly WorldIds ids;
    private readonly ImmutableDictionary<string, PinnedChat> pinnedChats;
    private readonly ImmutableDictionary<string, PinnedOp> pinnedOps;

    public OpWorld(WorldOptions options, Pins pins)
    {
        this.options = options with { Ops = Math.Max(1, options.Ops), Users = Math.Max(1, options.Users) };
        ids = new WorldIds(options.Seed);
        pinnedChats = pins.Chats.GroupBy(c => c.UserId).ToImmutableDictionary(g => g.Key, g => g.Last());
        var opIds = pins.Ops.Select(o => o.Id).Concat(pins.Chats.Select(c => c.OperatorId)).Distinct();
        pinnedOps = opIds.ToImmutableDictionary(id => id, id => pins.Ops.LastOrDefault(o => o.Id == id) ?? new PinnedOp(id, null));
        Pins = pins;
    }

    public WorldOptions Options => options;

    public Pins Pins { get; }

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
        var city = ChinaPlaces.CityOf(StableHash.Of(options.Seed, "city", id));
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

        var icon = random.Bool(0.3f) ? Icons.DefaultUserIcon() : Icons.UserIcon(random);
        var user = new User(id, family + given, nick, phone, icon, ChineseText.TagList(random), addresses.DrainToImmutable(), contacts.DrainToImmutable(),
            random.Number(0, 30), random.Number(1, 60), random.Number(0, 40));
        return pinnedChats.TryGetValue(id, out var pinned) && pinned.NickName.IsSet ? user with { NickName = pinned.NickName.Value } : user;
    }

    /// <summary>
    /// The user's current chat; any user id has one, stable per id. It is in service ("5") exactly when
    /// it is on its OP's list (2.19); otherwise it is finished, queued or being transferred (see
    /// <see cref="ChatStatuses"/>). Open chats started within the last day, at service hours.
    /// </summary>
    public Chat ChatOf(string userId)
    {
        var random = new Randomizer(StableHash.Seed(options.Seed, "chat", userId));
        var pinned = pinnedChats.GetValueOrDefault(userId);
        var index = ids.UserIndex(userId) is { } i && i < options.Users ? i : (int?)null;
        var operatorId = pinned?.OperatorId ?? OperatorOf(userId, index);
        var status = pinned is not null || IsServed(index) ? ChatStatuses.Service : ChatStatuses.NotServed.Pick(random);
        var groupId = pinned?.GroupId ?? "1" + random.Number(0, 99_999_999).ToString("D8", CultureInfo.InvariantCulture)
            + random.Number(0, 999_999_999).ToString("D9", CultureInfo.InvariantCulture);
        var createTime = pinned?.CreateTime ?? ServiceHours.Instant(random, options, status.IsOpen ? 1 : options.WindowDays);
        var city = ChinaPlaces.CityOf(StableHash.Of(options.Seed, "city", userId));
        var district = random.ArrayElement(city.Districts);
        var (lat, lng) = ChinaPlaces.Near(random, district);
        var topic = ChineseText.Topic(random);
        return new Chat(
            pinned?.ChatId ?? WorldIds.UserPrefix + groupId,
            groupId,
            userId,
            operatorId,
            createTime,
            status.Code,
            topic.Message,
            topic.Title,
            topic.Title,
            new Location(ChinaPlaces.Address(random, city, district), lat, lng),
            Channels.All.Pick(random),
            Clients.All.Pick(random),
            random.Bool(0.2f),
            null,
            null);
    }

    /// <summary>The chats an OP is serving, newest first, as the captured list orders them.</summary>
    public ImmutableArray<Chat> ChatsOf(Op op) =>
        [.. op.Users.Select(ChatOf).OrderByDescending(c => c.CreateTime).ThenBy(c => c.ChatId, StringComparer.Ordinal)];

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
