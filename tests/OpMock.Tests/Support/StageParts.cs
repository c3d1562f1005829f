using OpMock.Core.Server;

namespace OpMock.Tests.Support;

/// <summary>The parts a port's pipeline is made of, over the shared stage engine, for tests of one stage or of their order.</summary>
internal static class StageParts
{
    public static async Task<PipelineParts> CreateAsync(TransferStubs transfers)
    {
        var engine = await StageEngine.GetAsync();
        var options = new MockServerOptions(TestDocs.Base, TestDocs.BaseOverrides, TestFixtures.Base);
        var admin = new AdminGuard(options, ListenAddress.Resolve("127.0.0.1"), () => [8080, 8086]);
        var endpoints = new OwnEndpoints();
        var log = new RequestLog(app: false, 10);
        return new PipelineParts(new Gate(admin, endpoints, () => engine, new BodyBudget(1 << 20), TimeProvider.System), admin, endpoints, transfers,
            new ExchangeHub(), _ => log, () => engine, new StubChoice(), TimeProvider.System);
    }
}
