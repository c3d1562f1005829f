namespace OpMock.Core.Server;

/// <summary>How `opmock serve` runs. Port 0 picks a free port (tests).</summary>
/// <param name="MaxRequestLogCount">Bounds WireMock's request log: unbounded, it grew to 650 MB after 210k requests.</param>
internal sealed record MockServerOptions(
    string Docs,
    string? Overrides,
    string? Fixtures,
    string Host = "127.0.0.1",
    int Port = 8080,
    int AppPort = 8086,
    int? Seed = null,
    bool Watch = false,
    int MaxRequestLogCount = 1000,
    string? AdminUsername = null,
    string? AdminPassword = null)
{
    public bool HasAdminCredentials => !string.IsNullOrEmpty(AdminUsername) && !string.IsNullOrEmpty(AdminPassword);
}
