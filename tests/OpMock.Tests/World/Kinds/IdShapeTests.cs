using OpMock.Core.World;
using OpMock.Core.World.Kinds;

namespace OpMock.Tests.World.Kinds;

public sealed class IdShapeTests
{
    [Theory]
    [InlineData("GD201603090001", "GD", true, 4)]
    [InlineData("r1001", "r", false, 4)]
    [InlineData("CP100233", "CP", false, 6)]
    [InlineData("MC20160301008", "MC", true, 3)]
    [InlineData("201601061102350017", "", true, 10)]
    [InlineData("17", "", false, 2)]
    public void Of_ExampleId_IsItsPrefixDateAndSequence(string example, string prefix, bool dated, int digits) =>
        IdShape.Of(example).ShouldBe(new IdShape(prefix, dated, digits));

    [Theory]
    [InlineData("3b1f0c9a8e2d4c7b9a6f5e4d3c2b1a09")]
    [InlineData("abc")]
    public void Of_IdWithNoSequence_IsNone(string example) => IdShape.Of(example).ShouldBeNull();

    [Fact]
    public void Format_DatedShape_CarriesTheCreationDateAndReadsBack()
    {
        var shape = new IdShape("GD", true, 4);
        var created = new DateTimeOffset(2026, 12, 7, 9, 30, 0, WorldOptions.ChinaOffset);

        var id = shape.Format(41, created);

        id.ShouldBe("GD202612070042");
        shape.Number(id).ShouldBe(41);
    }

    [Fact]
    public void Format_ThousandsOfNumbers_ReadBackToThemselves()
    {
        var shape = new IdShape("r", false, 4);
        var created = DateTimeOffset.UnixEpoch;

        Enumerable.Range(0, 20_000).ShouldAllBe(n => shape.Number(shape.Format(n, created)) == n);
        shape.Format(0, created).ShouldBe("r1000");
    }

    [Theory]
    [InlineData("x1001")]
    [InlineData("r12")]
    [InlineData("rabcd")]
    public void Number_IdOfAnotherShape_IsNone(string id) => new IdShape("r", false, 4).Number(id).ShouldBeNull();
}
