using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Lists;

/// <summary>
/// Lists answer as a backend's do, over many users and chats: a GET doc pages from its query as a POST doc pages from
/// its body, request fields that name an item field filter the items (and the total counts what is kept), filters AND
/// together, and a value no item has gives an empty list.
/// </summary>
public sealed class ListAssemblyTests(ListsWorld lists) : IClassFixture<ListsWorld>
{
    private const int Users = 400;

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void Answer_GetDocPagedFromTheQuery_PagesAreDisjointOrderedAndAddUpToTheWholeList(int pageSize)
    {
        var walkedItems = 0;
        for (var i = 0; i < Users / 8; i++)
        {
            // Given a user's whole order list, asked over GET in one page
            var userId = lists.World.UserId(i * 97);
            var whole = Orders(userId, ("pageSize", "50"));
            var all = Ids(whole);
            var total = whole["page"]!["totalCount"]!.GetValue<int>();
            total.ShouldBe(all.Count);

            // When every page is walked, one past the end included
            var walked = new List<string>();
            for (var pageNo = 1; pageNo <= (total / pageSize) + 2; pageNo++)
            {
                var page = Orders(userId, ("pageNo", pageNo.ToString(CultureInfo.InvariantCulture)), ("pageSize", pageSize.ToString(CultureInfo.InvariantCulture)));

                // Then each page is the one asked for, no longer than asked, with the same total
                page["page"]!["pageNo"]!.GetValue<int>().ShouldBe(pageNo);
                page["page"]!["pageSize"]!.GetValue<int>().ShouldBe(pageSize);
                page["page"]!["totalCount"]!.GetValue<int>().ShouldBe(total);
                Ids(page).Count.ShouldBeLessThanOrEqualTo(pageSize);
                walked.AddRange(Ids(page));
            }

            // And the pages in order are the whole list
            walked.ShouldBe(all, userId);
            walkedItems += walked.Count;
        }

        walkedItems.ShouldBeGreaterThan(Users / 2);
    }

    [Fact]
    public void Answer_GetDocWithoutPaging_UsesTheDocsDefaultSize()
    {
        // When a user with more than 20 orders is asked without pageNo or pageSize
        var userId = Enumerable.Range(0, 500).Select(i => lists.World.UserId(i)).First(u => Orders(u, ("pageSize", "50"))["page"]!["totalCount"]!.GetValue<int>() > 20);
        var page = Orders(userId);

        // Then the first page of 20 (the doc's 默认20) comes back
        page["page"]!["pageNo"]!.GetValue<int>().ShouldBe(1);
        page["page"]!["pageSize"]!.GetValue<int>().ShouldBe(20);
        Ids(page).Count.ShouldBe(20);
    }

    [Fact]
    public void Answer_StatusFilterOverGet_KeepsExactlyTheItemsWithThatStatusAndCountsThem()
    {
        var kept = new int[5];
        for (var i = 0; i < Users; i++)
        {
            // Given a user's whole order list
            var userId = lists.World.UserId(i * 89);
            var all = Items(Orders(userId, ("pageSize", "50")));

            for (var status = 1; status <= 4; status++)
            {
                // When it is asked with status=N in the query
                var filtered = Orders(userId, ("pageSize", "50"), ("status", status.ToString(CultureInfo.InvariantCulture)));

                // Then it holds exactly the items of that status, in the whole list's order, and the total counts them
                var expected = all.Where(o => o["status"]!.GetValue<int>() == status).Select(o => o.ToJsonString()).ToList();
                Items(filtered).Select(o => o.ToJsonString()).ToList().ShouldBe(expected, $"{userId} status={status}");
                filtered["page"]!["totalCount"]!.GetValue<int>().ShouldBe(expected.Count);
                kept[status] += expected.Count;
            }
        }

        // And every status is kept for some users
        kept.Skip(1).ShouldAllBe(n => n > 0);
    }

    [Fact]
    public void Answer_SeveralFilters_AndTogether()
    {
        var orders = 0;
        for (var i = 0; i < Users / 4; i++)
        {
            var userId = lists.World.UserId(i * 53);
            foreach (var order in Items(Orders(userId, ("pageSize", "50"))).Take(2))
            {
                // When an order is asked for by its id and by a status, its own or another
                var id = order["orderId"]!.GetValue<string>();
                var own = order["status"]!.GetValue<int>();
                var other = (own % 4) + 1;
                var same = Orders(userId, ("orderId", id), ("status", own.ToString(CultureInfo.InvariantCulture)));
                var differ = Orders(userId, ("orderId", id), ("status", other.ToString(CultureInfo.InvariantCulture)));

                // Then both must hold: the order alone, or nothing
                Ids(same).ShouldBe([id]);
                same["page"]!["totalCount"]!.GetValue<int>().ShouldBe(1);
                Ids(differ).ShouldBeEmpty();
                differ["page"]!["totalCount"]!.GetValue<int>().ShouldBe(0);
                orders++;
            }
        }

        orders.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Answer_FilterValueNoItemHas_IsAnEmptyListWithTotalZero()
    {
        for (var i = 0; i < 100; i++)
        {
            // When a user's orders are asked for an order id no order has
            var answer = Orders(lists.World.UserId(i * 7), ("orderId", "no-such-order"));

            // Then the list is empty, the total 0 and the sum of nothing 0
            Ids(answer).ShouldBeEmpty();
            answer["page"]!["totalCount"]!.GetValue<int>().ShouldBe(0);
            answer["data"]!["totalAmount"]!.GetValue<decimal>().ShouldBe(0m);
        }
    }

    [Fact]
    public void Answer_PostDocFilteredAndPagedFromTheBody_AsTheGetDocIsFromItsQuery()
    {
        var messages = 0;
        for (var i = 0; i < Users; i++)
        {
            // Given a chat's messages (8.4, POST), whole and filtered by sender
            var chatId = lists.World.ChatOf(lists.World.UserId(i * 31)).ChatId;
            var whole = Messages(new JsonObject { ["chatId"] = chatId, ["pageSize"] = 1000 });
            var all = whole["data"]!["messages"]!.AsArray();
            whole["page"]!["totalCount"]!.GetValue<int>().ShouldBe(all.Count);
            foreach (var sender in new[] { 1, 2 })
            {
                // When one sender's are asked for, two a page, second page
                var page = Messages(new JsonObject { ["chatId"] = chatId, ["senderType"] = sender, ["pageNo"] = 2, ["pageSize"] = 2 });

                // Then the page is the 3rd and 4th of that sender's messages, and the total counts that sender's
                var mine = all.Where(m => m!["senderType"]!.GetValue<int>() == sender).Select(m => m!.ToJsonString()).ToList();
                page["data"]!["messages"]!.AsArray().Select(m => m!.ToJsonString()).ShouldBe(mine.Skip(2).Take(2));
                page["page"]!["totalCount"]!.GetValue<int>().ShouldBe(mine.Count);
            }

            messages += all.Count;
        }

        messages.ShouldBeGreaterThan(Users);
    }

    [Fact]
    public void Answer_EveryDocsOwnSample_AnswersItsExamplesDataAndPage()
    {
        // (examples live in the present: each instant moved by one offset for every doc, images served by OpMock)
        var present = new PresentExamples();
        var checkedDocs = new List<string>();
        foreach (var endpoint in lists.Engine.State.Contract.Endpoints.Select(e => e.Endpoint).Where(e => !e.IsTransfer && e.Doc.Sample is not null && e.Doc.Example is not null))
        {
            // Given a doc's sample request: a GET doc's in its sample URL's query, a POST doc's in its body
            var documented = JsonNode.Parse(endpoint.Doc.Example!.Text)!.AsObject();
            var token = endpoint.Doc.Sample!.Query.FirstOrDefault(q => q.Key == "token").Value;
            var get = OpMock.Core.Docs.QueryParameters.Carries(endpoint.Method);
            var query = get ? endpoint.Doc.Sample.Query.DistinctBy(q => q.Key).ToDictionary(q => q.Key, q => q.Value) : new Dictionary<string, string>();
            if (!get && token is not null)
            {
                query["token"] = token;
            }

            // When it is sent as the doc says
            var (status, answer) = lists.Send(endpoint.Method.ToUpperInvariant(), endpoint.Route, get ? "" : endpoint.Doc.Sample.Body?.Text ?? "{}", query);

            // Then it answers the documented data and page: a page's total is the example's, for its two items
            status.ShouldBe(200, answer.ToJsonString());
            present.Matches(answer["data"], documented["data"]).ShouldBeTrue($"{endpoint.Id}: {answer["data"]?.ToJsonString()}");
            present.Matches(answer["page"], documented["page"]).ShouldBeTrue($"{endpoint.Id}: {answer["page"]?.ToJsonString()}");
            checkedDocs.Add(endpoint.Id);
        }

        // Among them a GET list (8.1) and a POST list (8.4), each with an example total of 2
        checkedDocs.ShouldContain("get-op-api/8.1");
        checkedDocs.ShouldContain("get-op-api/8.4");
        checkedDocs.ShouldContain("get-op-api/8.5");
        checkedDocs.Count.ShouldBeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public void Answer_ExampleOfAFilteredSample_TheRestOfItsListMatchesTheFilter()
    {
        // Given 8.5's sample: a user's status-4 orders, two a page, the example showing 2 of 5
        const string userId = "u000177776666555544443333222211110000";
        IReadOnlyDictionary<string, string> Query(string status, string pageNo) =>
            new Dictionary<string, string> { ["userId"] = userId, ["status"] = status, ["pageNo"] = pageNo, ["pageSize"] = "2" };

        // When the next pages are asked with the same filter, and another status
        var pages = new[] { "1", "2", "3", "4" }.Select(n => lists.Get("/op/v2/getUserOrdersByStatus", Query("4", n))).ToList();
        var other = lists.Get("/op/v2/getUserOrdersByStatus", Query("1", "1"));

        // Then the list has the example's 5, all of status 4, the example's 2 first; no order has status 1
        var orders = pages.SelectMany(p => p["data"]!["orders"]!.AsArray()).ToList();
        orders.Count.ShouldBe(5);
        orders.ShouldAllBe(o => o!["status"]!.GetValue<int>() == 4);
        orders.Take(2).Select(o => o!["orderId"]!.GetValue<string>()).ShouldBe(["201604011230450003", "201603150910220011"]);
        pages.ShouldAllBe(p => p["page"]!["totalCount"]!.GetValue<int>() == 5);
        other["page"]!["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    private JsonObject Orders(string userId, params (string Key, string Value)[] query) =>
        lists.Get(ListsWorld.Orders, query.Append(("userId", userId)).ToDictionary(p => p.Item1, p => p.Item2));

    private JsonObject Messages(JsonObject body) => lists.Post(ListsWorld.Messages, body);

    private static List<JsonObject> Items(JsonObject answer) => [.. answer["data"]!["orders"]!.AsArray().Select(o => o!.AsObject())];

    private static List<string> Ids(JsonObject answer) => [.. Items(answer).Select(o => o["orderId"]!.GetValue<string>())];
}
