using System.Collections.Frozen;
using System.Collections.Immutable;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Actions;

/// <summary>The effect of every direct route, inferred or declared, worked out once per loaded state.</summary>
internal sealed class EffectTable
{
    public static EffectTable Empty { get; } = new(FrozenDictionary<string, Effect>.Empty);

    private readonly FrozenDictionary<string, Effect> byRoute;

    private EffectTable(FrozenDictionary<string, Effect> byRoute) => this.byRoute = byRoute;

    /// <summary>The effect of a direct route; a read for a route it does not know.</summary>
    public Effect For(string route) => byRoute.GetValueOrDefault(route, Effect.Read);

    /// <summary>Whether a route's answers change the world (such answers are never cached).</summary>
    public bool Writes(string route) => For(route).IsWrite;

    /// <summary>Routes that write or look like writes (a verb other than a read's, or declared), by route.</summary>
    public IEnumerable<(string Route, Effect Effect)> Actions =>
        byRoute.Where(p => p.Value.Transition != Transition.None || p.Value.Source.StartsWith("declared", StringComparison.Ordinal))
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value));

    /// <summary>The table for a contract's direct routes; a declaration naming no route, or a field the route has not, is a file:line error.</summary>
    public static EffectTable Build(IEnumerable<Endpoint> endpoints, ImmutableDictionary<string, DeclaredEffect> declared, List<Finding> findings)
    {
        var direct = endpoints.Where(e => !e.IsTransfer).GroupBy(e => e.Route, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        declared = Resolved(direct, declared, findings);
        foreach (var declaration in declared.Values)
        {
            if (!direct.TryGetValue(declaration.Route, out var endpoint))
            {
                findings.Add(new Finding(declaration.File, declaration.Line, Severity.Error,
                    $"effects: `{declaration.Route}` is not a documented route; documented: {string.Join(", ", direct.Keys.Order(StringComparer.Ordinal))}"));
                continue;
            }

            var inputs = endpoint.Input.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var field in declaration.Fields.Keys.Append(declaration.To).OfType<string>().Where(f => !inputs.Contains(f)))
            {
                findings.Add(new Finding(declaration.File, declaration.Line, Severity.Error,
                    $"effects.{declaration.Route}: `{field}` is not a request field of the route; its fields: {string.Join(", ", endpoint.Input.Select(f => f.Name))}"));
            }
        }

        return new EffectTable(direct.ToFrozenDictionary(p => p.Key, p => Lived(Shaped(EffectInference.Infer(p.Value, declared.GetValueOrDefault(p.Key)), direct.Values), p.Value, direct.Values) with { Route = p.Key }, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The declarations with their entity named by any kind of the kinds table (the docs' and the fixtures' `kinds:`):
    /// a built-in kind as its handle, another kind as its entities' id field (what its writes find them by) — the
    /// route's request field that is one of the kind's ids, else its first. An unknown name is a file:line error
    /// naming the known kinds.
    /// </summary>
    private static ImmutableDictionary<string, DeclaredEffect> Resolved(Dictionary<string, Endpoint> direct, ImmutableDictionary<string, DeclaredEffect> declared, List<Finding> findings)
    {
        if (!declared.Values.Any(d => d.EntityName is not null))
        {
            return declared;
        }

        var kinds = Kinds.KindDiscovery.Discover(direct.Values, declared.Values.First(d => d.EntityName is not null).Kinds, []);
        return declared.ToImmutableDictionary(p => p.Key, p =>
        {
            if (p.Value.EntityName is not { } name)
            {
                return p.Value;
            }

            if (kinds.Named(name) is not { } row)
            {
                findings.Add(new Finding(p.Value.File, p.Value.EntityLine, Severity.Error,
                    $"`effects.{p.Key}.entity` names no kind, found `{name}`; known kinds: {string.Join(", ", kinds.Rows.Select(r => r.Name).Order(StringComparer.Ordinal))}"));
                return p.Value;
            }

            var inputs = direct.GetValueOrDefault(p.Key)?.Input ?? [];
            return row.IsBuiltIn ? p.Value with { Entity = row.Kind }
                : p.Value with { List = p.Value.List ?? inputs.Select(f => f.Name).FirstOrDefault(f => row.IdFields.Contains(f, StringComparer.OrdinalIgnoreCase)) ?? row.IdFields[0] };
        }, declared.KeyComparer);
    }

    /// <summary>An item's fresh ids take the shape any doc's example shows for its id field when the route's own example shows none.</summary>
    private static Effect Shaped(Effect effect, IEnumerable<Endpoint> endpoints) =>
        effect.ItemIdField is not { } field || effect.Life.Id is not null ? effect
            : endpoints.Select(e => Rules.IdShape.Of(Rules.WriteLife.Find(e.Doc.Example?.Text, field))).FirstOrDefault(s => s is not null) is { } shape
                ? effect with { Life = effect.Life with { Id = shape } } : effect;

    /// <summary>
    /// An item's states are its status's in any doc that shows the item (a list's items) when the route's own fields
    /// name none: approveLeave {leaveId, staffId} reaches 已通过 of the leaves list's <c>status</c>.
    /// </summary>
    private static Effect Lived(Effect effect, Endpoint endpoint, IEnumerable<Endpoint> endpoints) =>
        effect.ItemIdField is not { } field || effect.Life.Status is not null || effect.Transition is Transition.Create or Transition.Delete
            || Verbs.Reached(endpoint.Route, endpoint.Doc.Title) is not { Count: > 0 } reached ? effect
            : effect with
            {
                Life = effect.Life.WithStatus(
                    endpoints.SelectMany(e => e.Sections.Select(s => s.Fields).Prepend(e.Output)).Where(g => g.Any(f => string.Equals(f.Name, field, StringComparison.OrdinalIgnoreCase))).SelectMany(g => g),
                    reached),
            };
}
