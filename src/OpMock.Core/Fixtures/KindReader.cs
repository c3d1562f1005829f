using System.Collections.Immutable;
using OpMock.Core.World.Kinds;
using YamlDotNet.RepresentationModel;

namespace OpMock.Core.Fixtures;

/// <summary>
/// Reads `kinds:` — kind name → <c>ids</c> (a field or a list: two or more merge), <c>routes</c> (the kind's ids name
/// it only there: a split) and <c>relations</c> (field → kind name). Whether the fields, routes and kinds exist is
/// checked when the docs are loaded with the fixtures (<see cref="KindDiscovery"/>).
/// </summary>
internal static class KindReader
{
    private static readonly string[] Keys = ["ids", "routes", "relations"];

    public static ImmutableArray<DeclaredKind> Kinds(this FixtureReader reader, YamlNode node)
    {
        var kinds = ImmutableArray.CreateBuilder<DeclaredKind>();
        foreach (var (name, value) in reader.Map(node, "kinds") ?? [])
        {
            if (name.Length == 0 || !char.IsAsciiLetter(name[0]) || !name.All(char.IsAsciiLetterOrDigit))
            {
                reader.Error(value, $"kinds: `{name}` is no kind name; use a word of letters and digits (ticket, callRecord)");
                continue;
            }

            var kind = new DeclaredKind(name, [], [], [], reader.File, reader.Line(value));
            foreach (var (key, setting) in reader.Map(value, $"kinds.{name}", Keys) ?? [])
            {
                var what = $"kinds.{name}.{key}";
                kind = key switch
                {
                    "ids" => kind with { Ids = reader.Words(setting, what) },
                    "routes" => kind with { Routes = reader.Words(setting, what) },
                    _ => kind with { Relations = [.. (reader.Map(setting, what) ?? [])
                        .Select(r => (Field: r.Key, Kind: reader.Text(r.Value, $"{what}.{r.Key}"), Line: reader.Line(r.Value)))
                        .Where(r => r.Kind is not null).Select(r => (new Located(r.Field, r.Line), new Located(r.Kind!, r.Line)))] },
                };
            }

            kinds.Add(kind);
        }

        return kinds.ToImmutable();
    }

    /// <summary>A word or a list of words (<c>ids: orderId</c>, <c>ids: [orderId, orderNo]</c>), each with its line.</summary>
    private static ImmutableArray<Located> Words(this FixtureReader reader, YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } one })
        {
            return [new Located(one, reader.Line(node))];
        }

        if (node is YamlSequenceNode list && list.Children.Count > 0 && list.Children.All(c => c is YamlScalarNode { Value.Length: > 0 }))
        {
            return [.. list.Children.Select(c => new Located(YamlJson.Text(c), reader.Line(c)))];
        }

        reader.Error(node, $"`{what}` must be a field or route, or a list of them ([orderId, orderNo])");
        return [];
    }
}
