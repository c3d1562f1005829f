using OpMock.Core.Diff;

namespace OpMock.Tests.Diff;

public sealed class ChangeKindTests
{
    [Fact]
    public void Kinds_EveryChangeKind_HasOneRowInTheTable()
    {
        // Given every kind the comparison can report
        // When the table is read
        // Then each has a row: no kind is reported without a severity
        ChangeRules.Kinds.Order().ShouldBe(Enum.GetValues<ChangeKind>().Order());
    }

    [Theory]
    [InlineData("breaking", "Breaking")]
    [InlineData("potentially-breaking", "PotentiallyBreaking")]
    [InlineData("safe", "Safe")]
    public void Parse_SeverityName_RoundTrips(string name, string member)
    {
        var severity = Enum.Parse<ChangeSeverity>(member);
        // Given a severity as --fail-on and the reports write it
        // When read and written again
        // Then it is the same word
        ChangeRules.Parse(name).ShouldBe(severity);
        ChangeRules.Name(severity).ShouldBe(name);
    }

    [Theory]
    [InlineData("ResponseFieldRemoved", "response-field-removed")]
    [InlineData("UrlChanged", "url-changed")]
    public void Id_Kind_IsKebabCase(string kind, string id)
    {
        // Given a kind
        // When named for JSON
        // Then it is kebab-case
        ChangeRules.Id(Enum.Parse<ChangeKind>(kind)).ShouldBe(id);
    }
}
