using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace OpMock.Core.World;

/// <summary>
/// What the docs' examples say about entities (<see cref="ExampleFacts"/> reads them through <see cref="WorldMap"/>):
/// attribute values that win over generated ones in every route, and the links between entities (a chat's user
/// and OP, an OP's chats in order, how many it has in all). Fixture pins win over facts.
/// </summary>
internal sealed class Facts
{
    /// <summary>Marks a field an example leaves out: an optional field is left out wherever the entity is shown.</summary>
    public static readonly JsonNode Absent = JsonValue.Create("\u0000absent");

    public static Facts None { get; } = new(
        new Dictionary<(EntityKind, string), FrozenDictionary<string, JsonNode?>>(), new Dictionary<string, ChatLinks>(),
        new Dictionary<string, string>(), new Dictionary<string, OpChats>());

    private readonly FrozenDictionary<string, ImmutableArray<string>> messages;

    private readonly FrozenDictionary<(EntityKind, string), FrozenDictionary<string, JsonNode?>> values;
    private readonly FrozenDictionary<string, ChatLinks> chats;
    private readonly FrozenDictionary<string, string> chatOfUser;
    private readonly FrozenDictionary<string, OpChats> ops;

    public Facts(
        IDictionary<(EntityKind, string), FrozenDictionary<string, JsonNode?>> values,
        IDictionary<string, ChatLinks> chats,
        IDictionary<string, string> chatOfUser,
        IDictionary<string, OpChats> ops,
        IDictionary<string, ImmutableArray<string>>? messages = null)
    {
        this.messages = (messages ?? new Dictionary<string, ImmutableArray<string>>()).ToFrozenDictionary(StringComparer.Ordinal);
        this.values = values.ToFrozenDictionary();
        this.chats = chats.ToFrozenDictionary(StringComparer.Ordinal);
        this.chatOfUser = chatOfUser.ToFrozenDictionary(StringComparer.Ordinal);
        this.ops = ops.ToFrozenDictionary(StringComparer.Ordinal);
        MessageIds = this.messages.Values.SelectMany(m => m).Concat(this.values.Keys.Where(k => k.Item1 == EntityKind.Message).Select(k => k.Item2))
            .Order(StringComparer.Ordinal).Select(Rules.IdShape.Of).FirstOrDefault(s => s is not null);
    }

    /// <summary>
    /// The shape the examples' message ids have (<c>m20160308173245001</c>: m, the message's time, a sequence), for
    /// generated and sent messages alike; null when no example shows a message id of a shape.
    /// </summary>
    public Rules.IdShape? MessageIds { get; }

    public bool IsEmpty => values.Count == 0 && chats.Count == 0 && ops.Count == 0;

    /// <summary>
    /// The values of entities as one route's own example shows them where it disagrees with the doc read first: each
    /// doc's sample answers its own example (<see cref="Consistency.Disagreement"/>).
    /// </summary>
    public FrozenDictionary<(string Route, EntityKind Kind, string Id), FrozenDictionary<string, JsonNode?>> RouteValues { get; init; } =
        FrozenDictionary<(string, EntityKind, string), FrozenDictionary<string, JsonNode?>>.Empty;

    /// <summary>What the facts were read from, to read them again against a world's kinds table; null for facts made by hand.</summary>
    public FactsSource? Source { get; init; }

    /// <summary>The owner (the entity its list is asked by) of each example entity of a described kind, by kind and id.</summary>
    public FrozenDictionary<(EntityKind Kind, string Id), string> ThingOwners { get; init; } = FrozenDictionary<(EntityKind, string), string>.Empty;

    /// <summary>The example entities of a described kind each owner's list shows first, by kind and owner id.</summary>
    public FrozenDictionary<(EntityKind Kind, string Owner), ExampleThings> ThingLists { get; init; } = FrozenDictionary<(EntityKind, string), ExampleThings>.Empty;

    /// <summary>These facts as read against <paramref name="kinds"/>: read again when they were read against another table.</summary>
    public Facts For(Kinds.KindTable kinds) =>
        Source is { } source && !ReferenceEquals(source.Kinds, kinds) && kinds.Discovered.Any() ? ExampleFacts.Read(source.Endpoints, source.Options, kinds) : this;

    /// <summary>Where two docs' examples say different things about one entity: lint warns about each.</summary>
    public ImmutableArray<Consistency.Disagreement> Disagreements { get; init; } = [];

    /// <summary>The city (an index into <see cref="ChinaPlaces.Cities"/>) of users whose chat an example places in one.</summary>
    public FrozenDictionary<string, int> Cities { get; init; } = FrozenDictionary<string, int>.Empty;

    /// <summary>The ids of the entities of <paramref name="kind"/> the examples show (their OPs, their users), in order: the world did not generate them.</summary>
    public ImmutableArray<string> Ids(EntityKind kind) =>
        [.. values.Keys.Where(k => k.Item1 == kind).Select(k => k.Item2).Concat(kind == EntityKind.Op ? ops.Keys : [])
            .Concat(ThingLists.Where(l => l.Value.OwnerKind == kind).Select(l => l.Key.Owner)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The known values of one entity, keyed by attribute name or by "~" and the field's path; null when none.</summary>
    /// <summary>The key of a route's own link of a chat to its user or OP, where its example ties the chat to another than the first doc's.</summary>
    public static string LinkKey(EntityKind kind) => "@link." + kind;

    /// <summary>The chat as route <paramref name="route"/>'s example links it: to its own user and OP where it disagrees with the first doc's.</summary>
    public Chat Linked(Chat chat, string route)
    {
        if (RouteValues.Count == 0 || !RouteValues.TryGetValue((route, EntityKind.Chat, chat.ChatId), out var own))
        {
            return chat;
        }

        var user = own.GetValueOrDefault(LinkKey(EntityKind.User)) is JsonValue u && u.TryGetValue<string>(out var userId) ? userId : chat.UserId;
        var op = own.GetValueOrDefault(LinkKey(EntityKind.Op)) is JsonValue o && o.TryGetValue<string>(out var opId) ? opId : chat.OperatorId;
        return user == chat.UserId && op == chat.OperatorId ? chat : chat with { UserId = user, OperatorId = op };
    }

    public FrozenDictionary<string, JsonNode?>? Of(EntityKind kind, string id) => values.GetValueOrDefault((kind, id));

    /// <summary>The known values of one entity as route <paramref name="route"/> shows it: its own example's where it disagrees with another's.</summary>
    public FrozenDictionary<string, JsonNode?>? Of(EntityKind kind, string id, string route) =>
        RouteValues.Count > 0 && RouteValues.TryGetValue((route, kind, id), out var own) ? own : values.GetValueOrDefault((kind, id));

    /// <summary>The city an example places a user in (its chat's address), so its addresses are there too; null when none does.</summary>
    public City? CityOf(string userId) => Cities.TryGetValue(userId, out var index) ? ChinaPlaces.Cities[index] : null;

    public ChatLinks? Chat(string chatId) => chats.GetValueOrDefault(chatId);

    /// <summary>The chat an example shows for a user.</summary>
    public string? ChatOf(string userId) => chatOfUser.GetValueOrDefault(userId);

    public OpChats? Op(string opId) => ops.GetValueOrDefault(opId);

    /// <summary>The ids of the messages an example lists for a chat, oldest first.</summary>
    public ImmutableArray<string> MessagesOf(string chatId) => messages.GetValueOrDefault(chatId);

    public static string Key(Attr attr) => AttrNames[(int)attr];

    public static string Key(string path) => "~" + path;

    /// <summary>The key of an example page's total for the list at <paramref name="path"/> (the list is that long in all).</summary>
    public static string TotalKey(string path) => "#" + path;

    /// <summary>The key of the filter an example's sample request sets on the list at <paramref name="path"/> (its item fields' values).</summary>
    public static string FilterKey(string path) => "?" + path;

    private static readonly string[] AttrNames = Enum.GetNames<Attr>();
}

/// <summary>A chat's links as examples give them; null parts are left to the world.</summary>
internal sealed record ChatLinks(string ChatId, string UserId, string? OperatorId, string? GroupId, DateTimeOffset? CreateTime)
{
    /// <summary>The state an example shows the chat in, as a code ("5"); null when no example says.</summary>
    public string? Status { get; init; }
}

/// <summary>An OP's chats in the example's order (by user id), and how many it has in all (an example's page.totalCount).</summary>
internal sealed record OpChats(IReadOnlyList<string> Users, int Total)
{
    /// <summary>How many of <see cref="Users"/> an example lists; the rest were made up to reach the total.</summary>
    public int Shown { get; init; } = Users.Count;
}

/// <summary>The docs' endpoints and the options facts were read with, and the kinds table they were read against.</summary>
internal sealed record FactsSource(ImmutableArray<Docs.Endpoint> Endpoints, WorldOptions Options, Kinds.KindTable Kinds);

/// <summary>
/// The example entities of a described kind one owner's list shows (a user's points log): their ids in the example's
/// order, and how long the owner's whole list is (the example page's total; null when no list example says).
/// </summary>
/// <param name="NewestFirst">Whether the example lists them newest first: the owner's generated entities come after them in that order.</param>
internal sealed record ExampleThings(EntityKind OwnerKind, ImmutableArray<string> Ids, int? Total, bool NewestFirst);
