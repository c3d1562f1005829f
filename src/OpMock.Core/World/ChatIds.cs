using System.Globalization;

namespace OpMock.Core.World;

/// <summary>
/// Group ids (and so chat ids, u0001 + groupId) of the world's users that carry the user's index, so a request
/// naming a chatId finds the chat, its user and its OP without storing anything: "1", seven check digits only
/// this seed produces, then the index shifted by a per-seed offset in ten digits.
/// </summary>
internal sealed class ChatIds(int seed)
{
    private const ulong Span = 10_000_000_000UL;

    private readonly ulong offset = StableHash.Of(seed, "chat-offset") % Span;

    public string GroupId(int index) =>
        "1" + Check(index) + ((((ulong)index) + offset) % Span).ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The user index a chat id names, or null when it is no chat of this world.</summary>
    public int? UserIndex(string chatId)
    {
        if (chatId.Length != WorldIds.UserPrefix.Length + 18 || !chatId.StartsWith(WorldIds.UserPrefix, StringComparison.Ordinal)
            || !ulong.TryParse(chatId.AsSpan(chatId.Length - 10), NumberStyles.None, CultureInfo.InvariantCulture, out var shifted))
        {
            return null;
        }

        var index = (shifted + Span - offset) % Span;
        return index <= int.MaxValue && GroupId((int)index) == chatId[WorldIds.UserPrefix.Length..] ? (int)index : null;
    }

    private string Check(int index) =>
        (StableHash.Of(seed, "chat-check", index) % 10_000_000UL).ToString("D7", CultureInfo.InvariantCulture);
}
