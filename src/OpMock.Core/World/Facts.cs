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
    }

    public bool IsEmpty => values.Count == 0 && chats.Count == 0 && ops.Count == 0;

    /// <summary>The known values of one entity, keyed by attribute name or by "~" and the field's path; null when none.</summary>
    public FrozenDictionary<string, JsonNode?>? Of(EntityKind kind, string id) => values.GetValueOrDefault((kind, id));

    public ChatLinks? Chat(string chatId) => chats.GetValueOrDefault(chatId);

    /// <summary>The chat an example shows for a user.</summary>
    public string? ChatOf(string userId) => chatOfUser.GetValueOrDefault(userId);

    public OpChats? Op(string opId) => ops.GetValueOrDefault(opId);

    /// <summary>The ids of the messages an example lists for a chat, oldest first.</summary>
    public ImmutableArray<string> MessagesOf(string chatId) => messages.GetValueOrDefault(chatId);

    public static string Key(Attr attr) => AttrNames[(int)attr];

    public static string Key(string path) => "~" + path;

    private static readonly string[] AttrNames = Enum.GetNames<Attr>();
}

/// <summary>A chat's links as examples give them; null parts are left to the world.</summary>
internal sealed record ChatLinks(string ChatId, string UserId, string? OperatorId, string? GroupId, DateTimeOffset? CreateTime);

/// <summary>An OP's chats in the example's order (by user id), and how many it has in all (an example's page.totalCount).</summary>
internal sealed record OpChats(IReadOnlyList<string> Users, int Total);
