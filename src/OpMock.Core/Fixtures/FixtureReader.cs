using System.Collections.Immutable;
using System.Globalization;
using OpMock.Core.Diagnostics;
using OpMock.Core.World;
using OpMock.Core.World.Actions;
using OpMock.Core.World.State;
using YamlDotNet.RepresentationModel;

namespace OpMock.Core.Fixtures;

/// <summary>Reads the settings of one fixture file, adding a file:line finding for each mistake.</summary>
internal sealed class FixtureReader(string file, List<Finding> findings)
{
    public void Error(YamlNode node, string message) =>
        findings.Add(new Finding(file, (int)node.Start.Line, Severity.Error, message));

    public int Line(YamlNode node) => (int)node.Start.Line;

    public string File => file;

    public int? Int(YamlNode node, string what, int min = int.MinValue, int max = int.MaxValue)
    {
        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error(node, (min, max) switch
        {
            (int.MinValue, int.MaxValue) => $"`{what}` must be a whole number",
            (_, int.MaxValue) => $"`{what}` must be a whole number ≥ {min}, found `{YamlJson.Text(node)}`",
            _ => $"`{what}` must be a whole number from {min} to {max}, found `{YamlJson.Text(node)}`",
        });
        return null;
    }

    public bool? Bool(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } text } && bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(node, $"`{what}` must be true or false, found `{YamlJson.Text(node)}`");
        return null;
    }

    public string? Text(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } text })
        {
            return text;
        }

        Error(node, $"`{what}` must be text");
        return null;
    }

    /// <summary>The entries of a mapping whose keys must come from <paramref name="keys"/>; null when not a mapping.</summary>
    public IEnumerable<(string Key, YamlNode Value)>? Map(YamlNode node, string what, params string[] keys)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"`{what}` must be a mapping" + (keys.Length > 0 ? $" with some of: {string.Join(", ", keys)}" : ""));
            return null;
        }

        var entries = new List<(string, YamlNode)>();
        foreach (var (key, value) in map.Children)
        {
            var name = YamlJson.Text(key);
            if (keys.Length > 0 && !keys.Contains(name))
            {
                Error(key, $"unknown setting `{name}` in `{what}`; expected one of {string.Join(", ", keys)}");
                continue;
            }

            entries.Add((name, value));
        }

        return entries;
    }

    public WorldOptions World(YamlNode node, WorldOptions world)
    {
        foreach (var (key, value) in Map(node, "world", "ops", "users", "anchor", "windowDays", "locale", "examples", "images") ?? [])
        {
            world = key switch
            {
                "ops" => Int(value, "world.ops", 1, WorldBounds.MaxOps) is { } ops ? world with { Ops = ops } : world,
                "users" => Int(value, "world.users", 1, WorldBounds.MaxUsers) is { } users ? world with { Users = users } : world,
                "windowDays" => Int(value, "world.windowDays", 1, WorldBounds.MaxWindowDays) is { } days ? world with { WindowDays = days } : world,
                "anchor" => Anchor(value) is { } anchor ? world with { Anchor = anchor, FrozenAnchor = anchor } : world,
                "examples" => Either(value, "world.examples", "present", "verbatim") is { } verbatim ? world with { VerbatimExamples = verbatim } : world,
                "images" => Either(value, "world.images", "offline", "documented") is { } documented ? world with { DocumentedImages = documented } : world,
                _ => Locale(value, world),
            };
        }

        return world;
    }

    public Foot Foot(YamlNode node, Foot foot)
    {
        foreach (var (key, value) in Map(node, "foot", "servicePhone", "host") ?? [])
        {
            var text = Text(value, "foot." + key);
            foot = text is null ? foot : key == "host" ? foot with { Host = text } : foot with { ServicePhone = text };
        }

        return foot;
    }

    public ImmutableArray<string> Origins(YamlNode node, ImmutableArray<string> origins)
    {
        foreach (var (_, value) in Map(node, "cors", "origins") ?? [])
        {
            if (value is YamlSequenceNode list && list.Children.All(c => c is YamlScalarNode))
            {
                origins = [.. list.Children.Select(YamlJson.Text)];
            }
            else
            {
                Error(value, "`cors.origins` must be a list of origins (https://app.example.com) or [\"*\"]");
            }
        }

        return origins;
    }

    /// <summary>`state: redis://HOST:PORT[/DB]`, or a mapping with `store` and `idle` (24h).</summary>
    public StateFixture State(YamlNode node, StateFixture? state)
    {
        state ??= new StateFixture(null, null);
        if (node is YamlScalarNode)
        {
            return StateStore(node) is { } store ? state with { Store = store } : state;
        }

        foreach (var (key, value) in Map(node, "state", "store", "idle") ?? [])
        {
            state = key switch
            {
                "store" => StateStore(value) is { } store ? state with { Store = store } : state,
                _ => Idle(value) is { } idle ? state with { Idle = idle } : state,
            };
        }

        return state;
    }

    private string? StateStore(YamlNode node)
    {
        var text = Text(node, "state.store");
        if (text is not null && RedisUrl.Problem(text) is { } problem)
        {
            Error(node, $"`state.store`: {problem}");
            return null;
        }

        return text;
    }

    private TimeSpan? Idle(YamlNode node)
    {
        var text = YamlJson.Text(node);
        if (node is YamlScalarNode && StateSettings.ReadIdle(text) is { } idle)
        {
            return idle;
        }

        Error(node, $"`state.idle`: {StateSettings.IdleProblem(text) ?? "must be text"}");
        return null;
    }

    public ErrorReplies Errors(YamlNode node, ErrorReplies errors)
    {
        string[] keys = ["validation", "notFound", "methodNotAllowed", "unknownScenario", .. Preconditions.Table.Select(r => r.Key), "routes"];
        foreach (var (key, value) in Map(node, "errors", keys) ?? [])
        {
            errors = key switch
            {
                "validation" => errors with { Validation = Reply(value, key, errors.Validation) },
                "notFound" => errors with { NotFound = Reply(value, key, errors.NotFound) },
                "methodNotAllowed" => errors with { MethodNotAllowed = Reply(value, key, errors.MethodNotAllowed) },
                "unknownScenario" => errors with { UnknownScenario = Reply(value, key, errors.UnknownScenario) },
                "routes" => errors with { Routes = RouteReplies(value, errors) },
                _ => Preconditions.Row(key) is { } row
                    ? errors with { Refusals = errors.Refusals.SetItem(row.Case, Reply(value, key, errors.Refusals[row.Case])) } : errors,
            };
        }

        return errors;
    }

    /// <summary>`errors.routes`: per documented route, its own refusal answers; a case left out keeps the default.</summary>
    private ImmutableDictionary<string, RouteErrors> RouteReplies(YamlNode node, ErrorReplies errors)
    {
        var routes = errors.Routes;
        string[] keys = [.. Preconditions.Table.Select(r => r.Key)];
        foreach (var (route, value) in Map(node, "errors.routes") ?? [])
        {
            var replies = routes.GetValueOrDefault(route)?.Replies ?? ImmutableDictionary<Refusal, ErrorReply>.Empty;
            foreach (var (key, reply) in Map(value, $"errors.routes.{route}", keys) ?? [])
            {
                var refusal = Preconditions.Row(key)!.Case;
                replies = replies.SetItem(refusal, Reply(reply, $"routes.{route}.{key}", replies.GetValueOrDefault(refusal) ?? errors.Refusals[refusal]));
            }

            routes = routes.SetItem(route, new RouteErrors(route, replies, File, Line(value)));
        }

        return routes;
    }

    private ErrorReply Reply(YamlNode node, string name, ErrorReply reply)
    {
        foreach (var (key, value) in Map(node, "errors." + name, "code", "message", "status") ?? [])
        {
            reply = key switch
            {
                "code" => Int(value, $"errors.{name}.code") is { } code ? reply with { Code = code } : reply,
                "status" => Status(value, $"errors.{name}.status") is { } status ? reply with { Status = status } : reply,
                _ => Text(value, $"errors.{name}.message") is { } message ? reply with { Message = message } : reply,
            };
        }

        return reply;
    }

    public int? Status(YamlNode node, string what)
    {
        var status = Int(node, what);
        if (status is { } given && WorldBounds.StatusProblem(given) is { } problem)
        {
            Error(node, $"`{what}`: {problem}");
            return null;
        }

        return status;
    }

    private DateTimeOffset? Anchor(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { } text }
            && DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (WorldBounds.AnchorProblem(local) is { } problem)
            {
                Error(node, $"`world.anchor` {problem}, found `{text}`");
                return null;
            }

            return new DateTimeOffset(local, WorldOptions.ChinaOffset);
        }

        Error(node, $"`world.anchor` must be a China time written yyyy-MM-dd HH:mm:ss, found `{YamlJson.Text(node)}`");
        return null;
    }

    /// <summary>
    /// A switch of two words: `world.examples` `present` (the default: example instants move to today as one block) or
    /// `verbatim`; `world.images` `offline` (the default: the examples' images are served by OpMock) or `documented`.
    /// True for the second word, null (and an error) for anything else.
    /// </summary>
    private bool? Either(YamlNode node, string setting, string usual, string kept)
    {
        var text = YamlJson.Text(node);
        if (text == usual || text == kept)
        {
            return text == kept;
        }

        Error(node, $"`{setting}` must be `{usual}` (the default) or `{kept}`, found `{text}`");
        return null;
    }

    private WorldOptions Locale(YamlNode node, WorldOptions world)
    {
        if (YamlJson.Text(node) != "zh_CN")
        {
            Error(node, $"`world.locale` can only be zh_CN (the docs' servers are Chinese), found `{YamlJson.Text(node)}`");
        }

        return world;
    }
}
