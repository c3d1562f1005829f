using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Core.World;
using OpMock.Core.World.Kinds;
using OpMock.Tests.World.Rules;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Kinds;

/// <summary>
/// The entities of described kinds (Things) with the examples' entities among them (issue 26.1): an example's list
/// items are entities of the kind, owned by the entity the list is asked by, listed where the list's order puts them,
/// the example page's total making the rest generated; found by id on every route; written per session like any other.
/// Docs: TestDocs/invoices (written for this, no code fitted to it) and TestDocs/ledger.
/// </summary>
public sealed class ThingsTests(LedgerWorld ledger) : IClassFixture<LedgerWorld>
{
    private const string Applies = "/op/v2/getUserInvoiceApplies";
    private const string ApplyDetail = "/op/v2/getInvoiceApplyDetail";
    private const string UpdateApply = "/op/v2/updateInvoiceApply";
    private const string Applicant = "u00015c8e1a3f7b2d4c6e9a0f1b3d5e7c9a2b";
    private const string PointsUser = "u0001b7e2c94f0a6d4e1b9c3f5a7d2e8b6c40";

    private static string Invoices => Path.Combine(TestDocs.Folder, "invoices");

    [Fact]
    public void OfOwner_ExampleUsersPointsLog_TheExamplesThreeThenElevenGeneratedOlderOnes()
    {
        // Given 31.1's example: three entries of its user, on a page whose total is 14
        var world = ledger.World;
        var row = world.Kinds.ById("logId")!;

        // When that user's entries are listed
        var listed = world.ThingsOf(row, PointsUser);

        // Then the user has 14: the example's three first (newest first, as its list), then generated ones, all the user's
        listed.Count.ShouldBe(14);
        listed.Take(3).Select(t => t.Id).ShouldBe(["30000517", "30000488", "30000401"]);
        listed.ShouldAllBe(t => t.OwnerId == PointsUser);
        listed.Skip(3).ShouldAllBe(t => t.Start < listed[2].Start);
        listed.Select(t => t.Id).Distinct().Count().ShouldBe(14);
    }

    [Fact]
    public void Of_AnExampleEntrysId_IsItsUsersAtTheExampleInstantMovedToThePresent()
    {
        var world = ledger.World;
        var row = world.Kinds.ById("logId")!;

        var entry = world.Thing(row, "30000488");

        // 2016-03-08 18:02:45 moved by the one offset of every example instant: a whole number of days, the time of day kept
        entry.OwnerId.ShouldBe(PointsUser);
        entry.Start.ToOffset(WorldOptions.ChinaOffset).TimeOfDay.ShouldBe(new TimeSpan(18, 2, 45));
        entry.Start.ShouldBeLessThan(world.Options.Anchor);
        (world.Thing(row, "30000517").Start - entry.Start).ShouldBe(new DateTime(2016, 3, 9, 15, 20, 11) - new DateTime(2016, 3, 8, 18, 2, 45));
    }

    [Fact]
    public void OfOwner_AUserNoExampleShows_IsTheWorldsAlone()
    {
        // Other owners' lists stay the world's: generated entries only, none of the example's
        var world = ledger.World;
        var row = world.Kinds.ById("logId")!;
        var examples = new[] { "30000517", "30000488", "30000401" };

        var lists = Enumerable.Range(0, 200).Select(world.UserId).Select(u => world.ThingsOf(row, u)).ToList();

        lists.SelectMany(l => l).ShouldNotContain(t => examples.Contains(t.Id));
        lists.ShouldContain(l => l.Count > 0);
        lists.ShouldAllBe(l => l.Count <= Things.PerOwner);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExampleItem_ListedDetailedUpdated_ChangesInItsSessionOnly(bool transfer)
    {
        // Given a server with the invoice docs (a user's applications: 3 shown on a page of 3 whose total is 8)
        await using var host = await ActionsHost.StartAsync(moreDocs: Invoices);
        var list = $$"""{"userId":"{{Applicant}}","pageNo":1,"pageSize":50}""";

        // When session A lists them, asks for the first example application, and approves it
        var before = await host.CallAsync(Applies, list, "a", transfer);
        var detail = (await host.CallAsync(ApplyDetail, """{"applyId":"FP201603080017"}""", "a", transfer))["data"]!.AsObject();
        var updated = await host.CallAsync(UpdateApply, """{"applyId":"FP201603080017","staffId":"o0001403351be22c648efa24c20e842fd7351","status":1,"auditRemark":"抬头与税号已核对"}""", "a", transfer);
        var afterA = (await host.CallAsync(ApplyDetail, """{"applyId":"FP201603080017"}""", "a", !transfer))["data"]!.AsObject();
        var listedA = Item(await host.CallAsync(Applies, list, "a", !transfer), "FP201603080017");
        var inB = (await host.CallAsync(ApplyDetail, """{"applyId":"FP201603080017"}""", "b", transfer))["data"]!.AsObject();
        var listedB = Item(await host.CallAsync(Applies, list, "b", transfer), "FP201603080017");

        // Then the list holds the example's three among the user's 8, the detail is the listed item with the example's values
        before["page"]!["totalCount"]!.GetValue<int>().ShouldBe(8);
        var listed = Item(before, "FP201603080017");
        foreach (var (name, value) in listed)
        {
            JsonNode.DeepEquals(detail[name], value).ShouldBeTrue($"{name}: list {value?.ToJsonString()}, detail {detail[name]?.ToJsonString()}");
        }

        detail["invoiceTitle"]!.GetValue<string>().ShouldBe("杭州云帆科技有限公司");
        detail["amount"]!.ToJsonString().ShouldBe("588.00");
        detail["status"]!.GetValue<long>().ShouldBe(0);
        Item(before, "FP201603020006")["statusName"]!.GetValue<string>().ShouldBe("已开票");
        Item(before, "FP201602210003")["auditRemark"]!.GetValue<string>().ShouldBe("订单未完成，暂不能开票");

        // and the update acts on it in session A only, on both ports: status, its label and the remark sent
        updated["code"]!.GetValue<int>().ShouldBe(200, updated.ToJsonString());
        foreach (var seen in new[] { afterA, listedA })
        {
            seen["status"]!.GetValue<long>().ShouldBe(1);
            seen["statusName"]!.GetValue<string>().ShouldBe("已开票");
            seen["auditRemark"]!.GetValue<string>().ShouldBe("抬头与税号已核对");
        }

        foreach (var seen in new[] { inB, listedB })
        {
            seen["status"]!.GetValue<long>().ShouldBe(0);
            seen["auditRemark"]!.GetValue<string>().ShouldBe("");
        }
    }

    private static JsonObject Item(JsonObject answer, string applyId) =>
        answer["data"]!["applyList"]!.AsArray().Select(i => i!.AsObject()).Single(i => i["applyId"]!.GetValue<string>() == applyId);
}
