using OpMock.Core.Diagnostics;
using OpMock.Core.Fixtures;

namespace OpMock.Tests.Fixtures;

/// <summary>`kinds:` as FixtureReader reads it: names, ids, routes and relations with their lines; mistakes of form at file:line.</summary>
public sealed class KindReaderTests
{
    [Fact]
    public void Kinds_IdsRoutesAndRelations_ReadWithTheirLines()
    {
        // Given a kind merged from two ids, one split by route with a relation
        const string yaml = "kinds:\n  order:\n    ids: [orderId, orderNo]\n  visit:\n    ids: recordId\n    routes:\n      - /op/v2/getUserVisitRecords\n    relations: {visitorId: op}\n";

        // When it is read
        var kinds = FixtureLoader.Parse([("fixtures/kinds.yaml", yaml)]).Kinds;

        // Then each kind holds its words and the lines they are on
        kinds.Select(k => (k.Name, k.Line)).ShouldBe([("order", 3), ("visit", 5)]);
        kinds[0].Ids.Select(i => i.Text).ShouldBe(["orderId", "orderNo"]);
        kinds[1].Routes.ShouldHaveSingleItem().ShouldBe(new("/op/v2/getUserVisitRecords", 7));
        kinds[1].Relations.ShouldHaveSingleItem().ShouldBe((new("visitorId", 8), new("op", 8)));
        kinds.ShouldAllBe(k => k.File == "fixtures/kinds.yaml");
    }

    [Fact]
    public void Kinds_DeclaredAgainInALaterFile_TheLaterDeclarationWins()
    {
        // Given two files declaring the same kind, in name order
        var set = FixtureLoader.Parse([("a.yaml", "kinds:\n  order: {ids: orderNo}\n  repair: {ids: repairNo}\n"), ("b.yaml", "kinds:\n  order: {ids: [orderId, orderNo]}\n")]);

        // Then the later one replaces the earlier, and the others stay
        set.Kinds.Select(k => (k.Name, k.File, k.Ids.Length)).ShouldBe([("repair", "a.yaml", 1), ("order", "b.yaml", 2)]);
    }

    [Theory]
    [InlineData("kinds:\n  order:\n    ids: {orderId: 1}\n", 3, "`kinds.order.ids` must be a field or route, or a list of them")]
    [InlineData("kinds:\n  order:\n    ids: orderId\n    route: /op/v2/x\n", 4, "unknown setting `route` in `kinds.order`; expected one of ids, routes, relations")]
    [InlineData("kinds:\n  order-item:\n    ids: itemId\n", 3, "kinds: `order-item` is no kind name")]
    [InlineData("kinds:\n  order:\n    relations:\n      userId: [user]\n", 4, "`kinds.order.relations.userId` must be text")]
    [InlineData("kinds: [order]\n", 1, "`kinds` must be a mapping")]
    public void Kinds_MistakeOfForm_RefusedAtItsLine(string yaml, int line, string says)
    {
        // Given a `kinds:` setting of the wrong form
        // When it is read
        var refused = Should.Throw<InvalidInputException>(() => FixtureLoader.Parse([("fixtures/kinds.yaml", yaml)]));

        // Then the finding names the file, the line and what is wrong
        refused.Findings.ShouldContain(f => f.File == "fixtures/kinds.yaml" && f.Line == line && f.Message.Contains(says, StringComparison.Ordinal), string.Join("\n", refused.Findings));
    }
}
