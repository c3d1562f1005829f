using OpMock.Cli.Commands;
using OpMock.Core.Diagnostics;

namespace OpMock.Tests.Cli;

public sealed class ProxyCommandSettingsTests
{
    private static readonly ProxyCommandSettings Good = new("docs", null, "http://127.0.0.1:8080", 0, "127.0.0.1", null, false, "30s");

    /// <summary>Settings `proxy` refuses before reading the docs, by the words of its one line.</summary>
    private static readonly Dictionary<string, ProxyCommandSettings> Refused = new()
    {
        ["--target is required"] = Good with { Target = null },
        ["--target: expected an http(s) URL"] = Good with { Target = "ftp://host" },
        ["--port: expected 0-65535, found 70000"] = Good with { Port = 70000 },
        ["--host: expected an IP address"] = Good with { Host = "not an address" },
    };

    public static TheoryData<string> RefusedLines => [.. Refused.Keys];

    [Theory]
    [MemberData(nameof(RefusedLines))]
    public void Validate_BadSetting_ThrowsOneLineNamingIt(string named) =>
        Should.Throw<OpMockException>(Refused[named].Validate).Message.ShouldContain(named);

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
