using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Kinds;

/// <summary>
/// A fixture's `kinds:` (KindGroup): naming an id field the docs' words make no kind (<c>repairNo</c>), merging two
/// names of one id (<c>orderNo</c> in a list, <c>orderId</c> in its detail), splitting one id field used by two
/// entities by route (<c>recordId</c>: calls and visits), declaring a relation the words do not show
/// (<c>auditorId</c> 验收人 is an OP). Each changes what is served: a detail answers the entity its list showed, on both
/// ports. Mistakes are refused at load with the fixture's file:line (docs: TestDocs/declared).
/// </summary>
public sealed class KindGroupTests
{
    private const string Repairs = "/op/v2/getStaffRepairs";
    private const string RepairDetail = "/op/v2/getRepairDetail";
    private const string Bills = "/op/v2/getUserServiceBills";
    private const string BillInfo = "/op/v2/getServiceBillInfo";
    private const string Calls = "/op/v2/getStaffCallRecords";
    private const string CallDetail = "/op/v2/getCallRecordDetail";
    private const string Visits = "/op/v2/getUserVisitRecords";
    private const string VisitDetail = "/op/v2/getVisitRecordDetail";

    /// <summary>The fixture of the docs' authors: each kind the words cannot settle, named, merged, split or related.</summary>
    public const string Declared = """
        kinds:
          repair:
            ids: repairNo
            relations: {auditorId: op}
          order:
            ids: [orderId, orderNo]
          callRecord:
            ids: [recordId]
            routes: [/op/v2/getStaffCallRecords, /op/v2/getCallRecordDetail]
          visitRecord:
            ids: [recordId]
            routes: [/op/v2/getUserVisitRecords, /op/v2/getVisitRecordDetail]
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Name_RepairNoDeclared_DetailAnswersEachListedRepairAndItsAuditorIsAWorldOp(bool transfer)
    {
        // Given the repair docs, whose id (repairNo) no word makes a kind, and the fixture naming it
        using var temp = new TempFolder();
        var engine = await EngineAsync(temp, Declared);
        var world = engine.State.Data.World;
        var op = world.OpId(5);

        // When an OP's repairs are listed and each is asked for by its repairNo
        var listed = Items(KindsWorld.Post(engine, Repairs, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }, "name", transfer).Data, "repairs");

        // Then each detail is the listed repair, field by field, on the port asked
        listed.ShouldNotBeEmpty();
        foreach (var item in listed)
        {
            var detail = KindsWorld.Post(engine, RepairDetail, new JsonObject { ["repairNo"] = item["repairNo"]!.DeepClone() }, "name", transfer).Data;
            ShouldShow(detail, item);
            // And the auditor, a relation only the fixture declares, is an OP of the world under the name getStaffInfo gives
            world.Op(item["auditorId"]!.GetValue<string>()).Name.ShouldBe(item["auditorName"]!.GetValue<string>());
        }

        world.Kinds.Named("auditor").ShouldBeNull("a field declared a relation is no kind of its own");
    }

    [Fact]
    public async Task Name_WithoutTheFixture_RepairDetailIsAnotherRepair()
    {
        // Given the same docs without the fixture: repairNo is no kind
        using var temp = new TempFolder();
        var engine = await EngineAsync(temp, null);
        var op = engine.State.Data.World.OpId(5);

        // When the listed repairs are asked for by their repairNo
        var listed = Items(KindsWorld.Post(engine, Repairs, new JsonObject { ["staffId"] = op, ["pageSize"] = 50 }).Data, "repairs");
        var differing = listed.Count(item => !Same(KindsWorld.Post(engine, RepairDetail, new JsonObject { ["repairNo"] = item["repairNo"]!.DeepClone() }).Data, item));

        // Then details and list disagree: what the fixture changes
        engine.State.Data.World.Kinds.Named("repair").ShouldBeNull();
        differing.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Merge_OrderNoAndOrderId_BillDetailByOrderIdIsTheListedBill(bool transfer, bool merged)
    {
        // Given a user's bills named by orderNo and a bill's detail asked by orderId, merged into one kind or not
        using var temp = new TempFolder();
        var engine = await EngineAsync(temp, merged ? Declared : null);
        var user = engine.State.Data.World.UserId(7);

        // When each listed bill is asked for by its orderNo sent as orderId
        var listed = Items(KindsWorld.Post(engine, Bills, new JsonObject { ["userId"] = user }, "merge", transfer).Data, "bills");
        var details = listed.Select(item => (item, detail: KindsWorld.Post(engine, BillInfo, new JsonObject { ["orderId"] = item["orderNo"]!.DeepClone() }, "merge", transfer).Data)).ToList();

        // Then, merged, each detail is that bill (its orderId the listed orderNo); unmerged they are other bills
        if (merged)
        {
            listed.ShouldNotBeEmpty();
            details.All(d => Same(d.detail, d.item, "orderId")).ShouldBeTrue(string.Join("\n", details.Select(d => $"{d.item.ToJsonString()} → {d.detail.ToJsonString()}")));
            engine.State.Data.World.Kinds.Named("order")!.IdFields.ShouldBe(["orderId", "orderNo"]);
        }
        else
        {
            details.Count(d => !Same(d.detail, d.item, "orderId")).ShouldBeGreaterThan(0);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Split_RecordIdByRoute_CallsAndVisitsKeepTheirOwnIdsAndDetails(bool transfer)
    {
        // Given call records and visit records both named by recordId, split by route
        using var temp = new TempFolder();
        var engine = await EngineAsync(temp, Declared);
        var world = engine.State.Data.World;

        // When an OP's calls and a user's visits are listed, and each asked for on its own detail route
        var op = Enumerable.Range(0, 50).Select(world.OpId).First(o => Items(Read(engine, Calls, "staffId", o, transfer), "records").Count > 0);
        var calls = Items(Read(engine, Calls, "staffId", op, transfer), "records");
        var user = Enumerable.Range(0, 50).Select(world.UserId).First(u => Items(Read(engine, Visits, "userId", u, transfer), "records").Count > 0);
        var visits = Items(Read(engine, Visits, "userId", user, transfer), "records");

        // Then each list's ids have its own example's shape (c1024; HF + the visit's date + 3 digits), and each detail is its item
        calls.ShouldAllBe(c => System.Text.RegularExpressions.Regex.IsMatch(c["recordId"]!.GetValue<string>(), "^c[0-9]{4}$"));
        foreach (var visit in visits)
        {
            var id = visit["recordId"]!.GetValue<string>();
            id.ShouldMatch("^HF[0-9]{11}$");
            id[2..10].ShouldBe(visit["visitTime"]!.GetValue<string>()[..10].Replace("-", "", StringComparison.Ordinal), "the visit's date inside its id");
        }

        foreach (var (route, item) in calls.Select(c => (CallDetail, c)).Concat(visits.Select(v => (VisitDetail, v))))
        {
            ShouldShow(Read(engine, route, "recordId", item["recordId"]!.GetValue<string>(), transfer), item);
        }

        world.Kinds.Named("record").ShouldBeNull("both sides of the split have a name of their own");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Split_WriteOnAVisitRoute_ChangesTheVisitInItsSessionOnly(bool transfer)
    {
        // Given the split, its visit routes with an update of a visit (TestDocs/splitwrites: updateVisitRecord)
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWith(temp, Path.Combine(TestDocs.Folder, "declared"), Path.Combine(TestDocs.Folder, "splitwrites"));
        temp.Write("fixtures/kinds.yaml", Declared.Replace("[/op/v2/getUserVisitRecords, /op/v2/getVisitRecordDetail]", "[/op/v2/getUserVisitRecords, /op/v2/getVisitRecordDetail, /op/v2/updateVisitRecord]", StringComparison.Ordinal));
        var engine = new MockEngine(await MockState.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml"), Path.Combine(temp.Path, "fixtures"), seed: null), TimeProvider.System);
        var world = engine.State.Data.World;
        var user = Enumerable.Range(0, 50).Select(world.UserId).First(u => Items(Read(engine, Visits, "userId", u, transfer), "records").Count > 0);
        var visit = Items(Read(engine, Visits, "userId", user, transfer), "records")[0]["recordId"]!.GetValue<string>();

        // When one session sets the visit's result
        KindsWorld.Post(engine, "/op/v2/updateVisitRecord", new JsonObject { ["recordId"] = visit, ["staffId"] = world.OpId(1), ["result"] = 3, ["content"] = "客户反馈师傅迟到" }, "w", transfer);

        // Then the visit's detail and list show it in that session, as the visit routes read the id; the other session's do not
        var detail = ReadIn(engine, VisitDetail, "recordId", visit, "w", !transfer);
        detail["result"]!.GetValue<long>().ShouldBe(3);
        detail["resultName"]!.GetValue<string>().ShouldBe("不满意");
        detail["content"]!.GetValue<string>().ShouldBe("客户反馈师傅迟到");
        ReadIn(engine, Visits, "userId", user, "w", transfer)["records"]!.AsArray()
            .Single(r => r!["recordId"]!.GetValue<string>() == visit)!["result"]!.GetValue<long>().ShouldBe(3);
        ReadIn(engine, VisitDetail, "recordId", visit, "other", transfer)["content"]!.GetValue<string>().ShouldNotBe("客户反馈师傅迟到");
    }

    [Fact]
    public async Task Split_WithoutTheFixture_VisitsTakeTheCallsShape()
    {
        // Given the same docs without the fixture: recordId is one kind, shaped by the first example (c1024)
        using var temp = new TempFolder();
        var engine = await EngineAsync(temp, null);

        // Then the kind is one and its visits' ids are no visit ids (HF + a date): what the split changes
        var record = engine.State.Data.World.Kinds.Named("record")!;
        record.Routes.ShouldContain(CallDetail);
        record.Routes.ShouldContain(VisitDetail);
        record.Shape.Format(0, DateTimeOffset.UnixEpoch).ShouldStartWith("c");
    }

    [Theory]
    [InlineData("kinds:\n  repair:\n    ids: [repairNumber]\n", "fixtures/kinds.yaml:3", "no doc shows a field `repairNumber`")]
    [InlineData("kinds:\n  call:\n    ids: recordId\n    routes:\n      - /op/v2/getStaffCallRecords\n      - /op/v2/getCallRecord\n", "fixtures/kinds.yaml:6", "`/op/v2/getCallRecord` is no documented route")]
    [InlineData("kinds:\n  visit:\n    ids: recordId\n    routes: [/op/v2/getStaffCallRecords]\n    relations: {visitorId: op}\n", "fixtures/kinds.yaml:5", "`visitorId` is no field of visit")]
    [InlineData("# repairs\nkinds:\n  repair:\n    ids: repairNo\n    relations:\n      auditorId: inspector\n", "fixtures/kinds.yaml:6", "unknown kind `inspector` for `auditorId`")]
    [InlineData("kinds:\n  coupon:\n    relations: {userId: user}\n", "fixtures/kinds.yaml:3", "no kind `coupon` found in the docs")]
    [InlineData("kinds:\n  bill:\n    ids: orderNo\n  payment:\n    ids: orderNo\n", "fixtures/kinds.yaml:5", "`orderNo` already names kind `bill` (fixtures/kinds.yaml:3)")]
    [InlineData("kinds:\n  user:\n    ids: repairNo\n", "fixtures/kinds.yaml:3", "`user` is a built-in kind")]
    [InlineData("kinds:\n  staff:\n    ids: [repairNo, staffId]\n", "fixtures/kinds.yaml:3", "`staffId` names the built-in kind op")]
    public async Task Load_KindsNamingWhatTheDocsDoNotHave_RefusedAtFileLine(string yaml, string at, string says)
    {
        // Given a fixture whose kinds name a field, route or kind the docs do not have
        using var temp = new TempFolder();

        // When the server loads the docs with it
        var refused = await Should.ThrowAsync<InvalidInputException>(() => EngineAsync(temp, yaml));

        // Then it refuses to start, naming the fixture's file and line and what is wrong
        refused.Findings.ShouldContain(f => f.ToString().Contains(at, StringComparison.Ordinal) && f.Message.Contains(says, StringComparison.Ordinal),
            string.Join("\n", refused.Findings));
    }

    /// <summary>An engine on the frozen shipped docs and TestDocs/declared, with <paramref name="kinds"/> as fixtures/kinds.yaml.</summary>
    internal static async Task<MockEngine> EngineAsync(TempFolder temp, string? kinds)
    {
        var docs = TestDocs.BaseWithDeclared(temp);
        if (kinds is not null)
        {
            temp.Write("fixtures/kinds.yaml", kinds);
        }

        var state = await MockState.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml"), kinds is null ? null : Path.Combine(temp.Path, "fixtures"), seed: null);
        return new MockEngine(state, TimeProvider.System);
    }

    /// <summary>A GET route's <c>data</c> for one query parameter: on the direct port, or as a transfer body.</summary>
    private static JsonObject Read(MockEngine engine, string route, string name, string value, bool transfer) => transfer
        ? KindsWorld.Post(engine, route, new JsonObject { [name] = value }, "split", transfer: true).Data
        : KindsWorld.Get(engine, route, new Dictionary<string, string> { [name] = value }, "split");

    /// <summary>A GET route's <c>data</c> for one query parameter in a session: on the direct port, or as a transfer body.</summary>
    private static JsonObject ReadIn(MockEngine engine, string route, string name, string value, string session, bool transfer) => transfer
        ? KindsWorld.Post(engine, route, new JsonObject { [name] = value }, session, transfer: true).Data
        : KindsWorld.Get(engine, route, new Dictionary<string, string> { [name] = value }, session);

    private static List<JsonObject> Items(JsonObject data, string list) => [.. data[list]!.AsArray().Select(i => i!.AsObject())];

    /// <summary>Whether a detail shows every field of a list item (under its own name, or the one <paramref name="renamed"/> gives).</summary>
    private static bool Same(JsonObject detail, JsonObject item, string? renamed = null) =>
        item.All(p => JsonNode.DeepEquals(detail[Renamed(p.Key, renamed)], p.Value));

    /// <summary>A list item's field as a detail names it: <c>orderNo</c> → <c>orderId</c> when <paramref name="renamed"/> says so.</summary>
    private static string Renamed(string field, string? renamed) => renamed is not null && field == "orderNo" ? renamed : field;

    private static void ShouldShow(JsonObject detail, JsonObject item)
    {
        foreach (var (name, value) in item)
        {
            var shown = detail[name];
            JsonNode.DeepEquals(shown, value).ShouldBeTrue($"{name}: list {value?.ToJsonString()}, detail {shown?.ToJsonString()}");
        }
    }
}
