using System.Text.Json.Nodes;
using OpMock.Core.OpenApi;

namespace OpMock.Tests.OpenApi;

public sealed class ComponentNamesTests
{
    [Theory]
    [InlineData("get-op-api/2.36", "GetOpApi_2_36")]
    [InlineData("get-op-app/2.9", "GetOpApp_2_9")]
    [InlineData("2.19", "2_19")]
    [InlineData("接口/1.2", "1_2")]
    [InlineData("接口", "Doc")]
    public void Base_DocId_BecomesAComponentName(string docId, string expected)
    {
        ComponentNames.Base(docId).ShouldBe(expected);
    }

    [Fact]
    public void Unique_TakenOrNonAsciiName_GetsASuffixOrUnderscores()
    {
        // Given names already handed out
        var names = new ComponentNames();
        names.Unique("GetOpApi_2_36_User").ShouldBe("GetOpApi_2_36_User");

        // Then a clash, even in case only, gets a number, and characters 3.0 forbids become underscores
        names.Unique("GetOpApi_2_36_User").ShouldBe("GetOpApi_2_36_User_2");
        names.Unique("getopapi_2_36_user").ShouldBe("getopapi_2_36_user_3");
        names.Unique("GetOpApi_2_19_会话集合").ShouldBe("GetOpApi_2_19_____");
        names.Unique("会话").ShouldBe("Section");
    }

    [Fact]
    public void Definitions_SameSectionsUnderTheSamePrefix_AreNamedOnce()
    {
        // Given 2.36's sections, met again in 2.9's response and then changed
        var names = new ComponentNames();
        var sections = JsonNode.Parse("""{"User": {"type": "object"}}""")!.AsObject();
        var changed = JsonNode.Parse("""{"User": {"type": "object", "description": "x"}}""")!.AsObject();

        // When each group is named
        var first = names.Definitions("GetOpApi_2_36", sections);
        var again = names.Definitions("GetOpApi_2_36", sections);
        var other = names.Definitions("GetOpApi_2_36", changed);

        // Then the same sections share names; different ones get their own
        first.IsNew.ShouldBeTrue();
        first.Names["User"].ShouldBe("GetOpApi_2_36_User");
        again.IsNew.ShouldBeFalse();
        again.Names.ShouldBeSameAs(first.Names);
        other.IsNew.ShouldBeTrue();
        other.Names["User"].ShouldBe("GetOpApi_2_36_User_2");
    }
}
