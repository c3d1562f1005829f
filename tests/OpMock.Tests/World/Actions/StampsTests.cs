using System.Text.Json.Nodes;
using OpMock.Tests.World.Rules;

namespace OpMock.Tests.World.Actions;

/// <summary>
/// What a write stamps on the entity it wrote (its time, its actor) is what later reads show — for an entity of a
/// described kind too (an OP's after-sales complaint, TestDocs/states), in the writing session only.
/// </summary>
[Collection(StatesCollection.Name)]
public sealed class StampsTests(StatesWorld world)
{
    [Fact]
    public void Apply_UpdateOfADescribedKindsEntity_ListShowsTheStampedTimeInThatSessionOnly()
    {
        // Given an OP's complaint, read by two sessions
        var (op, _, items) = world.SeededComplaints.First(l => l.Items.Count > 0);
        var complaint = items[0]["complaintId"]!.GetValue<string>();
        var session = "stamps-" + Guid.NewGuid().ToString("N");
        var before = Find(world.Pages(StatesWorld.Complaints, new JsonObject { ["staffId"] = op }, session), complaint);

        // When one session updates its status
        var answer = world.Post(StatesWorld.UpdateComplaint, new JsonObject { ["complaintId"] = complaint, ["staffId"] = op, ["handleStatus"] = 2, ["handleRemark"] = "已退款" }, session);
        answer["code"]!.GetValue<int>().ShouldBe(200);
        var stamped = answer["data"]!["handleTime"]!.GetValue<string>();

        // Then that session's list shows the write's own time and status; the other session's list is unchanged
        var after = Find(world.Pages(StatesWorld.Complaints, new JsonObject { ["staffId"] = op }, session), complaint);
        after["handleTime"]!.GetValue<string>().ShouldBe(stamped, after.ToJsonString());
        after["handleStatus"]!.GetValue<int>().ShouldBe(2);
        JsonNode.DeepEquals(Find(world.Pages(StatesWorld.Complaints, new JsonObject { ["staffId"] = op }), complaint), before).ShouldBeTrue();
    }

    private static JsonObject Find(IEnumerable<JsonObject> pages, string complaint) =>
        StatesWorld.Items(pages, "complaints").Single(i => i["complaintId"]!.GetValue<string>() == complaint);
}
