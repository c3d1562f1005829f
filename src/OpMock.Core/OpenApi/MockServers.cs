using Microsoft.OpenApi;

namespace OpMock.Core.OpenApi;

/// <summary>Where `opmock serve` listens by default: the ports of the docs' test environment, on loopback.</summary>
internal sealed record MockServers(string Host = "127.0.0.1", int DirectPort = 8080, int AppPort = 8086)
{
    public OpenApiServer Direct => new() { Url = $"http://{Host}:{DirectPort}", Description = "OpMock 直连接口 (OP Api, opmock serve)" };

    public OpenApiServer App => new() { Url = $"http://{Host}:{AppPort}", Description = "OpMock 中转接口 (OP App Api, /opapp/transfer, opmock serve)" };
}
