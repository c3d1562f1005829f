using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Actions;

/// <summary>
/// The frozen base docs plus the verbs docs (TestDocs/verbs: 43.1 an OP's leave applications, 43.2 approveLeave,
/// 43.3 rejectLeave), answered in process by one engine; writes go to their own session.
/// </summary>
public sealed class VerbsWorld : EngineWorld
{
    public const string Applies = "/op/v2/getLeaveApplies";

    private protected override string WriteDocs(TempFolder temp) => TestDocs.BaseWithVerbs(temp);

    /// <summary>A POST route's whole answer to a JSON body, in a session (null: the seeded world); it must answer 200.</summary>
    internal JsonObject Post(string route, JsonObject body, string? session = null) =>
        Answer("POST", route, OpJson.ToCompactText(body), ImmutableDictionary<string, string>.Empty, session) is (200, var answer) ? answer
            : throw new ShouldAssertException($"POST {route} {body.ToJsonString()} did not answer 200");

    /// <summary>An OP's first page (50) of leave applications, in a session.</summary>
    internal List<JsonObject> AppliesOf(string op, string? session = null) =>
        [.. Post(Applies, new JsonObject { ["staffId"] = op, ["pageNo"] = 1, ["pageSize"] = 50 }, session)["data"]!["applies"]!.AsArray().OfType<JsonObject>()];

    /// <summary>The first of the world's first 200 OPs with a pending (待审批) application on its first page, and that application's id.</summary>
    internal (string Op, string LeaveId) Pending() => Enumerable.Range(0, 200).Select(k => World.OpId(k))
        .Select(op => (Op: op, Item: AppliesOf(op).FirstOrDefault(i => i["status"]!.GetValue<int>() == 0)))
        .Where(p => p.Item is not null).Select(p => (p.Op, p.Item!["leaveId"]!.GetValue<string>())).First();
}
