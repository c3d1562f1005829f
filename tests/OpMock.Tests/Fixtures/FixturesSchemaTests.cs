using System.Text.Json.Nodes;
using NJsonSchema;
using OpMock.Core.Diagnostics;
using OpMock.Core.Fixtures;
using OpMock.Core.Json;
using OpMock.Core.Yaml;
using OpMock.Tests.Support;

namespace OpMock.Tests.Fixtures;

/// <summary>schemas/fixtures.schema.json: what editors check fixtures with, kept to what FixtureReader accepts.</summary>
public sealed class FixturesSchemaTests
{
    private static readonly string SchemaFile = Path.Combine(Repo.Root, "schemas", "fixtures.schema.json");

    private static async Task<JsonSchema> SchemaAsync() => await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(SchemaFile));

    /// <summary>A fixture file as the JSON an editor's YAML language server checks.</summary>
    private static string AsJson(string file, string text)
    {
        var node = YamlTree.Read(file, text, out var error) ?? throw new InvalidOperationException(error?.ToString() ?? "empty");
        return OpJson.ToCompactText(YamlJson.ToJson(node));
    }

    public static TheoryData<string> ShippedFixtures() => [.. Directory.EnumerateFiles(Repo.Fixtures, "*.yaml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(ShippedFixtures))]
    public async Task Validate_ShippedFixture_HasNoErrorsAndNamesTheSchemaOnItsFirstLine(string name)
    {
        // Given a shipped fixture file
        var text = await File.ReadAllTextAsync(Path.Combine(Repo.Fixtures, name));

        // When it is read as JSON and checked against the schema
        var errors = (await SchemaAsync()).Validate(AsJson(name, text));

        // Then it is valid, and its first line points editors at the schema
        errors.ShouldBeEmpty(string.Join("\n", errors));
        text.Split('\n')[0].ShouldBe("# yaml-language-server: $schema=../schemas/fixtures.schema.json");
    }

    [Theory]
    [InlineData("seed: many")]
    [InlineData("world: {ops: 0}")]
    [InlineData("world: {anchor: 2026-11-01}")]
    [InlineData("world: {locale: en_US}")]
    [InlineData("world: {examples: frozen}")]
    [InlineData("world: {images: none}")]
    [InlineData("errors: {validation: {status: 700}}")]
    [InlineData("pins: {ops: [{online: true}]}")]
    [InlineData("scenarios: {slow: {delay: {min: 5}}}")]
    [InlineData("scenarios: {broken: {fault: timeout}}")]
    [InlineData("scenarios: {typo: {stauts: 500}}")]
    [InlineData("sede: 1")]
    [InlineData("effects: {/op/v2/closeChat: shut}")]
    [InlineData("effects: {/op/v2/closeChat: {entity: order-1}}")]
    [InlineData("effects: {/op/v2/closeChat: {transition: close, zzz: 1}}")]
    [InlineData("kinds: {ticket: {ids: []}}")]
    [InlineData("kinds: {ticket: {relations: {handlerId: [op]}}}")]
    [InlineData("kinds: {work-order: {ids: ticketId}}")]
    [InlineData("kinds: [ticket]")]
    [InlineData("state: redis://:s3cret@redis:6379")]
    [InlineData("state: {store: redis://u:s3cret@redis:6379}")]
    [InlineData("state: {idle: forever}")]
    public async Task Validate_BrokenFixture_FailsTheSchemaAndTheReader(string yaml)
    {
        // Given a fixture with one mistake
        // When the schema and FixtureLoader read it
        var errors = (await SchemaAsync()).Validate(AsJson("bad.yaml", yaml));
        var loaded = Should.Throw<InvalidInputException>(() => FixtureLoader.Parse([("bad.yaml", yaml)]));

        // Then both refuse it
        errors.ShouldNotBeEmpty();
        loaded.Findings.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("state: memory")]
    [InlineData("state: redis://redis:6379/0")]
    [InlineData("state: {store: \"rediss://app@[::1]:6380\", idle: 24h}")]
    [InlineData("state: {idle: 3600}")]
    public async Task Validate_StateFixture_PassesTheSchemaAndTheReader(string yaml)
    {
        // Given a valid `state:` setting
        // When the schema and FixtureLoader read it
        var errors = (await SchemaAsync()).Validate(AsJson("world.yaml", yaml));
        var set = FixtureLoader.Parse([("world.yaml", yaml)]);

        // Then both take it
        errors.ShouldBeEmpty(string.Join("\n", errors));
        set.State.ShouldNotBeNull();
    }

    [Fact]
    public async Task Validate_KindsFixture_PassesTheSchemaAndTheReader()
    {
        // Given the declared-kinds tests' fixture: a kind named, one merged, one split by route, a relation declared
        // When the schema and FixtureLoader read it
        var errors = (await SchemaAsync()).Validate(AsJson("kinds.yaml", World.Kinds.KindGroupTests.Declared));
        var set = FixtureLoader.Parse([("kinds.yaml", World.Kinds.KindGroupTests.Declared)]);

        // Then both take it
        errors.ShouldBeEmpty(string.Join("\n", errors));
        set.Kinds.Select(k => k.Name).ShouldBe(["repair", "order", "callRecord", "visitRecord"]);
    }

    /// <summary>Where FixtureReader lists its keys (in its "expected one of" message), and the schema's object there.</summary>
    public static TheoryData<string, string> Places() => new()
    {
        { "zzz: 1", "" },
        { "world: {zzz: 1}", "/properties/world" },
        { "foot: {zzz: 1}", "/properties/foot" },
        { "cors: {zzz: 1}", "/properties/cors" },
        { "errors: {zzz: 1}", "/properties/errors" },
        { "errors: {validation: {zzz: 1}}", "/definitions/errorReply" },
        { "pins: {zzz: 1}", "/properties/pins" },
        { "pins: {ops: [{id: a, zzz: 1}]}", "/properties/pins/properties/ops/items" },
        { "pins: {chats: [{userId: a, operatorId: b, zzz: 1}]}", "/properties/pins/properties/chats/items" },
        { "scenarios: {s: {zzz: 1}}", "/definitions/scenario" },
        { "scenarios: {s: {delay: {min: 1, max: 2, zzz: 1}}}", "/definitions/scenario/properties/delay/oneOf/1" },
        { "effects: {/op/v2/closeChat: {zzz: 1}}", "/definitions/effect" },
        { "kinds: {ticket: {zzz: 1}}", "/definitions/kind" },
        { "state: {zzz: 1}", "/properties/state/oneOf/1" },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void Schema_EveryPlaceFixtureReaderChecks_ListsExactlyItsKeys(string yaml, string pointer)
    {
        // Given an unknown key where FixtureReader checks keys
        var error = Should.Throw<InvalidInputException>(() => FixtureLoader.Parse([("keys.yaml", yaml)]));
        var message = error.Findings.Select(f => f.Message).Single(m => m.Contains("expected one of", StringComparison.Ordinal));
        var known = message[(message.IndexOf("expected one of", StringComparison.Ordinal) + "expected one of".Length)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        // When the schema's object at the same place is read
        var schema = JsonNode.Parse(File.ReadAllText(SchemaFile))!;
        foreach (var step in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            schema = int.TryParse(step, out var index) ? schema[index]! : schema[step]!;
        }

        // Then it lists the same keys, and no others
        schema["properties"]!.AsObject().Select(p => p.Key).ShouldBe(known, ignoreOrder: true);
        schema["additionalProperties"]!.GetValue<bool>().ShouldBeFalse();
    }
}
