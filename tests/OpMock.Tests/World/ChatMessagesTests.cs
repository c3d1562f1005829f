using OpMock.Core.World;
using OpMock.Core.World.Catalog;

namespace OpMock.Tests.World;

public sealed class ChatMessagesTests
{
    private static readonly OpWorld World = new(WorldOptions.Default with { Seed = 31 }, Pins.None);

    [Fact]
    public void History_ManyChats_HundredsOfDistinctTextsEachConversationAboutOneService()
    {
        var texts = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            // Given a chat's generated history
            var chat = World.ChatOf(World.UserId(i));
            var history = ChatMessages.History(World.Options, chat, chat.Message);

            // Then the user and the OP take turns, and every service the messages name is one
            history.Select(m => m.FromType).ShouldBe(Enumerable.Range(0, history.Length).Select(k => k % 2 == 0 ? Message.FromUser : Message.FromOp));
            history.SelectMany(m => HomeServices.All.Items.Where(s => m.Content.Contains(s.Name, StringComparison.Ordinal)))
                .Select(s => s.Name).Distinct().Count().ShouldBeLessThanOrEqualTo(1, chat.ChatId);
            texts.AddRange(history.Select(m => m.Content));
        }

        // And the messages of 300 chats hardly repeat
        texts.Count.ShouldBeGreaterThan(1000);
        texts.ShouldAllBe(t => t.Length > 0);
        ((double)texts.Distinct().Count() / texts.Count).ShouldBeGreaterThan(0.85);
    }
}
