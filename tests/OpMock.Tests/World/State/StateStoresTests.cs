using OpMock.Core.Diagnostics;
using OpMock.Core.World.State;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.State;

public sealed class StateStoresTests
{
    [Fact]
    public async Task OpenAsync_NoStateStoreNamed_KeepsStateInMemoryWithTheLimitsGiven()
    {
        var limits = StateLimits.Default with { Idle = TimeSpan.FromMinutes(5) };

        await using var store = await StateStores.OpenAsync(StateSettings.Memory, limits, () => throw new InvalidOperationException("no key prefix for memory"), TimeProvider.System, CancellationToken.None);

        store.ShouldBeOfType<MemoryStateStore>().Limits.ShouldBe(limits);
    }

    [Fact]
    public async Task OpenAsync_Redis_SharesTheWorldsKeysWithTheLimitsGiven()
    {
        await using var redis = await RedisServer.StartAsync();
        var limits = StateLimits.Default with { Idle = TimeSpan.FromMinutes(5) };

        await using var store = await StateStores.OpenAsync(StateSettings.Resolve(redis.Url, null, null, null), limits, () => "opmock:test:", TimeProvider.System, CancellationToken.None);

        var shared = store.ShouldBeOfType<RedisStateStore>();
        shared.Limits.ShouldBe(limits);
        shared.Url.ShouldBe(redis.Url + "/0");
    }

    [Fact]
    public async Task OpenAsync_RedisUnreachable_FailsNamingTheUrl()
    {
        var url = $"redis://127.0.0.1:{StubHttpServer.FreePort()}";

        var error = await Should.ThrowAsync<OpMockException>(() => StateStores.OpenAsync(StateSettings.Resolve(url, null, null, null), StateLimits.Default, () => "opmock:test:", TimeProvider.System, CancellationToken.None));

        error.Message.ShouldStartWith($"state store {url}/0 is unreachable");
    }
}
