using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

public sealed class MockServerCorsTests
{
    [Theory]
    [InlineData("http://app.example", "http://app.example")]
    [InlineData("http://admin.example", "http://admin.example")]
    [InlineData("http://evil.example", "http://app.example")]
    public async Task Response_ConfiguredOrigins_EchoesAnAllowedOrigin(string origin, string allowed)
    {
        // Given origins configured in the fixtures
        using var temp = new TempFolder();
        temp.Write("fixtures/cors.yaml", "cors:\n  origins: [\"http://app.example\", \"http://admin.example\"]\n");
        await using var host = await MockHost.StartAsync(fixtures: Path.Combine(temp.Path, "fixtures"));

        // When a browser on some origin calls the API
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Server.DirectUrl + "/op/v2/receives") { Content = new StringContent("{}") };
        request.Headers.Add("Origin", origin);
        using var response = await host.Client.SendAsync(request);

        // Then only a configured origin is allowed, and caches are told the answer varies by origin
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe(allowed);
        response.Headers.Vary.ShouldContain("Origin");
    }
}
