using OpMock.Cli.Commands;
using OpMock.Core.Diagnostics;

namespace OpMock.Tests.Cli;

public sealed class OpenApiSettingsTests
{
    [Theory]
    [InlineData(0, 8086, "--port must be a port number (1-65535): 0")]
    [InlineData(8080, 65536, "--app-port must be a port number (1-65535): 65536")]
    public void Validate_NotAPort_ThrowsNamingTheOption(int port, int appPort, string message) =>
        Should.Throw<OpMockException>(() => new OpenApiSettings("docs", null, "fixtures", null, port, appPort).Validate()).Message.ShouldBe(message);

    [Fact]
    public void Validate_Ports_AreTheServersListed()
    {
        var servers = new OpenApiSettings("docs", null, "fixtures", null, 9080, 9086).Validate();

        (servers.DirectPort, servers.AppPort).ShouldBe((9080, 9086));
    }
}
