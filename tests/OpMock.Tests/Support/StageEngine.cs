using OpMock.Core.Server;

namespace OpMock.Tests.Support;

/// <summary>An engine over the base test docs and fixtures, loaded once for the stage tests (the stages only read it).</summary>
internal static class StageEngine
{
    private static readonly Lazy<Task<MockEngine>> Loaded = new(async () =>
        new MockEngine(await MockState.LoadAsync(TestDocs.Base, TestDocs.BaseOverrides, TestFixtures.Base, seed: null, TimeProvider.System), TimeProvider.System));

    public static Task<MockEngine> GetAsync() => Loaded.Value;
}
