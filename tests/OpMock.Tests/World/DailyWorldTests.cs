using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpMock.Core.World;
using OpMock.Tests.Support;

namespace OpMock.Tests.World;

public sealed class DailyWorldTests
{
    private static readonly DateTimeOffset Morning = new(2026, 3, 10, 8, 0, 0, WorldOptions.ChinaOffset);

    private static DailyWorld Worlds(WorldOptions options, TimeProvider time) => new(options, o => new OpWorld(o, Pins.None), time);

    [Fact]
    public void Today_AllDayLong_IsOneWorldAnchoredAtTheDaysStart()
    {
        // Given the clock at 08:00 China time
        var clock = new FakeTimeProvider(Morning);
        var worlds = Worlds(WorldOptions.Default, clock);
        var morning = worlds.Today;

        // When it runs to a second before midnight
        clock.Advance(TimeSpan.FromHours(16) - TimeSpan.FromSeconds(1));

        // Then the world is the same one, anchored at 00:00 of the day, and all its times are before now
        worlds.Today.ShouldBeSameAs(morning);
        morning.Options.Anchor.ShouldBe(new DateTimeOffset(2026, 3, 10, 0, 0, 0, WorldOptions.ChinaOffset));
        Enumerable.Range(0, 500).Select(i => morning.ChatOf(morning.UserId(i)).CreateTime).ShouldAllBe(t => t < Morning);
    }

    [Fact]
    public void Today_NextDay_IsTheSameWorldOneDayOn()
    {
        var clock = new FakeTimeProvider(Morning);
        var worlds = Worlds(WorldOptions.Default, clock);
        var today = worlds.Today;

        // When the day turns
        clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = worlds.Today;

        // Then the users are the same and every chat moved a day on with the anchor
        tomorrow.Options.Anchor.ShouldBe(today.Options.Anchor.AddDays(1));
        for (var i = 0; i < 300; i++)
        {
            var userId = today.UserId(i);
            (tomorrow.User(userId).UserName, tomorrow.User(userId).Phone).ShouldBe((today.User(userId).UserName, today.User(userId).Phone));
            (tomorrow.ChatOf(userId).CreateTime - today.ChatOf(userId).CreateTime).ShouldBe(TimeSpan.FromDays(1));
        }
    }

    [Fact]
    public void Today_FrozenAnchor_NeverMoves()
    {
        var frozen = new DateTimeOffset(2026, 11, 1, 0, 0, 0, WorldOptions.ChinaOffset);
        var clock = new FakeTimeProvider(Morning);
        var worlds = Worlds(WorldOptions.Default with { FrozenAnchor = frozen }, clock);
        var first = worlds.Today;

        clock.Advance(TimeSpan.FromDays(40));

        worlds.Today.ShouldBeSameAs(first);
        first.Options.Anchor.ShouldBe(frozen);
    }

    [Fact]
    public async Task Server_SameDay_AnswersTheSameBytesAndAFrozenAnchorKeepsThemAcrossDays()
    {
        // Given a server on the frozen fixtures (following the clock) and one whose fixtures freeze the anchor
        using var temp = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(TestFixtures.Base))
        {
            File.Copy(file, Path.Combine(temp.Path, Path.GetFileName(file)));
        }

        temp.Write("zz-anchor.yaml", "world:\n  anchor: \"2026-11-01 00:00:00\"\n");
        var clock = new FakeTimeProvider(Morning);
        await using var following = await MockHost.StartAsync(Options(TestFixtures.Base), clock);
        await using var frozen = await MockHost.StartAsync(Options(temp.Path), clock);
        var body = $$"""{"userId":"{{following.Server.Engine.State.Data.World.UserId(77)}}"}""";

        // When each is asked at 08:00, at 23:59 and the next morning
        var at8 = await DataAsync(following);
        var frozenAt8 = await DataAsync(frozen);
        clock.Advance(TimeSpan.FromHours(15) + TimeSpan.FromMinutes(59));
        var at2359 = await DataAsync(following);
        clock.Advance(TimeSpan.FromHours(8));
        var nextDay = await DataAsync(following);
        var frozenNextDay = await DataAsync(frozen);

        // Then a day's answers are byte-identical, the next day's times have moved, and a frozen anchor moves nothing
        at2359.ShouldBe(at8);
        nextDay.ShouldNotBe(at8);
        frozenNextDay.ShouldBe(frozenAt8);
        JsonNode.Parse(frozenAt8)!["createTime"]!.GetValue<long>().ShouldBeLessThan(new DateTimeOffset(2026, 11, 1, 0, 0, 0, WorldOptions.ChinaOffset).ToUnixTimeMilliseconds());

        async Task<string> DataAsync(MockHost host) =>
            MockHost.SameImageHost((await MockHost.JsonAsync(await host.PostDirectAsync(Routes.ChatInfo, body)))["data"]!.ToJsonString());

        static OpMock.Core.Server.MockServerOptions Options(string fixtures) =>
            new(TestDocs.Base, TestDocs.BaseOverrides, fixtures, Port: 0, AppPort: 0);
    }
}
