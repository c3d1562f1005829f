using OpMock.Core.Diagnostics;
using OpMock.Core.World.State;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.State;

public sealed class RedisConnectionTests
{
    private static StateSettings Settings(string url, string? password = null) =>
        StateSettings.Resolve(url, password, null, null);

    [Fact]
    public async Task ConnectAsync_RightPassword_ConnectsAndAnswers()
    {
        // Given a Redis that asks for a password
        await using var redis = await RedisServer.StartAsync(password: "s3cret");

        // When OpMock connects with it
        await using var connection = await RedisConnection.ConnectAsync(Settings(redis.Url, "s3cret"), CancellationToken.None);

        // Then commands answer
        (await connection.GetDatabase().StringIncrementAsync("opmock-test")).ShouldBe(1);
    }

    [Fact]
    public async Task ConnectAsync_WrongPassword_FailsNamingTheUrlNotThePassword()
    {
        await using var redis = await RedisServer.StartAsync(password: "s3cret");

        var error = await Should.ThrowAsync<OpMockException>(() => RedisConnection.ConnectAsync(Settings(redis.Url, "wrong-password"), CancellationToken.None));

        error.Message.ShouldStartWith($"state store {redis.Url}/0 is unreachable: ");
        error.Message.ShouldNotContain("wrong-password");
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_FailsWithinTheBound()
    {
        // Given a port nothing listens on
        var url = $"redis://127.0.0.1:{StubHttpServer.FreePort()}";

        // When OpMock connects
        var error = await Should.ThrowAsync<OpMockException>(() => RedisConnection.ConnectAsync(Settings(url), CancellationToken.None)
            .WaitAsync(RedisConnection.CommandTimeout * 3 + TimeSpan.FromSeconds(5)));

        // Then it gave up within its bound (connect, then one command; the wait above fails otherwise), naming the URL
        error.Message.ShouldStartWith($"state store {url}/0 is unreachable: ");
    }

    [Theory]
    [InlineData("allkeys-lru")]
    [InlineData("allkeys-random")]
    [InlineData("volatile-ttl")]
    public async Task ConnectAsync_PolicyThatEvicts_RefusedNamingThePolicyAndTheFix(string policy)
    {
        // Given a Redis that evicts keys when full (every key OpMock writes has an expiry, so volatile-* evicts them too)
        await using var redis = await RedisServer.StartAsync(null, "--maxmemory-policy", policy);

        // When OpMock connects, without and with --state-allow-eviction
        var error = await Should.ThrowAsync<OpMockException>(() => RedisConnection.ConnectAsync(Settings(redis.Url), CancellationToken.None));
        await using var allowed = await RedisConnection.ConnectAsync(Settings(redis.Url) with { AllowEviction = true }, CancellationToken.None);

        // Then the start is refused naming the policy and both ways out; allowed, it connects
        error.Message.ShouldStartWith($"state store {redis.Url}/0 has maxmemory-policy {policy}: Redis may evict OpMock's session keys");
        error.Message.ShouldContain("CONFIG SET maxmemory-policy noeviction");
        error.Message.ShouldContain("--state-allow-eviction");
        allowed.IsConnected.ShouldBeTrue();
    }

    [Fact]
    public async Task Serve_RedisThatEvicts_ExitsTwoNamingThePolicy()
    {
        await using var redis = await RedisServer.StartAsync(null, "--maxmemory-policy", "allkeys-lru");

        var result = await Support.Cli.RunAsync("serve", "--docs", TestDocs.Base, "--state", redis.Url, "--port", "0", "--app-port", "0");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("has maxmemory-policy allkeys-lru");
    }
}
