using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpMock.Core.Json;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// The frozen shipped docs plus the rules docs (TestDocs/rules: 25.1 an OP's work tickets, 25.2 a ticket's detail with its
/// logs, 25.3 creating a ticket, 25.4 an OP's quick replies, 25.5 adding one, 25.6 an OP's notices), answered in process
/// by one engine on a fake clock, so property tests can ask thousands of objects quickly. Writes go to their own session.
/// </summary>
public sealed class RulesWorld : EngineWorld
{
    public const string Tickets = "/op/v2/getStaffTickets";
    public const string TicketDetail = "/op/v2/getTicketDetail";
    public const string CreateTicket = "/op/v2/createTicket";
    public const string Replies = "/op/v2/getQuickReplies";
    public const string AddReply = "/op/v2/addQuickReply";
    public const string Notices = "/op/v2/getStaffNotices";

    /// <summary>The clock: 2026-03-10 10:00 China time.</summary>
    internal FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));

    // 400 OPs: a discovered kind's list holds at most 20 per owner, and the property tests read 2,000 of them. The
    // world's day is the clock's, so what a write makes now is newer than everything the world made.
    private protected override string? Fixture => "seed: 20160308\nworld:\n  ops: 400\n  users: 100000\n  anchor: \"2026-03-10 00:00:00\"\n";

    private protected override TimeProvider Time => Clock;

    private protected override string WriteDocs(TempFolder temp) => TestDocs.BaseWithRules(temp);

    /// <summary>A POST route's answer to a JSON body, in a session (null: the seeded world).</summary>
    internal JsonObject Post(string route, JsonObject body, string? session = null) => Send("POST", route, OpJson.ToCompactText(body), ImmutableDictionary<string, string>.Empty, session);

    /// <summary>A GET route's answer to query parameters, in a session (null: the seeded world).</summary>
    internal JsonObject Get(string route, IReadOnlyDictionary<string, string> query, string? session = null) => Send("GET", route, "", query.ToImmutableDictionary(), session);

    /// <summary>The data of the answers for the first <paramref name="count"/> OPs of the world, one request each.</summary>
    internal IEnumerable<JsonObject> ForOps(int count, Func<string, JsonObject> ask) =>
        Enumerable.Range(0, count).Select(k => ask(World.OpId(k))["data"]!.AsObject());

    private JsonObject Send(string method, string route, string body, ImmutableDictionary<string, string> query, string? session) =>
        Answer(method, route, body, query, session).Body;
}

/// <summary>Doc fields for the rule tables: "name:Type:描述:备注" joined by '|', hints read as the doc reader reads them.</summary>
internal static class RuleFields
{
    public static ImmutableArray<OpMock.Core.Docs.DocField> Read(string text) => [.. text.Split('|', StringSplitOptions.RemoveEmptyEntries).Select((f, k) =>
    {
        var parts = f.Split(':', 4);
        var type = OpMock.Core.Docs.TypeReader.Read(parts[1]);
        var description = parts.Length > 2 ? parts[2] : "";
        var remark = parts.Length > 3 ? parts[3] : "";
        return new OpMock.Core.Docs.DocField(parts[0], type, description, remark, null, null, true, true, k + 1)
        {
            Hints = OpMock.Core.Docs.HintReader.Read(type, [description, remark]).Hints,
        };
    })];
}
