using System.Collections.Immutable;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Kinds;

/// <summary>
/// The id fields that name one described kind and the routes on which they do: one per id field the docs' words
/// make a kind (<c>ticketId</c>), unless the fixtures name it, merge it with others or split it by route
/// (<see cref="DeclaredKind"/>). <see cref="KindDiscovery"/> makes a row of each.
/// </summary>
/// <param name="Only">The routes on which the ids name this kind (a split); null for every route.</param>
/// <param name="Except">Routes on which another kind claims the ids (the other side of a split).</param>
internal sealed record KindGroup(string Name, ImmutableArray<string> Ids, ImmutableHashSet<string>? Only, ImmutableHashSet<string> Except)
{
    public bool Owns(string field) => Ids.Contains(field, StringComparer.OrdinalIgnoreCase);

    public bool Serves(string route) => (Only is null || Only.Contains(route)) && !Except.Contains(route);

    /// <summary>The index of the group a field names (a relation to another described kind): an unsplit one first.</summary>
    public static int IndexOf(ImmutableArray<KindGroup> groups, string field) =>
        groups.IndexOf(groups.Where(g => g.Owns(field)).OrderBy(g => g.Only is null ? 0 : 1).First());

    /// <summary>
    /// The groups of the described kinds: the fixtures' declarations (checked against the docs, each mistake a finding
    /// at its file:line), then each id field the docs' words make a kind that no declaration took, under its own name.
    /// </summary>
    public static ImmutableArray<KindGroup> Of(List<string> addressed, IReadOnlyList<DeclaredKind> declared, List<Endpoint> docs,
        List<(Endpoint Endpoint, string? Section, ImmutableArray<DocField> Fields)> objects, List<Finding> findings)
    {
        var routes = docs.Select(e => e.Route).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var shown = objects.SelectMany(o => o.Fields.Select(f => (o.Endpoint.Route, f.Name))).ToHashSet();
        var groups = new List<KindGroup>();
        var taken = new Dictionary<string, DeclaredKind>(StringComparer.OrdinalIgnoreCase);
        var split = declared.Where(d => d.Routes.Length > 0).ToList();
        foreach (var kind in declared)
        {
            var ids = kind.Ids.Length > 0 ? kind.Ids : addressed.Where(a => a[..^2] == kind.Name).Select(a => new Located(a, kind.Line)).Take(1).ToImmutableArray();
            if (ids.IsEmpty)
            {
                findings.Add(kind.Error(kind.Line, $"no kind `{kind.Name}` found in the docs (found: {string.Join(", ", addressed.Select(a => a[..^2]))}); give its `ids:` to declare one"));
                continue;
            }

            if (Builtin(kind, findings))
            {
                continue;
            }

            var before = findings.Count;
            var only = kind.Routes.IsEmpty ? null : kind.Routes.Select(r => r.Text).ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var route in kind.Routes.Where(r => !routes.Contains(r.Text)))
            {
                findings.Add(kind.Error(route.Line, $"`{route.Text}` is no documented route; name a direct route of the docs (/op/v2/getTicketDetail)"));
            }

            foreach (var id in ids)
            {
                if (!shown.Any(s => KindDiscovery.Is(s.Name, id.Text) && (only is null || only.Contains(s.Route))))
                {
                    findings.Add(kind.Error(id.Line, $"no doc shows a field `{id.Text}`" + (only is null ? "" : $" on {string.Join(", ", only.Order())}")));
                }
                else if (only is null && taken.TryGetValue(id.Text, out var other))
                {
                    findings.Add(kind.Error(id.Line, $"`{id.Text}` already names kind `{other.Name}` ({other.File}:{other.Line}); give one of them `routes:` to split it"));
                }
                else if (only is null)
                {
                    taken[id.Text] = kind;
                }
            }

            if (findings.Count == before)
            {
                groups.Add(new KindGroup(kind.Name, [.. ids.Select(i => i.Text)], only, ClaimedElsewhere(split, kind, ids)));
            }
        }

        // The docs' own kinds: each id field no declaration took everywhere, on the routes no split took.
        foreach (var field in addressed.Where(a => !taken.ContainsKey(a)))
        {
            var except = ClaimedElsewhere(split, null, [new Located(field, 0)]);
            if (objects.Any(o => !except.Contains(o.Endpoint.Route) && o.Fields.Any(f => KindDiscovery.Is(f.Name, field))))
            {
                groups.Add(new KindGroup(field[..^2], [field], null, except));
            }
        }

        var duplicate = groups.GroupBy(g => g.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null && declared.FirstOrDefault(d => string.Equals(d.Name, duplicate.Key, StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            findings.Add(named.Error(named.Line, $"the docs already have a kind `{duplicate.Key}` ({string.Join("/", duplicate.Last().Ids)}); name this one otherwise"));
        }

        return [.. groups.OrderBy(g => g.Ids[0], StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal)];
    }

    /// <summary>Whether a declaration names a built-in kind or its ids: those are the world's own rows.</summary>
    private static bool Builtin(DeclaredKind kind, List<Finding> findings)
    {
        if (KindTable.BuiltIn.Named(kind.Name) is { } row)
        {
            findings.Add(kind.Error(kind.Line, $"`{row.Name}` is a built-in kind (user, chat, op, message); its ids are {string.Join(", ", row.IdFields)}"));
            return true;
        }

        if (kind.Ids.FirstOrDefault(i => KindTable.BuiltIn.IsId(i.Text)) is { Text.Length: > 0 } id)
        {
            findings.Add(kind.Error(id.Line, $"`{id.Text}` names the built-in kind {KindTable.BuiltIn.ById(id.Text)!.Name}"));
            return true;
        }

        return false;
    }

    /// <summary>The routes on which other declarations claim one of <paramref name="ids"/> by route: not this kind's.</summary>
    private static ImmutableHashSet<string> ClaimedElsewhere(List<DeclaredKind> split, DeclaredKind? self, ImmutableArray<Located> ids) =>
        self is { Routes.Length: > 0 } ? ImmutableHashSet<string>.Empty.WithComparer(StringComparer.OrdinalIgnoreCase)
            : split.Where(d => d != self && d.Ids.Any(i => ids.Any(o => KindDiscovery.Is(o.Text, i.Text))))
                .SelectMany(d => d.Routes.Select(r => r.Text)).ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
}
