using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace OpMock.Core.World;

/// <summary>
/// A chat fixed by a fixture (the docs' own examples). Fields left null are generated; a view is the
/// exact <c>data</c> (or list item) one route returns for it, keyed by route.
/// </summary>
internal sealed record PinnedChat(
    string UserId,
    string OperatorId,
    string? ChatId,
    string? GroupId,
    Optional<string?> NickName,
    DateTimeOffset? CreateTime,
    ImmutableDictionary<string, JsonObject> Views);

/// <summary>An OP fixed by a fixture; its chats are the pinned chats naming it as operator.</summary>
internal sealed record PinnedOp(string Id, bool? IsOnline);

/// <summary>A value a fixture may set to null on purpose, as distinct from leaving it out.</summary>
internal readonly record struct Optional<T>(bool IsSet, T Value)
{
    public static Optional<T> None => default;

    public static Optional<T> Of(T value) => new(true, value);
}

internal sealed record Pins(ImmutableArray<PinnedOp> Ops, ImmutableArray<PinnedChat> Chats)
{
    public static Pins None { get; } = new([], []);
}
