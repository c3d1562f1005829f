using System.Text.Json.Nodes;
using OpMock.Tests.World;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>A doc with pageNo/pageSize inputs and a page object in its example (5.2) pages its list; others keep page null.</summary>
public sealed class PagingTests(WikiWorld wiki) : IClassFixture<WikiWorld>
{
    private const string ExampleOp = "o0001c90a1d16c2d48a3f23b38ce5e53058a9";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ChatPage_EveryPageOfAnOp_IsDisjointOrderedAndAddsUpToTheWholeList(int pageSize)
    {
        var world = wiki.Host.Server.Engine.State.Data.World;
        foreach (var staffId in Enumerable.Range(0, 12).Select(world.OpId).Append(ExampleOp))
        {
            // Given the OP's whole list in one page
            var whole = await wiki.DirectAsync(WikiWorld.ChatPage, new JsonObject { ["staffId"] = staffId, ["pageSize"] = 50 });
            var all = Ids(whole);
            var total = whole["page"]!["totalCount"]!.GetValue<int>();
            total.ShouldBe(all.Count);

            // When every page is walked, one past the end included
            var walked = new List<string>();
            for (var pageNo = 1; pageNo <= (total / pageSize) + 2; pageNo++)
            {
                var page = await wiki.DirectAsync(WikiWorld.ChatPage, new JsonObject { ["staffId"] = staffId, ["pageNo"] = pageNo, ["pageSize"] = pageSize });

                // Then each page says where it is, is no longer than pageSize, and totalCount is the same on all of them
                page["page"]!["pageNo"]!.GetValue<int>().ShouldBe(pageNo);
                page["page"]!["pageSize"]!.GetValue<int>().ShouldBe(pageSize);
                page["page"]!["totalCount"]!.GetValue<int>().ShouldBe(total);
                var ids = Ids(page);
                ids.Count.ShouldBeLessThanOrEqualTo(pageSize);
                walked.AddRange(ids);
            }

            // And the pages, in order, are the whole list: disjoint, nothing left out
            walked.ShouldBe(all, $"{staffId} by {pageSize}");
        }
    }

    [Fact]
    public async Task ChatPage_ExampleOp_HasTheExamplesTotalOnEveryPage()
    {
        // When the OP of 5.2's example is asked for pages of 2 beyond the example's first
        var second = await wiki.DirectAsync(WikiWorld.ChatPage, new JsonObject { ["staffId"] = ExampleOp, ["pageNo"] = 2, ["pageSize"] = 2 });
        var past = await wiki.DirectAsync(WikiWorld.ChatPage, new JsonObject { ["staffId"] = ExampleOp, ["pageNo"] = 9, ["pageSize"] = 2 });

        // Then it has the 7 chats the example's page counts, and past the end an empty list with the same count
        second["page"]!["totalCount"]!.GetValue<int>().ShouldBe(7);
        Ids(second).Count.ShouldBe(2);
        Ids(second).ShouldNotContain("u0001135222409673310901");
        Ids(past).ShouldBeEmpty();
        past["page"]!["totalCount"]!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public async Task ChatPage_NoPageSize_UsesTheSchemasDefaultOrTwenty()
    {
        // When a page is asked with no pageSize
        var page = await wiki.DirectAsync(WikiWorld.ChatPage, new JsonObject { ["staffId"] = ExampleOp });

        // Then the default size applies (20, until the schema carries 备注's default)
        page["page"]!["pageSize"]!.GetValue<int>().ShouldBe(20);
        page["page"]!["pageNo"]!.GetValue<int>().ShouldBe(1);
        Ids(page).Count.ShouldBe(7);
    }

    [Theory]
    [InlineData("pageNo", 2147483648L)]
    [InlineData("pageNo", 0L)]
    [InlineData("pageNo", -3L)]
    [InlineData("pageSize", 0L)]
    [InlineData("pageSize", -1L)]
    public async Task ChatPage_PagingNumberOutOfRange_Is400NamingTheFieldAndItsRange(string field, long value)
    {
        // When a page number no Integer holds, or below 1, is asked for
        using var response = await wiki.Host.PostDirectAsync(WikiWorld.ChatPage, $$"""{"staffId":"{{ExampleOp}}","{{field}}":{{value}}}""");

        // Then the answer is the validation envelope naming the field, the range and the value, not some page
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        var json = await OpMock.Tests.Support.MockHost.JsonAsync(response);
        json["data"]!["field"]!.GetValue<string>().ShouldBe(field);
        // (past Integer's range the request validator names Java's int first; below 1, the paging rule names its own range)
        json["data"]!["expected"]!.GetValue<string>().ShouldBeOneOf("a whole number from 1 to 2147483647", "a Java int (-2147483648 to 2147483647) (Integer)");
        json["message"]!.GetValue<string>().ShouldContain($"{field}: ");
        json["message"]!.GetValue<string>().ShouldContain(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        json["message"]!.GetValue<string>().ShouldContain("2147483647");
    }

    [Fact]
    public async Task ChatPage_PageSizeAboveItsMaximum_Is400NamingIt()
    {
        // When a pageSize above the doc's maximum (最大50) is asked for
        using var response = await wiki.Host.PostDirectAsync(WikiWorld.ChatPage, $$"""{"staffId":"{{ExampleOp}}","pageSize":51}""");

        // Then it is refused, naming the field, rather than cut to the maximum (one behaviour: docs/admin-and-security.md)
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest, text);
        text.ShouldContain("pageSize");
    }

    [Fact]
    public async Task ChatPage_LastPageNoAnIntegerHolds_IsAnEmptyPageWithTheSameTotal()
    {
        // When the largest pageNo is asked for
        var page = await wiki.DirectAsync(WikiWorld.ChatPage, new JsonObject { ["staffId"] = ExampleOp, ["pageNo"] = int.MaxValue, ["pageSize"] = 50 });

        // Then it is past the end: empty, with the list's total
        Ids(page).ShouldBeEmpty();
        page["page"]!["pageNo"]!.GetValue<int>().ShouldBe(int.MaxValue);
        page["page"]!["totalCount"]!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public async Task DocWithoutPaging_Answers_PageNull()
    {
        // When routes whose docs do not page answer
        var info = await wiki.DirectAsync(ChatInfo, new JsonObject { ["userId"] = "u0001abc" });
        var detail = await wiki.DirectAsync(WikiWorld.UserDetail, new JsonObject { ["userId"] = "u0001abc" });

        // Then page is null, as their examples show
        info.ContainsKey("page").ShouldBeTrue();
        info["page"].ShouldBeNull();
        detail["page"].ShouldBeNull();
    }

    private static List<string> Ids(JsonObject answer) =>
        [.. answer["data"]!["chats"]!.AsArray().Select(c => c!["chatId"]!.GetValue<string>())];
}
