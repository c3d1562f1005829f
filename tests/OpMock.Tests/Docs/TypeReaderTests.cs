using OpMock.Core.Docs;

namespace OpMock.Tests.Docs;

public sealed class TypeReaderTests
{
    [Theory]
    [InlineData("String", nameof(FieldKind.String), false)]
    [InlineData("string", nameof(FieldKind.String), false)]
    [InlineData("Integer", nameof(FieldKind.Integer), false)]
    [InlineData("int", nameof(FieldKind.Integer), false)]
    [InlineData("INT", nameof(FieldKind.Integer), false)]
    [InlineData("Long", nameof(FieldKind.Integer), true)]
    [InlineData("long", nameof(FieldKind.Integer), true)]
    [InlineData("Boolean", nameof(FieldKind.Boolean), false)]
    [InlineData("boolean", nameof(FieldKind.Boolean), false)]
    [InlineData("Double", nameof(FieldKind.Number), false)]
    [InlineData("Float", nameof(FieldKind.Number), false)]
    [InlineData("BigDecimal", nameof(FieldKind.Number), false)]
    [InlineData("Date", nameof(FieldKind.Date), false)]
    [InlineData("Object", nameof(FieldKind.Object), false)]
    [InlineData("Map", nameof(FieldKind.Map), false)]
    [InlineData("List", nameof(FieldKind.List), false)]
    [InlineData(" String \t", nameof(FieldKind.String), false)]
    public void Read_JavaTypeNames_GiveTheirKind(string raw, string kind, bool wide)
    {
        var type = TypeReader.Read(raw);

        type.Kind.ToString().ShouldBe(kind);
        type.IsWide.ShouldBe(wide);
    }

    [Theory]
    [InlineData("List<Object>", nameof(FieldKind.Object), null)]
    [InlineData("List<String>", nameof(FieldKind.String), null)]
    [InlineData("List<User>", nameof(FieldKind.Object), "User")]
    [InlineData("list<long>", nameof(FieldKind.Integer), null)]
    [InlineData("String[]", nameof(FieldKind.String), null)]
    public void Read_GenericLists_GiveTheirItem(string raw, string item, string? section)
    {
        var type = TypeReader.Read(raw);

        type.Kind.ShouldBe(FieldKind.List);
        type.Item.ShouldNotBeNull().Kind.ToString().ShouldBe(item);
        type.Item.Section.ShouldBe(section);
    }

    [Fact]
    public void Read_BareSectionName_IsAnObjectOfThatSection()
    {
        TypeReader.Read("Channel").ShouldBe(new FieldType(FieldKind.Object, "Channel", Section: "Channel"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("字符串")]
    [InlineData("List<>")]
    [InlineData("Integer<String>")]
    public void Read_Unreadable_IsUnknown(string raw)
    {
        TypeReader.Read(raw).Kind.ShouldBe(FieldKind.Unknown);
    }
}
