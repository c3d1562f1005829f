using OpMock.Core.Diagnostics;
using OpMock.Core.World.Kinds;

namespace OpMock.Tests.World.Kinds;

public sealed class DeclaredKindTests
{
    [Fact]
    public void Error_AtALineOfTheDeclaration_NamesItsFileLineAndKind()
    {
        // Given a kind a fixture declares at fixtures/kinds.yaml:3
        var kind = new DeclaredKind("repair", [new Located("repairNumber", 4)], [], [], "fixtures/kinds.yaml", 3);

        // When a mistake is found at one of its lines
        var finding = kind.Error(4, "no doc shows a field `repairNumber`");

        // Then it is an error at that file:line, naming the setting
        finding.ToString().ShouldBe("fixtures/kinds.yaml:4: error: kinds.repair: no doc shows a field `repairNumber`");
        finding.Severity.ShouldBe(Severity.Error);
    }
}
