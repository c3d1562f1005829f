using OpMock.Cli.Commands;
using OpMock.Core.Diagnostics;

namespace OpMock.Tests.Cli;

public sealed class LintSettingsTests
{
    [Fact]
    public void Validate_NamedOverridesMissing_ThrowsNamingIt() =>
        Should.Throw<OpMockException>(new LintSettings("docs", "/no/such/overrides.yaml", Strict: false).Validate).Message
            .ShouldBe("overrides file not found: /no/such/overrides.yaml");

    [Fact]
    public void Validate_NoOverridesNamed_Passes() => new LintSettings("docs", null, Strict: true).Validate();
}
