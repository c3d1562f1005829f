using OpMock.Core.Schemas;
using OpMock.Core.World;
using OpMock.Core.World.Kinds;
using OpMock.Tests.Support;

namespace OpMock.Tests.World;

/// <summary>
/// Examples read against the kinds table (issue 26.1): an example's list of a described kind's items (a user's points
/// log, a user's invoice applications) makes those items entities of the kind, the list owner's, with the example
/// page's total; a detail's example names its entity's owner; a Long id is its digits.
/// </summary>
public sealed class ExampleFactsTests
{
    [Theory]
    [InlineData("ledger", "logId", "u0001b7e2c94f0a6d4e1b9c3f5a7d2e8b6c40", new[] { "30000517", "30000488", "30000401" }, 14)]
    [InlineData("invoices", "applyId", "u00015c8e1a3f7b2d4c6e9a0f1b3d5e7c9a2b", new[] { "FP201603080017", "FP201603020006", "FP201602210003" }, 8)]
    [InlineData("items", "couponId", "u0001d68d5da979194a4b831097de49db3dd2", new[] { "880012", "880007" }, 2)]
    public async Task Read_ListOfADescribedKind_ItsItemsAreTheOwnersEntitiesWithThePagesTotal(string folder, string idField, string owner, string[] ids, int total)
    {
        // Given the base docs with a folder whose example lists a described kind's items for one user
        var (facts, kinds) = await ReadAsync(folder);
        var kind = kinds.ById(idField)!.Kind;

        // Then those items are that user's, in the example's order, the page's total the length of the user's list
        var listed = facts.ThingLists[(kind, owner)];
        listed.Ids.ShouldBe(ids);
        listed.Total.ShouldBe(total);
        listed.OwnerKind.ShouldBe(EntityKind.User);
        ids.ShouldAllBe(id => facts.ThingOwners[(kind, id)] == owner);
        facts.Ids(EntityKind.User).ShouldContain(owner);
    }

    [Fact]
    public async Task Read_DetailOfAListedEntity_AddsWhatOnlyTheDetailShows()
    {
        var (facts, kinds) = await ReadAsync("invoices");
        var kind = kinds.ById("applyId")!.Kind;

        // 32.2's example is 32.1's second item, with a field no list shows
        var known = facts.Of(kind, "FP201603020006")!;
        known[Facts.Key("receiveEmail")]!.GetValue<string>().ShouldBe("chen.m@example.com");
        known[Facts.Key("auditRemark")]!.GetValue<string>().ShouldBe("已开具电子发票");
        facts.Disagreements.ShouldBeEmpty();
    }

    [Fact]
    public async Task Read_BuiltInKindsOnly_NoDescribedKindsEntities()
    {
        // Read against the built-in kinds alone (tools, lint without kinds): no described kind's entity is a fact
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWith(temp, Path.Combine(TestDocs.Folder, "invoices"));
        var contract = await ApiContract.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml"));

        var facts = ExampleFacts.Read(contract.Endpoints.Select(e => e.Endpoint), WorldOptions.Default);

        facts.ThingLists.ShouldBeEmpty();
        facts.For(KindDiscovery.Discover(contract.Endpoints.Select(e => e.Endpoint))).ThingLists.ShouldNotBeEmpty();
    }

    private static async Task<(Facts Facts, KindTable Kinds)> ReadAsync(string folder)
    {
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWith(temp, Path.Combine(TestDocs.Folder, folder));
        var contract = await ApiContract.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml"));
        var endpoints = contract.Endpoints.Select(e => e.Endpoint).ToList();
        var kinds = KindDiscovery.Discover(endpoints);
        return (ExampleFacts.Read(endpoints.Where(e => OpMock.Core.World.Actions.Verbs.Of(e.Route, e.Doc.Title).Transition == OpMock.Core.World.Actions.Transition.None), WorldOptions.Default, kinds), kinds);
    }
}
