using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World;

namespace OpMock.Tests.World;

public sealed class WorldMapTests
{
    [Theory]
    [InlineData("Chat", "subtitle", "Chat", "Title")]
    [InlineData("Chat", "title", "Chat", "Title")]
    [InlineData("Chat", "location.address", "Chat", "Address")]
    [InlineData("Chat", "address", "Chat", "Address")]
    [InlineData("Chat", "clientType", "Chat", "ClientType")]
    [InlineData("Chat", "client.clientId", "Chat", "ClientId")]
    [InlineData("Chat", "nickName", "User", "NickName")]
    [InlineData("Chat", "userIcon", "User", "Icon")]
    [InlineData("Chat", "userGradeChatCount", "User", "ChatCount")]
    [InlineData("Chat", "operatorId", "Op", "Id")]
    [InlineData("User", "icon", "User", "Icon")]
    [InlineData("User", "USERNAME", "User", "UserName")]
    [InlineData("User", "address", "User", "Addresses")]
    [InlineData("Op", "staffId", "Op", "Id")]
    [InlineData("Op", "name", "Op", "Name")]
    [InlineData("Op", "isOnline", "Op", "IsOnline")]
    public void Attribute_FieldInAnEntitysObject_IsTheTablesAttribute(string kind, string path, string owner, string attr) =>
        WorldMap.Attribute(Enum.Parse<EntityKind>(kind), path).ShouldBe(new AttrRef(Enum.Parse<EntityKind>(owner), Enum.Parse<Attr>(attr)));

    [Theory]
    [InlineData("User", "gender")]
    [InlineData("Op", "address")]
    [InlineData("Chat", "name")]
    public void Attribute_NameNoRowHas_IsNone(string kind, string path) =>
        WorldMap.Attribute(Enum.Parse<EntityKind>(kind), path).ShouldBeNull();

    [Theory]
    [InlineData("user", "User", "User")]
    [InlineData("operator", "Operator", "Op")]
    [InlineData("chats", "ChatItem", "Chat")]
    [InlineData("list", "ChatItem", "Chat")]
    [InlineData("client", "Client", "None")]
    [InlineData("location", "Location", "None")]
    public void Entity_ObjectByFieldOrSectionName_IsThatEntity(string field, string section, string kind) =>
        WorldMap.Entity(field, section).ShouldBe(Enum.Parse<EntityKind>(kind));

    [Theory]
    [InlineData(null, 20, null)]
    [InlineData("""{"properties":{"pageSize":{"type":"integer","default":15,"maximum":50}}}""", 15, 50)]
    public void Paging_RequestSchema_GivesPageSizesDefaultAndMaximum(string? schema, int defaultSize, int? max)
    {
        // Given a doc with pageNo/pageSize inputs, a list and a page object in its example
        var integer = new FieldType(FieldKind.Integer, "Integer");
        var endpoint = new Endpoint(
            new ApiDoc
            {
                Path = "x.txt", Number = "1", Title = "t", Url = "/x", Route = "/x", Method = "POST",
                Example = new JsonBlock("""{"code":200,"data":{"items":[]},"page":{"pageNo":1,"pageSize":2,"totalCount":9}}""", 1),
            },
            [new DocField("pageNo", integer, "", "", null, null, false, true, 1), new DocField("pageSize", integer, "", "", null, null, false, true, 2)],
            [new DocField("items", new FieldType(FieldKind.List, "List"), "", "", null, null, true, true, 3)], [], "x");

        // When its paging is read
        var paging = Paging.For(endpoint, schema is null ? null : JsonNode.Parse(schema)!.AsObject())!;

        // Then pageSize defaults to the schema's default (else 20) and is cut to its maximum
        paging.DefaultSize.ShouldBe(defaultSize);
        paging.MaxSize.ShouldBe(max);
        paging.Read(new JsonObject()).ShouldBe(new PageRequest(1, defaultSize, 0));
        paging.Read(new JsonObject { ["pageNo"] = "3", ["pageSize"] = 500 }).PageSize.ShouldBe(max ?? 500);
        paging.Write(new PageRequest(2, 4, 0), 9).ToJsonString().ShouldBe("""{"pageNo":2,"pageSize":4,"totalCount":9}""");
        ImmutableArray.CreateRange(new PageRequest(3, 4, 0).Slice(9)).ShouldBe([8]);
        new PageRequest(4, 4, 0).Slice(9).ShouldBeEmpty();
    }
}
