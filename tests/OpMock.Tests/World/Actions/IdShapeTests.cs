using OpMock.Core.World.Actions;

namespace OpMock.Tests.World.Actions;

public sealed class IdShapeTests
{
    [Theory]
    [InlineData("u0001106268050147246664", "u0001987654321098765432", true)]
    [InlineData("u0001d68d5da979194a4b831097de49db3dd2", "u0001403351be22c648efa24c20e842fd7351", true)]
    [InlineData("nonexistent", "u0001987654321098765432", false)]
    [InlineData("12345", "u0001987654321098765432", false)]
    [InlineData("u00011062680501472466", "u0001987654321098765432", false)]
    [InlineData("o0001106268050147246664", "u0001987654321098765432", false)]
    [InlineData("u0001d68d5da979194a4b831", "u0001987654321098765432", false)]
    [InlineData("u0001zz8d5da979194a4b831097de49db3dd2", "u0001403351be22c648efa24c20e842fd7351", false)]
    [InlineData("r1001", "r1008", true)]
    [InlineData("12345", "54321", true)]
    public void Fits_IdAgainstASampleOfItsKind_IsTheSameShapeOrNot(string id, string sample, bool fits) =>
        IdShape.Fits(id, sample).ShouldBe(fits);
}
