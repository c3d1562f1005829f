using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.World;
using OpMock.Core.World.Kinds;

namespace OpMock.Tests.World.Kinds;

public sealed class KindTableTests
{
    [Theory]
    [InlineData("user", "User", "User")]
    [InlineData("operator", "Operator", "Op")]
    [InlineData("chats", "ChatItem", "Chat")]
    [InlineData("list", "ChatItem", "Chat")]
    [InlineData("client", "Client", "None")]
    [InlineData("location", "Location", "None")]
    public void Entity_ObjectByFieldOrSectionName_IsThatEntity(string field, string section, string kind) =>
        KindTable.BuiltIn.Entity(field, section).ShouldBe(Enum.Parse<EntityKind>(kind));

    [Theory]
    [InlineData("msgId", "Message")]
    [InlineData("chatId", "Chat")]
    [InlineData("userId", "User")]
    [InlineData("operatorId", "Op")]
    public void ById_BuiltInIdField_IsItsRow(string field, string kind) =>
        KindTable.BuiltIn.ById(field)!.Kind.ShouldBe(Enum.Parse<EntityKind>(kind));

    /// <summary>The built-in rows number the world's entities (issue 25: a kind needs no code): how many, an id's number, a number's id.</summary>
    [Theory]
    [InlineData("user", 1000, true)]
    [InlineData("op", 40, true)]
    [InlineData("chat", 1000, false)]
    public void Population_BuiltInRow_NumbersTheWorldsEntitiesBothWays(string name, int count, bool examplesShowOthers)
    {
        var world = new OpWorld(WorldOptions.Default with { Users = 1000, Ops = 40 }, Pins.None);
        var population = KindTable.BuiltIn.Named(name)!.Population!;

        population.Count(world.Options).ShouldBe(count);
        population.ExamplesShowOthers.ShouldBe(examplesShowOthers);
        foreach (var j in new[] { 0, 1, 17, count - 1 })
        {
            population.IndexOf(world, population.IdAt(world, j)).ShouldBe(j);
        }

        population.IndexOf(world, "u0001b7e2c94f0a6d4e1b9c3f5a7d2e8b6c40").ShouldBeNull();
    }

    [Fact]
    public void Population_MessagesAndDescribedKinds_None() =>
        KindTable.BuiltIn.Named("message")!.Population.ShouldBeNull();

    [Fact]
    public void BuiltIn_FourRows_AreTheFirstKinds() =>
        KindTable.BuiltIn.Rows.Select(r => r.Name).ShouldBe(["message", "chat", "user", "op"]);

    [Fact]
    public void Requested_ChatAndUser_IsTheChat() =>
        KindTable.BuiltIn.Requested(new JsonObject { ["userId"] = "u1", ["chatId"] = "c1" }).ShouldBe((EntityKind.Chat, "c1"));

    [Theory]
    [InlineData("/op/v2/getCallRecordDetail", "call")]
    [InlineData("/op/v2/getStaffCallRecords", "call")]
    [InlineData("/op/v2/getVisitRecordDetail", "visit")]
    [InlineData("/op/v2/getTicketDetail", "none")]
    public void On_FieldSplitByRoute_NamesTheKindOfThatRoute(string route, string kind)
    {
        // Given recordId split by a fixture: a call on the call routes, a visit on the visit routes
        var call = new KindRow((EntityKind)KindDiscovery.FirstHandle, "call", ["recordId"], ["CallRecord"], []) { Only = ["/op/v2/getCallRecordDetail", "/op/v2/getStaffCallRecords"] };
        var visit = new KindRow((EntityKind)KindDiscovery.FirstHandle + 1, "visit", ["recordId"], ["VisitRecord"], []) { Only = ["/op/v2/getVisitRecordDetail"] };
        var table = new KindTable([.. KindTable.BuiltIn.Rows, call, visit]);

        // When a route reads a request naming a record
        var (named, id) = table.On(route).Requested(new JsonObject { ["recordId"] = "r1" });

        // Then it is that route's kind (none on a route no split claims); every view keeps every row
        table.NameOf(named).ShouldBe(kind);
        id.ShouldBe(kind == "none" ? null : "r1");
        table.On(route).Row(visit.Kind).ShouldBe(visit);
    }

    [Fact]
    public void On_NothingSplit_IsTheTableItself()
    {
        var table = new KindTable([.. KindTable.BuiltIn.Rows, new KindRow((EntityKind)KindDiscovery.FirstHandle, "ticket", ["ticketId"], ["Ticket"], [])]);
        table.On("/op/v2/getTicketDetail").ShouldBeSameAs(table);
    }

    [Fact]
    public void Requested_DiscoveredIdBesideAnOp_IsTheDiscoveredKind()
    {
        var ticket = new KindRow((EntityKind)KindDiscovery.FirstHandle, "ticket", ["ticketId"], ["Ticket"], []);
        var table = new KindTable([.. KindTable.BuiltIn.Rows, ticket]);

        table.Requested(new JsonObject { ["staffId"] = "o1", ["ticketId"] = "GD1" }).ShouldBe((ticket.Kind, "GD1"));
    }

    [Fact]
    public void Requested_NumericIdOfADiscoveredKind_IsItsDigits()
    {
        var coupon = new KindRow((EntityKind)KindDiscovery.FirstHandle, "coupon", ["couponId"], ["Coupon"], []);
        var table = new KindTable([.. KindTable.BuiltIn.Rows, coupon]);

        table.Requested(new JsonObject { ["couponId"] = 100042 }).ShouldBe((coupon.Kind, "100042"));
        table.Selecting(new JsonObject { ["couponId"] = true }).ShouldBeNull();
    }

    [Fact]
    public void Attribute_RelationAndBesideField_AreTheRelatedEntitys()
    {
        var handler = new Relation("handlerId", EntityKind.Op, new Dictionary<string, Attr> { ["handlerName"] = Attr.Name }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));
        var ticket = new KindRow((EntityKind)KindDiscovery.FirstHandle, "ticket", ["ticketId"], ["Ticket"], []) { Relations = [handler], StartField = "createTime" };
        var table = new KindTable([.. KindTable.BuiltIn.Rows, ticket]);

        table.Attribute(ticket.Kind, "handlerId").ShouldBe(new AttrRef(EntityKind.Op, Attr.Id, "handlerId"));
        table.Attribute(ticket.Kind, "HANDLERNAME").ShouldBe(new AttrRef(EntityKind.Op, Attr.Name, "handlerId"));
        table.Attribute(ticket.Kind, "ticketId").ShouldBe(new AttrRef(ticket.Kind, Attr.Id));
        table.Attribute(ticket.Kind, "createTime").ShouldBe(new AttrRef(ticket.Kind, Attr.CreateTime));
        table.Attribute(ticket.Kind, "title").ShouldBeNull();
    }
}
