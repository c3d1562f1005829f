using OpMock.Core.Diagnostics;
using OpMock.Core.World.State;

namespace OpMock.Tests.World.State;

public sealed class StateSettingsTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("30s", 30)]
    [InlineData("30m", 1800)]
    [InlineData("24h", 86400)]
    [InlineData("1.5h", 5400)]
    [InlineData("7d", 604800)]
    [InlineData("365d", 31536000)]
    public void ReadIdle_AsTyped_IsThatLong(string text, int seconds)
    {
        StateSettings.ReadIdle(text).ShouldBe(TimeSpan.FromSeconds(seconds));
        StateSettings.IdleProblem(text).ShouldBeNull();
    }

    [Theory]
    [InlineData("24h")]
    [InlineData("7d")]
    [InlineData("30m")]
    [InlineData("90s")]
    [InlineData("36h")]
    public void Describe_AnIdleTime_ReadsBackAsTyped(string text)
    {
        StateSettings.Describe(StateSettings.ReadIdle(text)!.Value).ShouldBe(text);
    }

    [Theory]
    [InlineData("forever")]
    [InlineData("0")]
    [InlineData("0.2s")]
    [InlineData("-5m")]
    [InlineData("366d")]
    [InlineData("24 hours")]
    [InlineData("99999999999999999999d")]
    public void IdleProblem_NotAnIdleTime_SaysWhatToWrite(string text)
    {
        StateSettings.ReadIdle(text).ShouldBeNull();
        StateSettings.IdleProblem(text)!.ShouldContain("expected an idle time such as 30m, 24h or 7d");
    }

    [Fact]
    public void Resolve_NothingSet_IsMemoryForADay()
    {
        StateSettings.Resolve(null, null, null, null).ShouldBe(StateSettings.Memory);
        StateSettings.Memory.Idle.ShouldBe(TimeSpan.FromHours(24));
    }

    [Fact]
    public void Resolve_CommandLineAndFixture_CommandLineWinsPartByPart()
    {
        // Given fixtures naming a store and an idle time
        var fixture = new StateFixture("redis://from-fixtures:6379", TimeSpan.FromMinutes(30));

        // When the command line names only a store, or only `memory`
        var store = StateSettings.Resolve("redis://from-command-line:6380/2", "pw", null, fixture);
        var memory = StateSettings.Resolve("memory", null, TimeSpan.FromHours(2), fixture);
        var fromFixture = StateSettings.Resolve(null, null, null, fixture);

        // Then each part comes from the command line where given, else from the fixtures
        store.ShouldBe(new StateSettings(new RedisUrl("from-command-line", 6380, 2, null, false), "pw", TimeSpan.FromMinutes(30)));
        memory.ShouldBe(new StateSettings(null, null, TimeSpan.FromHours(2)));
        fromFixture.Redis!.Host.ShouldBe("from-fixtures");
    }

    [Fact]
    public void Resolve_PasswordWithoutRedis_IsAMistakeNotIgnored()
    {
        Should.Throw<OpMockException>(() => StateSettings.Resolve(null, "s3cret", null, null))
            .Message.ShouldContain("state is in memory: add --state redis://HOST:PORT");
    }
}
