using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.World;

/// <summary>
/// The frozen shipped docs plus the list docs (TestDocs/lists: 8.1 a user's orders over GET, 8.2 an OP's profile, 8.3
/// a user's profile, 8.4 a chat's messages a page at a time), answered in process by one engine, so property tests
/// can ask thousands of entities quickly. Shared by the tests that only read from it.
/// </summary>
public sealed class ListsWorld : EngineWorld
{
    public const string Orders = "/op/v2/getUserOrders";
    public const string OpProfile = "/op/v2/getOpProfile";
    public const string UserProfile = "/op/v2/getUserProfile";
    public const string Messages = "/op/v2/getChatMessagePage";

    /// <summary>How many users the order property tests sample (<see cref="OrderUser"/>): issue 26 asks for 2,000.</summary>
    public const int OrderUsers = 2000;

    private readonly ConcurrentDictionary<(string UserId, int PageSize), JsonObject> orders = new();

    private protected override string WriteDocs(TempFolder temp) => TestDocs.BaseWithLists(temp);

    /// <summary>A POST route's answer to a JSON body: the whole envelope.</summary>
    internal JsonObject Post(string route, JsonObject body, string? token = null) =>
        Send("POST", route, OpJson.ToCompactText(body), token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["token"] = token }).Body;

    /// <summary>The i-th user of the order tests' sample (every 53rd user of the world).</summary>
    internal string OrderUser(int i) => World.UserId(i * 53);

    /// <summary>
    /// A user's first page of orders (8.1), generated once per world: the order tests of <see cref="OrdersCollection"/>
    /// check their own rules on the same seeded orders instead of each generating them again. Read only.
    /// </summary>
    internal JsonObject OrdersOf(string userId, int pageSize) =>
        orders.GetOrAdd((userId, pageSize), key => Get(Orders, new Dictionary<string, string> { ["userId"] = key.UserId, ["pageSize"] = key.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

    /// <summary>A GET route's answer to query parameters.</summary>
    internal JsonObject Get(string route, IReadOnlyDictionary<string, string> query) => Send("GET", route, "", query).Body;

    internal (int Status, JsonObject Body) Send(string method, string route, string body, IReadOnlyDictionary<string, string> query) =>
        Answer(method, route, body, query);
}

/// <summary>The order property tests (lines, sums, timelines): one <see cref="ListsWorld"/> and its generated orders.</summary>
[CollectionDefinition(Name)]
public sealed class OrdersCollection : ICollectionFixture<ListsWorld>
{
    public const string Name = "Orders of the lists world";
}
