using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Lists;

/// <summary>
/// The list of an answer that a request shapes, as a backend's list API does: the list the doc pages (its first), or
/// else the first list whose items have a field a request field names. Request fields that name a field of the
/// items filter them (<c>status=3</c> keeps the status-3 items, and the page's total counts what is kept). Worked
/// out once per endpoint; <see cref="Read"/> is the per-request part.
/// </summary>
/// <param name="Field">The list's index among the response's fields.</param>
internal sealed record ListPlan(int Field, Paging? Paging, ImmutableArray<ListFilter> Filters)
{
    private static readonly ImmutableHashSet<FieldKind> Scalars = [FieldKind.String, FieldKind.Integer, FieldKind.Number, FieldKind.Boolean, FieldKind.Date];

    public static ListPlan? For(Endpoint endpoint, Paging? paging)
    {
        var inputs = endpoint.Input.Where(f => Scalars.Contains(f.Type.Kind) && !World.Paging.IsPageField(f.Name)).ToArray();
        int? field = paging?.Field;
        var filters = ImmutableArray<ListFilter>.Empty;
        for (var i = 0; i < endpoint.Output.Length; i++)
        {
            if ((field is { } paged && paged != i) || endpoint.Output[i].Type.Kind != FieldKind.List || endpoint.Section(endpoint.Output[i].Target) is not { } items)
            {
                continue;
            }

            filters = [.. inputs
                .Select(input => (input, item: items.Fields.FirstOrDefault(f => Scalars.Contains(f.Type.Kind) && f.Name.Equals(input.Name, StringComparison.OrdinalIgnoreCase))))
                .Where(p => p.item is not null)
                .Select(p => new ListFilter(p.input.Name, p.item!.Name))];
            if (field is not null || !filters.IsEmpty)
            {
                field = i;
                break;
            }
        }

        if (field is not { } index)
        {
            return null;
        }

        // The doc's order words (按sort升序, 按创建时间倒序) and a position field (sort, seq) arrange the whole list (World/Rules/OrderWords).
        var list = endpoint.Output[index];
        var section = endpoint.Section(list.Target);
        var fields = section?.Fields ?? [];
        return new ListPlan(index, paging, filters)
        {
            Order = Rules.OrderWords.Of(list.Description + " " + list.Remark + " " + section?.Caption, fields),
            Position = fields.FirstOrDefault(Rules.OrderWords.IsPosition)?.Name,
        };
    }

    /// <summary>The order the doc's words give the list (<see cref="Rules.OrderWords"/>), if any.</summary>
    public Rules.ListOrder? Order { get; init; }

    /// <summary>The items' position field (sort, seq …): numbered 1..n over the whole list.</summary>
    public string? Position { get; init; }

    /// <param name="selecting">The request field that names the answer's entity (userId): it chooses whose list, it does not filter it.</param>
    public ListRequest Read(JsonObject request, string? selecting)
    {
        var active = ImmutableArray.CreateBuilder<ListFilter.Active>();
        foreach (var filter in Filters)
        {
            if (!filter.Input.Equals(selecting, StringComparison.OrdinalIgnoreCase) && request[filter.Input] is JsonValue value
                && !(value.TryGetValue<string>(out var text) && text.Length == 0))
            {
                active.Add(new ListFilter.Active(filter.Item, value));
            }
        }

        return new ListRequest(Field, Paging?.Read(request), active.ToImmutable()) { Order = Order, Position = Position };
    }
}

/// <summary>What one request asks of the list: a page of it (when the doc pages) and the filters it sets.</summary>
internal sealed record ListRequest(int Field, PageRequest? Page, ImmutableArray<ListFilter.Active> Filters)
{
    /// <summary>The list's order (<see cref="ListPlan.Order"/>).</summary>
    public Rules.ListOrder? Order { get; init; }

    /// <summary>The items' position field (<see cref="ListPlan.Position"/>).</summary>
    public string? Position { get; init; }

    /// <summary>Whether the whole list is arranged (ordered or numbered) before it is paged.</summary>
    public bool Arranged => Order is not null || Position is not null;
}
