using OpMock.Core.World.State;

namespace OpMock.Tests.World.State;

/// <summary>The in-memory store keeps the contract the Redis store is held to (<see cref="StateStoreContract"/>).</summary>
public sealed class MemoryStateStoreContractTests : StateStoreContract
{
    private protected override Task<IStateStore> OpenAsync(StateLimits limits) => Task.FromResult<IStateStore>(new MemoryStateStore(limits, Time));
}
