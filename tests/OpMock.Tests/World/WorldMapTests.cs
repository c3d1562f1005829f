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
    [InlineData("groupId")]
    [InlineData("clientId")]
    [InlineData("channelId")]
    [InlineData("fromId")]
    public void Owns_AttributeOfABuiltInKind_IsTrue(string field) => WorldMap.Owns(field).ShouldBeTrue();

    [Theory]
    [InlineData("ticketId")]
    [InlineData("replyId")]
    public void Owns_IdNoBuiltInKindHas_IsFalse(string field) => WorldMap.Owns(field).ShouldBeFalse();
}
