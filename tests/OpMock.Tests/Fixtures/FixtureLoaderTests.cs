using OpMock.Core.Diagnostics;
using OpMock.Core.Fixtures;
using OpMock.Tests.Support;

namespace OpMock.Tests.Fixtures;

public sealed class FixtureLoaderTests
{
    [Fact]
    public async Task Load_FixturesFolder_ReadsTheWorldAndScenarios()
    {
        var set = await FixtureLoader.LoadAsync(TestFixtures.Base);

        set.World.Seed.ShouldBe(20160308);
        set.Scenarios.Keys.ShouldContain("server-error");
        set.Scenarios["drop-connection"].Fault.ShouldBe(Fault.DropConnection);
    }

    [Fact]
    public void Parse_PinnedChatViews_ReadTheSharedChatFields()
    {
        var set = FixtureLoader.Parse([("f.yaml", """
            pins:
              chats:
                - userId: u1
                  operatorId: o1
                  views:
                    /op/v2/receives: {"chatId": "c1", "groupId": "123", "nickName": "阿洋", "createTime": "2016-01-06 10:59:12"}
            """)]);

        var chat = set.Pins.Chats.Single();
        chat.ChatId.ShouldBe("c1");
        chat.GroupId.ShouldBe("123");
        chat.NickName.Value.ShouldBe("阿洋");
        chat.CreateTime!.Value.ToUnixTimeMilliseconds().ShouldBe(new DateTimeOffset(2016, 1, 6, 10, 59, 12, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("seed: 1\nworld: [1\n", 3, "not valid YAML")]
    [InlineData("sed: 1\n", 1, "unknown setting `sed`")]
    [InlineData("world:\n  users: -5\n", 2, "world.users")]
    [InlineData("world:\n  anchor: yesterday\n", 2, "yyyy-MM-dd HH:mm:ss")]
    [InlineData("world:\n  locale: en_US\n", 2, "zh_CN")]
    [InlineData("world:\n  examples: frozen\n", 2, "`world.examples` must be `present` (the default) or `verbatim`")]
    [InlineData("world:\n  images: [a]\n", 2, "`world.images` must be `offline` (the default) or `documented`")]
    [InlineData("scenarios:\n  x:\n    fault: explode\n", 3, "drop-connection")]
    [InlineData("scenarios:\n  x:\n    status: 42\n", 3, "HTTP status")]
    [InlineData("scenarios:\n  x:\n    delay: {min: 9, max: 1}\n", 3, "min ≤ max")]
    [InlineData("scenarios:\n  x:\n    colour: red\n", 3, "unknown setting `colour`")]
    [InlineData("errors:\n  validation: {code: abc}\n", 2, "errors.validation.code")]
    [InlineData("errors:\n  chatClosed: {code: abc}\n", 2, "errors.chatClosed.code")]
    [InlineData("errors:\n  routes:\n    /op/v2/closeChat:\n      closed: {code: 1}\n", 4, "unknown setting `closed` in `errors.routes./op/v2/closeChat`")]
    [InlineData("errors:\n  routes:\n    /op/v2/closeChat:\n      chatClosed: {status: 99}\n", 4, "errors.routes./op/v2/closeChat.chatClosed.status")]
    [InlineData("pins:\n  chats:\n    - userId: u1\n", 3, "operatorId")]
    [InlineData("pins:\n  chats:\n    - userId: u1\n      operatorId: o1\n      views:\n        /a: {\"chatId\": \"c1\"}\n        /b: {\"chatId\": \"c2\"}\n", 3, "disagree on `chatId`")]
    [InlineData("pins:\n  chats:\n    - userId: u1\n      operatorId: o1\n      views:\n        /a: {\"nickName\": 5}\n", 3, "`nickName` in a view has the wrong type")]
    [InlineData("pins:\n  chats:\n    - userId: u1\n      operatorId: o1\n      views:\n        /a: {\"createTime\": 99999999999999999}\n", 3, "`createTime` in a view")]
    [InlineData("pins:\n  chats:\n    - userId: u1\n      operatorId: o1\n      views:\n        /a: {\"chatId\": [1]}\n", 3, "`chatId` in a view has the wrong type")]
    [InlineData("scenarios:\n  slow:\n    delay: {min: 800, max: 1500\n  empty-lists:\n    emptyLists: true\n", 3, "not valid YAML")]
    [InlineData("scenarios:\n  x: {code: 1}\n  x: {code: 2}\n", 3, "Duplicate key")]
    [InlineData("seed: 1\nstate: redis://:s3cret@redis:6379\n", 2, "a password in the state URL")]
    [InlineData("state:\n  store: mysql://db:3306\n", 2, "use memory or redis://HOST:PORT[/DB]")]
    [InlineData("state:\n  store: redis://redis:6379/zero\n", 2, "not a Redis database number")]
    [InlineData("state:\n  idle: forever\n", 2, "state.idle")]
    [InlineData("state:\n  ttl: 1h\n", 2, "unknown setting `ttl` in `state`")]
    public void Parse_BrokenFixture_FailsNamingFileAndLine(string yaml, int line, string message)
    {
        // When a broken fixture is read
        var error = Should.Throw<InvalidInputException>(() => FixtureLoader.Parse([("fixtures/bad.yaml", yaml)]));

        // Then the finding names the file, the line and the problem
        var finding = error.Findings.First();
        finding.File.ShouldBe("fixtures/bad.yaml");
        finding.Line.ShouldBe(line);
        finding.Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("state: redis://redis:6379/2", "redis://redis:6379/2", null)]
    [InlineData("state: {store: memory, idle: 30m}", "memory", 1800)]
    [InlineData("state: {idle: 7d}", null, 604800)]
    [InlineData("state: {idle: 90}", null, 90)]
    public void Parse_State_ReadsTheStoreAndTheIdleTime(string yaml, string? store, int? idleSeconds)
    {
        // When a fixture naming where state lives is read
        var state = FixtureLoader.Parse([("world.yaml", yaml)]).State!;

        // Then the store and the idle time are as written (unset parts stay unset: the command line or defaults fill them)
        state.Store.ShouldBe(store);
        state.Idle.ShouldBe(idleSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
    }

    [Fact]
    public void Parse_NestingDeeperThanTheLimit_FailsNamingTheLine()
    {
        // Given scenario data nested 10,000 levels deep (a recursive tree loader would overflow the stack)
        var yaml = "scenarios:\n  x:\n    data: " + new string('[', 10_000) + new string(']', 10_000) + "\n";

        // When it is read, then the process survives and the finding names the line
        var error = Should.Throw<InvalidInputException>(() => FixtureLoader.Parse([("fixtures/deep.yaml", yaml)]));
        error.Findings.Single().ToString().ShouldBe("fixtures/deep.yaml:3: error: nested more than 64 levels deep");
    }

    [Fact]
    public void Parse_NumbersJsonCannotWrite_StayText()
    {
        // Given scenario data with numbers that parse as doubles but have no JSON form
        var set = FixtureLoader.Parse([("f.yaml", "scenarios:\n  x:\n    data: [1e999999, NaN, -Infinity, 1.5]\n")]);

        // When the data is written as JSON, then the infinite and NaN values are their text
        Core.Json.OpJson.ToCompactText(set.Scenarios["x"].Data.Value).ShouldBe("""["1e999999","NaN","-Infinity",1.5]""");
    }

    [Fact]
    public void Parse_LaterFile_OverridesEarlierSettings()
    {
        var set = FixtureLoader.Parse([("a.yaml", "seed: 1\nscenarios:\n  x: {code: 1}\n"), ("b.yaml", "seed: 2\nscenarios:\n  x: {code: 2}\n")]);

        set.World.Seed.ShouldBe(2);
        set.Scenarios["x"].Code.ShouldBe(2);
    }
}
