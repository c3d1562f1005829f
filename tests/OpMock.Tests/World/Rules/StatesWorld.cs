using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpMock.Core.Json;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// The frozen base docs plus the states docs (TestDocs/states: 42.1 an OP's after-sales complaints, 42.2 updating one's
/// state, 42.3 a user's withdrawals), answered in process by one engine on a fake clock, so property tests can ask
/// thousands of objects quickly. Writes go to their own session.
/// </summary>
public sealed class StatesWorld : EngineWorld
{
    public const string Complaints = "/op/v2/getAfterSaleComplaints";
    public const string UpdateComplaint = "/op/v2/updateComplaintStatus";
    public const string Withdrawals = "/op/v2/getUserWithdrawals";

    /// <summary>The clock: 2026-03-10 10:00 China time.</summary>
    internal FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));

    private protected override string? Fixture => "seed: 20160308\nworld:\n  ops: 400\n  users: 100000\n  anchor: \"2026-03-10 00:00:00\"\n";

    private protected override TimeProvider Time => Clock;

    private protected override string WriteDocs(TempFolder temp) => TestDocs.BaseWithStates(temp);

    /// <summary>A POST route's whole answer to a JSON body, in a session (null: the seeded world).</summary>
    internal JsonObject Post(string route, JsonObject body, string? session = null)
    {
        var (status, answer) = Answer("POST", route, OpJson.ToCompactText(body), ImmutableDictionary<string, string>.Empty, session);
        status.ShouldBe(200, answer.ToJsonString());
        return answer;
    }

    /// <summary>A time an item shows (yyyy-MM-dd HH:mm:ss, China time); null for null or "".</summary>
    internal static DateTimeOffset? TimeOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? DateTimeOffset.ParseExact(text + " +08:00", "yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Every page of a list (pageSize 50) asked with <paramref name="body"/>: the data of each page, in page order.</summary>
    internal List<JsonObject> Pages(string route, JsonObject body, string? session = null)
    {
        var pages = new List<JsonObject>();
        for (var no = 1; no <= 40; no++)
        {
            var asked = (JsonObject)body.DeepClone();
            asked["pageNo"] = no;
            asked["pageSize"] = 50;
            var answer = Post(route, asked, session);
            pages.Add(answer["data"]!.AsObject());
            var page = answer["page"]!.AsObject();
            if (no * 50 >= page["totalCount"]!.GetValue<int>())
            {
                break;
            }
        }

        return pages;
    }

    /// <summary>The items of every page's list <paramref name="list"/>.</summary>
    internal static List<JsonObject> Items(IEnumerable<JsonObject> pages, string list) => [.. pages.SelectMany(p => p[list]!.AsArray().OfType<JsonObject>())];

    private readonly Lazy<List<(string Op, JsonObject First, List<JsonObject> Items)>> complaints;

    private readonly Lazy<List<(string User, JsonObject First, List<JsonObject> Items)>> withdrawals;

    public StatesWorld()
    {
        complaints = new(() => ComplaintLists(2000));
        withdrawals = new(() => WithdrawalLists(2000));
    }

    /// <summary>At least 2,000 complaints of the seeded world, by OP: each OP's first page's data and its whole list, read once for every test.</summary>
    internal List<(string Op, JsonObject First, List<JsonObject> Items)> SeededComplaints => complaints.Value;

    /// <summary>At least 2,000 withdrawals of the seeded world, by user, read once for every test.</summary>
    internal List<(string User, JsonObject First, List<JsonObject> Items)> SeededWithdrawals => withdrawals.Value;

    /// <summary>The first <paramref name="count"/> complaints of the world's OPs, as their whole lists show them, with each OP's first page's data.</summary>
    private List<(string Op, JsonObject First, List<JsonObject> Items)> ComplaintLists(int count)
    {
        var lists = new List<(string, JsonObject, List<JsonObject>)>();
        for (var k = 0; k < 400 && lists.Sum(l => l.Item3.Count) < count; k++)
        {
            var op = World.OpId(k);
            var pages = Pages(Complaints, new JsonObject { ["staffId"] = op });
            lists.Add((op, pages[0], Items(pages, "complaints")));
        }

        return lists;
    }

    /// <summary>The withdrawals of the world's first users until <paramref name="count"/> are read, with each user's first page's data.</summary>
    private List<(string User, JsonObject First, List<JsonObject> Items)> WithdrawalLists(int count)
    {
        var lists = new List<(string, JsonObject, List<JsonObject>)>();
        for (var k = 0; k < 5000 && lists.Sum(l => l.Item3.Count) < count; k++)
        {
            var user = World.UserId(k);
            var pages = Pages(Withdrawals, new JsonObject { ["userId"] = user });
            lists.Add((user, pages[0], Items(pages, "withdrawals")));
        }

        return lists;
    }
}

/// <summary>The property tests over the states docs' objects: one <see cref="StatesWorld"/> and its seeded lists.</summary>
[CollectionDefinition(Name)]
public sealed class StatesCollection : ICollectionFixture<StatesWorld>
{
    public const string Name = "Objects in states";
}
