using System.Text.Json.Nodes;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.World;

/// <summary>
/// The chat list and the message list tell one story (issue 26.7): over the list docs, whose message-page example
/// (8.4) shows ids shaped <c>m20160402101620</c>, a chat's latest message on its OP's list (2.19) is the newest of its
/// messages, and every generated message's id is shaped like the examples'.
/// </summary>
public sealed class ChatMessagesListsTests(ListsWorld lists) : IClassFixture<ListsWorld>
{
    [Fact]
    public void Lists_ChatsOfManyOps_LatestMessageIsTheMessageListsNewestAndIdsTakeTheExamplesShape()
    {
        var chats = 0;
        for (var k = 0; k < 40; k++)
        {
            // Given an OP's chat list, the docs' OP (its example chats) among them
            var staffId = k == 0 ? "o0001403351be22c648efa24c20e842fd7351" : lists.World.OpId(k);
            foreach (var chat in lists.Post(Receives, new JsonObject { ["staffId"] = staffId })["data"]!["chats"]!.AsArray())
            {
                // When the chat's messages are asked, all on one page
                var chatId = chat!["chatId"]!.GetValue<string>();
                var messages = lists.Post(ListsWorld.Messages, new JsonObject { ["chatId"] = chatId, ["pageNo"] = 1, ["pageSize"] = 100 })["data"]!["messages"]!.AsArray();

                // Then the list's latest message is the newest one, and the ids are m + 14 digits, distinct
                var newest = messages.MaxBy(m => m!["sendTime"]!.GetValue<string>())!;
                if (chat["message"]!.GetValue<string>() is { Length: > 0 } latest)
                {
                    latest.ShouldBe(newest["content"]!.GetValue<string>(), chatId);
                }

                messages.Select(m => m!["msgId"]!.GetValue<string>()).ShouldAllBe(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^m[0-9]{14}$"));
                messages.Select(m => m!["msgId"]!.GetValue<string>()).ShouldBeUnique();
                chats++;
            }
        }

        chats.ShouldBeGreaterThan(100);
    }
}
