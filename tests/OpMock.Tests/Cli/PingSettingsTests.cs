using OpMock.Cli.Commands;
using OpMock.Core.Diagnostics;

namespace OpMock.Tests.Cli;

public sealed class PingSettingsTests
{
    [Theory]
    [InlineData("localhost:8080", "3s", "--url must be an absolute http(s) address: localhost:8080")]
    [InlineData("http://127.0.0.1:8080/", "7200s", "--timeout must be at most an hour: 7200s")]
    public void Validate_BadSetting_ThrowsOneLine(string url, string timeout, string message) =>
        Should.Throw<OpMockException>(() => new PingSettings(url, timeout).Validate()).Message.ShouldBe(message);

    [Fact]
    public void Validate_Good_GivesAddressAndWait() =>
        new PingSettings("http://127.0.0.1:8080/", "500ms").Validate().ShouldBe((new Uri("http://127.0.0.1:8080/"), TimeSpan.FromMilliseconds(500)));
}
