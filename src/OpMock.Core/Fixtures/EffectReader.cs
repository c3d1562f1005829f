using System.Collections.Immutable;
using OpMock.Core.World;
using OpMock.Core.World.Actions;
using YamlDotNet.RepresentationModel;

namespace OpMock.Core.Fixtures;

/// <summary>
/// Reads `effects:` — route → a transition (`close`, `none` …) or a mapping of `transition`, `entity`, `list`, `to`,
/// `fields`. Whether the route and its fields exist is checked when the docs are loaded with the fixtures.
/// </summary>
internal static class EffectReader
{
    private static readonly string[] Keys = ["transition", "entity", "list", "to", "fields"];

    public static ImmutableDictionary<string, DeclaredEffect> Effects(this FixtureReader reader, YamlNode node)
    {
        var result = ImmutableDictionary.CreateBuilder<string, DeclaredEffect>(StringComparer.OrdinalIgnoreCase);
        foreach (var (route, value) in reader.Map(node, "effects") ?? [])
        {
            if (!route.StartsWith('/'))
            {
                reader.Error(value, $"effects: `{route}` is not a route; name it by its path (/op/v2/closeChat)");
                continue;
            }

            if (reader.Effect(route, value) is { } effect)
            {
                result[route] = effect;
            }
        }

        return result.ToImmutable();
    }

    private static DeclaredEffect? Effect(this FixtureReader reader, string route, YamlNode node)
    {
        var effect = new DeclaredEffect(route, null, null, null, null, ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase), reader.File, reader.Line(node));
        if (node is YamlScalarNode)
        {
            return reader.Transition(node, $"effects.{route}") is { } only ? effect with { Transition = only } : null;
        }

        foreach (var (key, value) in reader.Map(node, $"effects.{route}", Keys) ?? [])
        {
            var what = $"effects.{route}.{key}";
            effect = key switch
            {
                "transition" => effect with { Transition = reader.Transition(value, what) },
                // A kind by its name in the kinds table: a built-in one now, any other once the docs' kinds are known (EffectTable).
                "entity" => World.Kinds.KindTable.BuiltIn.Named(YamlJson.Text(value)) is { } row ? effect with { Entity = row.Kind }
                    : reader.Text(value, what) is { Length: > 0 } name && name.All(char.IsAsciiLetterOrDigit) && char.IsAsciiLetter(name[0]) ? effect with { EntityName = name, EntityLine = reader.Line(value) }
                    : Error(reader, value, $"`{what}` must name a kind (chat, message, op, user, or one the docs or `kinds:` name), found `{YamlJson.Text(value)}`", effect),
                "list" => reader.Text(value, what) is { } list && ItemIds.IsItemId(list) ? effect with { List = list }
                    : Error(reader, value, $"`{what}` must name the field holding the list's item ids (…Id, not an entity id such as chatId), found `{YamlJson.Text(value)}`", effect),
                "to" => reader.Text(value, what) is { } to ? effect with { To = to } : effect,
                _ => effect with { Fields = (reader.Map(value, what) ?? []).Select(e => (e.Key, Value: reader.Text(e.Value, what + "." + e.Key)))
                    .Where(e => e.Value is not null).ToImmutableDictionary(e => e.Key, e => e.Value!, StringComparer.OrdinalIgnoreCase) },
            };
        }

        return effect;
    }

    private static Transition? Transition(this FixtureReader reader, YamlNode node, string what)
    {
        var text = YamlJson.Text(node);
        foreach (var transition in Enum.GetValues<Transition>())
        {
            if (World.Actions.Effect.Name(transition) == text)
            {
                return transition;
            }
        }

        reader.Error(node, $"`{what}` must be one of {string.Join(", ", Enum.GetValues<Transition>().Select(World.Actions.Effect.Name))}, found `{text}`");
        return null;
    }

    private static DeclaredEffect Error(FixtureReader reader, YamlNode node, string message, DeclaredEffect effect)
    {
        reader.Error(node, message);
        return effect;
    }
}
