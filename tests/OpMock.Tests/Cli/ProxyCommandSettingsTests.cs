using OpMock.Cli.Commands;
using OpMock.Core.Diagnostics;

namespace OpMock.Tests.Cli;

public sealed class ProxyCommandSettingsTests
{
    private static readonly ProxyCommandSettings Good = new("docs", null, "http://127.0.0.1:8080", 0, "127.0.0.1", null, false, "30s");

    public static TheoryData<ProxyCommandSettings, string> Refused => new()
    {
        { Good with { Target = null }, "--target is required" },
        { Good with { Target = "ftp://host" }, "--target: expected an http(s) URL" },
        { Good with { Port = 70000 }, "--port: expected 0-65535, found 70000" },
        { Good with { Host = "not an address" }, "--host: expected an IP address" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Validate_BadSetting_ThrowsOneLineNamingIt(ProxyCommandSettings settings, string named) =>
        Should.Throw<OpMockException>(settings.Validate).Message.ShouldContain(named);

    [Fact]
    public void Validate_GoodSettings_GiveTheCoreProxySettings()
    {
        var settings = (Good with { Host = "0.0.0.0", Record = "rec", Timeout = "500ms" }).Validate();

        settings.Target.ShouldBe(new Uri("http://127.0.0.1:8080"));
        settings.Listen.ToString().ShouldBe("0.0.0.0");
        settings.RecordFolder.ShouldBe("rec");
        settings.Timeout.ShouldBe(TimeSpan.FromMilliseconds(500));
    }
}
