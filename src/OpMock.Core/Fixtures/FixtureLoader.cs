using System.Collections.Immutable;
using OpMock.Core.Diagnostics;
using OpMock.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace OpMock.Core.Fixtures;

/// <summary>
/// Reads fixtures/*.yaml in name order; later files override earlier settings, add pins and add or
/// replace scenarios. Any error fails the whole load with file:line findings, so the server never
/// starts half-configured. The representation model keeps every node's line.
/// </summary>
internal static class FixtureLoader
{
    private static readonly string[] TopKeys = ["seed", "world", "foot", "cors", "errors", "pins", "scenarios", "effects", "kinds", "state"];

    public static async Task<FixtureSet> LoadAsync(string? folder, CancellationToken cancellationToken = default)
    {
        if (folder is null || !Directory.Exists(folder))
        {
            return FixtureSet.Default;
        }

        var files = Directory.EnumerateFiles(folder, "*.yaml").Concat(Directory.EnumerateFiles(folder, "*.yml"))
            .Order(StringComparer.Ordinal).ToList();
        var texts = new List<(string File, string Text)>();
        var unread = new List<Finding>();
        foreach (var file in files)
        {
            var name = Path.Combine(Path.GetFileName(folder.TrimEnd('/', '\\')), Path.GetFileName(file));
            if (await InputFile.ReadTextAsync(file, name, unread, cancellationToken) is { } text)
            {
                texts.Add((name, text));
            }
        }

        return unread.Count > 0 ? throw new InvalidInputException(unread) : Parse(texts);
    }

    public static FixtureSet Parse(IEnumerable<(string File, string Text)> files)
    {
        var findings = new List<Finding>();
        var set = FixtureSet.Default;
        foreach (var (file, text) in files)
        {
            set = ParseOne(file, text, set, findings);
        }

        // An effect's entity may be a kind a `kinds:` of any file names.
        set = set.Kinds.IsEmpty ? set : set with { Effects = set.Effects.ToImmutableDictionary(p => p.Key, p => p.Value with { Kinds = set.Kinds }, set.Effects.KeyComparer) };

        return findings.Any(f => f.Severity == Severity.Error) ? throw new InvalidInputException(findings) : set;
    }

    private static FixtureSet ParseOne(string file, string text, FixtureSet set, List<Finding> findings)
    {
        // A 0-byte file is nearly always a save caught half-way (or a truncation): read as "no settings", it
        // would silently reset the world. Deleting a file is how a fixture is dropped.
        if (text.Length == 0)
        {
            findings.Add(new Finding(file, 1, Severity.Error, "file: empty (0 bytes); give it content, or delete it to drop it"));
            return set;
        }

        if (YamlTree.Read(file, text, out var broken) is not { } rootNode)
        {
            if (broken is not null)
            {
                findings.Add(broken);
            }

            return set;
        }

        var reader = new FixtureReader(file, findings);
        if (rootNode is not YamlMappingNode root)
        {
            reader.Error(rootNode, $"expected a mapping with some of: {string.Join(", ", TopKeys)}");
            return set;
        }

        foreach (var (key, value) in root.Children)
        {
            set = YamlJson.Text(key) switch
            {
                "seed" => reader.Int(value, "seed") is { } seed ? set with { World = set.World with { Seed = seed } } : set,
                "world" => set with { World = reader.World(value, set.World) },
                "foot" => set with { Foot = reader.Foot(value, set.Foot) },
                "cors" => set with { CorsOrigins = reader.Origins(value, set.CorsOrigins) },
                "errors" => set with { Errors = reader.Errors(value, set.Errors) },
                "pins" => set with { Pins = reader.Pins(value, set.Pins) },
                "scenarios" => set with { Scenarios = set.Scenarios.SetItems(reader.Scenarios(value)) },
                "effects" => set with { Effects = set.Effects.SetItems(reader.Effects(value)) },
                "kinds" => set with { Kinds = Later(set.Kinds, reader.Kinds(value)) },
                "state" => set with { State = reader.State(value, set.State) },
                var other => Unknown(reader, key, other, set),
            };
        }

        return set;
    }

    /// <summary>A kind a later file declares again replaces the earlier declaration, as other settings do.</summary>
    private static ImmutableArray<World.Kinds.DeclaredKind> Later(ImmutableArray<World.Kinds.DeclaredKind> earlier, ImmutableArray<World.Kinds.DeclaredKind> later) =>
        [.. earlier.Where(k => !later.Any(l => l.Name == k.Name)), .. later];

    private static FixtureSet Unknown(FixtureReader reader, YamlNode key, string name, FixtureSet set)
    {
        reader.Error(key, $"unknown setting `{name}`; expected one of {string.Join(", ", TopKeys)}");
        return set;
    }
}
