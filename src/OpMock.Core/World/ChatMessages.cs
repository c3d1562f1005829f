using System.Collections.Immutable;
using Bogus;

namespace OpMock.Core.World;

/// <summary>
/// A chat's messages, oldest first: its generated history — turns of the user and the OP from the chat's
/// start, the last one the chat's own latest message, deterministic from (seed, chat) — or the messages an
/// example shows for it; then whatever its session sent (<see cref="State.Overlay"/>).
/// </summary>
internal static class ChatMessages
{
    /// <summary>The most turns a generated history has.</summary>
    public const int MaxHistory = 12;

    /// <param name="latest">The chat's latest message as every route shows it (an example's, else the generated one).</param>
    /// <param name="ids">The examples' message id shape: a message's id carries its send time; 32 hex digits without one.</param>
    public static ImmutableArray<Message> History(WorldOptions options, Chat chat, string latest, Rules.IdShape? ids = null)
    {
        var random = new Randomizer(StableHash.Seed(options.Seed, "messages", chat.ChatId));
        var count = random.Number(1, MaxHistory);
        // The whole conversation is about one service: the title's, else the latest message's, else one drawn for the chat.
        var topic = Catalog.HomeServices.Named(chat.Title) is not null ? chat.Title
            : Catalog.HomeServices.Named(latest)?.Name ?? Catalog.HomeServices.All.Pick(random).Name;
        var messages = ImmutableArray.CreateBuilder<Message>(count);
        var time = chat.CreateTime;
        for (var k = 0; k < count; k++)
        {
            // The user opens the chat; the OP answers; turns alternate.
            var fromUser = k % 2 == 0;
            var content = k == count - 1 && latest.Length > 0 ? latest : ChineseText.Turn(random, topic, k, fromUser);
            var hex = RandomHex.Of32(random);
            var id = ids?.Generated(time, (StableHash.Of(options.Seed, "message-id", chat.ChatId + "/" + k) >> 11) / (double)(1UL << 53)) ?? hex;
            messages.Add(new Message(id, chat.ChatId, fromUser ? Message.FromUser : Message.FromOp,
                fromUser ? chat.UserId : chat.OperatorId, time, content, "text"));
            time = time.AddSeconds(random.Number(20, 600));
        }

        return messages.MoveToImmutable();
    }

    /// <summary>Whether a doc lists messages newest first (按时间倒序): by the words of the list's field.</summary>
    public static bool NewestFirst(Docs.DocField field)
    {
        var words = field.Description + field.Remark;
        return words.Contains("倒序", StringComparison.Ordinal) || words.Contains("降序", StringComparison.Ordinal) || words.Contains("最新在前", StringComparison.Ordinal);
    }
}
