using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.World;
using YamlDotNet.RepresentationModel;

namespace OpMock.Core.Fixtures;

/// <summary>Reads the `scenarios` mapping: name → code, message, data, status, delay, fault, emptyLists, offline, match.</summary>
internal static class ScenarioReader
{
    private static readonly string[] Keys = ["code", "message", "data", "status", "delay", "fault", "emptyLists", "offline", "match"];

    private static readonly ImmutableDictionary<string, Fault> Faults = new Dictionary<string, Fault>
    {
        ["empty-response"] = Fixtures.Fault.EmptyResponse,
        ["malformed-chunk"] = Fixtures.Fault.MalformedChunk,
        ["drop-connection"] = Fixtures.Fault.DropConnection,
    }.ToImmutableDictionary();

    public static ImmutableDictionary<string, Scenario> Scenarios(this FixtureReader reader, YamlNode node)
    {
        var result = ImmutableDictionary.CreateBuilder<string, Scenario>();
        foreach (var (name, value) in reader.Map(node, "scenarios") ?? [])
        {
            result[name] = reader.Scenario(name, value);
        }

        return result.ToImmutable();
    }

    private static Scenario Scenario(this FixtureReader reader, string name, YamlNode node)
    {
        var scenario = new Scenario(name, reader.File, reader.Line(node));
        foreach (var (key, value) in reader.Map(node, $"scenarios.{name}", Keys) ?? [])
        {
            var what = $"scenarios.{name}.{key}";
            scenario = key switch
            {
                "code" => reader.Int(value, what) is { } code ? scenario with { Code = code } : scenario,
                "message" => reader.Text(value, what) is { } message ? scenario with { Message = message } : scenario,
                "data" => scenario with { Data = Optional<JsonNode?>.Of(YamlJson.ToJson(value)) },
                "status" => reader.Status(value, what) is { } status ? scenario with { Status = status } : scenario,
                "delay" => reader.Delay(value, what, scenario),
                "fault" => reader.WithFault(value, what, scenario),
                "emptyLists" => reader.Bool(value, what) is { } empty ? scenario with { EmptyLists = empty } : scenario,
                "offline" => reader.Bool(value, what) is { } offline ? scenario with { Offline = offline } : scenario,
                _ => scenario with { Match = reader.Match(value, what) },
            };
        }

        return scenario;
    }

    /// <summary>`delay: 300` (ms) or `delay: {min: 100, max: 800}` (random, uniform).</summary>
    private static Scenario Delay(this FixtureReader reader, YamlNode node, string what, Scenario scenario)
    {
        if (node is YamlScalarNode)
        {
            return reader.Int(node, what, 0) is { } ms ? scenario with { DelayMs = ms, DelayMaxMs = ms } : scenario;
        }

        int? min = null, max = null;
        foreach (var (key, value) in reader.Map(node, what, "min", "max") ?? [])
        {
            (min, max) = key == "min" ? (reader.Int(value, what + ".min", 0), max) : (min, reader.Int(value, what + ".max", 0));
        }

        if (min is null || max is null || max < min)
        {
            reader.Error(node, $"`{what}` needs `min` and `max` in milliseconds, with min ≤ max");
            return scenario;
        }

        return scenario with { DelayMs = min.Value, DelayMaxMs = max.Value };
    }

    private static Scenario WithFault(this FixtureReader reader, YamlNode node, string what, Scenario scenario)
    {
        if (Faults.TryGetValue(YamlJson.Text(node), out var fault))
        {
            return scenario with { Fault = fault };
        }

        reader.Error(node, $"`{what}` must be one of {string.Join(", ", Faults.Keys.Order())}, found `{YamlJson.Text(node)}`");
        return scenario;
    }

    private static ImmutableDictionary<string, string> Match(this FixtureReader reader, YamlNode node, string what) =>
        (reader.Map(node, what) ?? []).Select(e => (e.Key, Value: reader.Text(e.Value, what + "." + e.Key)))
            .Where(e => e.Value is not null).ToImmutableDictionary(e => e.Key, e => e.Value!);
}
