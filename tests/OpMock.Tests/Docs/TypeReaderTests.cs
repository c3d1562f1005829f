using OpMock.Core.Docs;

namespace OpMock.Tests.Docs;

public sealed class TypeReaderTests
{
    [Theory]
    [InlineData("String", FieldKind.String, false)]
    [InlineData("string", FieldKind.String, false)]
    [InlineData("Integer", FieldKind.Integer, false)]
    [InlineData("int", FieldKind.Integer, false)]
    [InlineData("INT", FieldKind.Integer, false)]
    [InlineData("Long", FieldKind.Integer, true)]
    [InlineData("long", FieldKind.Integer, true)]
    [InlineData("Boolean", FieldKind.Boolean, false)]
    [InlineData("boolean", FieldKind.Boolean, false)]
    [InlineData("Double", FieldKind.Number, false)]
    [InlineData("Float", FieldKind.Number, false)]
    [InlineData("BigDecimal", FieldKind.Number, false)]
    [InlineData("Date", FieldKind.Date, false)]
    [InlineData("Object", FieldKind.Object, false)]
    [InlineData("Map", FieldKind.Map, false)]
    [InlineData("List", FieldKind.List, false)]
    [InlineData(" String \t", FieldKind.String, false)]
    public void Read_JavaTypeNames_GiveTheirKind(string raw, FieldKind kind, bool wide)
    {
        var type = TypeReader.Read(raw);

        type.Kind.ShouldBe(kind);
        type.IsWide.ShouldBe(wide);
    }

    [Theory]
    [InlineData("List<Object>", FieldKind.Object, null)]
    [InlineData("List<String>", FieldKind.String, null)]
    [InlineData("List<User>", FieldKind.Object, "User")]
    [InlineData("list<long>", FieldKind.Integer, null)]
    [InlineData("String[]", FieldKind.String, null)]
    public void Read_GenericLists_GiveTheirItem(string raw, FieldKind item, string? section)
    {
        var type = TypeReader.Read(raw);

        type.Kind.ShouldBe(FieldKind.List);
        type.Item.ShouldNotBeNull().Kind.ShouldBe(item);
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
