using OpMock.Core.World.State;

namespace OpMock.Tests.World.State;

public sealed class RedisUrlTests
{
    [Theory]
    [InlineData("redis://redis:6379", "redis", 6379, 0, null, false, "redis://redis:6379/0")]
    [InlineData("redis://10.0.0.5", "10.0.0.5", 6379, 0, null, false, "redis://10.0.0.5:6379/0")]
    [InlineData("redis://cache.internal:6380/3", "cache.internal", 6380, 3, null, false, "redis://cache.internal:6380/3")]
    [InlineData("rediss://opmock@cache:6380/1/", "cache", 6380, 1, "opmock", true, "rediss://opmock@cache:6380/1")]
    [InlineData("redis://[::1]:7000", "::1", 7000, 0, null, false, "redis://[::1]:7000/0")]
    [InlineData(" REDIS://Redis:6379 ", "redis", 6379, 0, null, false, "redis://redis:6379/0")]
    public void Read_RedisUrl_ReadsHostPortDatabaseAndShowsItWithoutSecrets(string text, string host, int port, int database, string? user, bool tls, string shown)
    {
        var url = RedisUrl.Read(text, out var problem);

        problem.ShouldBeNull();
        url.ShouldBe(new RedisUrl(host, port, database, user, tls));
        url!.ToString().ShouldBe(shown);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("Memory")]
    public void Read_Memory_IsNoUrlAndNoProblem(string text)
    {
        RedisUrl.Read(text, out var problem).ShouldBeNull();
        problem.ShouldBeNull();
    }

    [Theory]
    [InlineData("redis://:s3cret@redis:6379", "a password in the state URL shows in `ps` and in logs; give it as OPMOCK_STATE_PASSWORD or --state-password-file")]
    [InlineData("redis://user:s3cret@redis:6379/2", "redis://redis:6379/2: a password in the state URL")]
    [InlineData("redis-server:6379", "is not a state store: use memory or redis://HOST:PORT[/DB]")]
    [InlineData("http://redis:6379", "is not a state store")]
    [InlineData("redis:///0", "is not a state store")]
    [InlineData("redis://redis:6379/db0", "`/db0` is not a Redis database number")]
    [InlineData("redis://redis:6379/-1", "is not a Redis database number")]
    [InlineData("redis://redis:6379/0?timeout=1", "takes no query or fragment")]
    [InlineData("", "is not a state store")]
    public void Problem_NotAStateStore_SaysWhatToWrite(string text, string expected)
    {
        var problem = RedisUrl.Problem(text);

        problem.ShouldNotBeNull();
        problem.ShouldContain(expected);
        problem.ShouldNotContain("s3cret");
    }
}
