using System.Text.Json.Nodes;

namespace OpMock.Core.World.Lists;

/// <summary>
/// Answers the response's list (<see cref="ListPlan"/>) as a backend does: from the whole list the entity has, kept
/// the same whatever is asked of it, the items the request's filters keep, then one page of those. The whole list is
/// the world's (an OP's chats), or the example's items followed by generated ones up to the example page's total, or
/// generated (a user's orders: as many as the user's <c>orderCount</c> when the world counts them).
/// </summary>
internal static class ListAssembly
{
    /// <summary>How long a generated list that pages is at most; an example's total makes it longer.</summary>
    public const int GeneratedMax = 60;

    /// <summary>An example's page total makes a list this long at most.</summary>
    public const int ExampleMax = 1000;

    /// <param name="shape">Shapes one item from its known data (an example's item, or null) and its scope.</param>
    public static JsonArray Answer(WorldScope scope, int field, ListRequest request, ValueGenerator generator, Func<JsonObject?, WorldScope?, JsonObject> shape)
    {
        var (sources, newestFirst) = Sources(scope, field, generator);
        if (request.Filters.IsEmpty && !request.Arranged && !scope.Plan.Rules.NeedsWhole(field))
        {
            // Nothing to filter and nothing sums the whole list: only the page asked for is shaped.
            scope.Listed(sources.Count, null);
            return new JsonArray([.. Page(request, sources.Count).Select(k => (JsonNode)shape(sources[k].Known, sources[k].Scope))]);
        }

        var all = new List<JsonObject>(sources.Count);
        foreach (var (known, itemScope) in sources)
        {
            all.Add(shape(known, itemScope));
        }

        // Positions over the whole list in the order items were made (a new item last: an entity list comes newest
        // first, so it is numbered from its end), then the doc's order; then the request's filters.
        if (newestFirst && request.Position is not null)
        {
            all.Reverse();
        }

        Rules.OrderRule.Arrange(all, request.Order, request.Position);
        var kept = all.Where(item => ListFilter.Matches(item, request.Filters)).ToList();

        scope.Listed(kept.Count, kept, all);
        return new JsonArray([.. Page(request, kept.Count).Select(k => (JsonNode)kept[k])]);
    }

    private static IEnumerable<int> Page(ListRequest request, int total) => request.Page?.Slice(total) ?? Enumerable.Range(0, total);

    /// <summary>Every item of the whole list, before filters: its known data and its scope; and whether it comes newest first (an entity list).</summary>
    private static (IReadOnlyList<(JsonObject? Known, WorldScope? Scope)> Items, bool NewestFirst) Sources(WorldScope scope, int field, ValueGenerator generator)
    {
        var example = scope.ExampleList(field);
        if (scope.Items(field, generator) is { } entities)
        {
            // The world's list (an OP's chats: those an example lists, then made-up ones, which match the filter of the
            // example's sample), or a generated list with the items a session created, changed or deleted.
            return ([.. entities.Select((e, k) => (k >= example.Shown ? example.Filtered() : null, (WorldScope?)e))], true);
        }

        var shown = example.Items?.Count ?? 0;
        var count = example.Total is { } total ? Math.Clamp(total, shown, Math.Max(ExampleMax, shown))
            : example.Items is not null ? shown : scope.PartCount(field, generator, GeneratedMax);
        return ([.. Enumerable.Range(0, count).Select(k => (k < shown ? example.Items![k] as JsonObject : example.Filtered(), scope.Item(field, k)))], false);
    }
}

/// <summary>What examples say about an entity's list (<see cref="WorldScope.ExampleList"/>).</summary>
/// <param name="Items">The example's items of a generated list (an entity list's come from the world).</param>
/// <param name="Total">The example page's total: the whole list's length.</param>
/// <param name="Filter">The item values the example's sample request filtered on: the rest of the list has them too.</param>
/// <param name="Shown">How many of an OP's chats the example lists; the made-up rest follow.</param>
internal sealed record ExampleList(JsonArray? Items, int? Total, JsonObject? Filter, int Shown)
{
    public static ExampleList None { get; } = new(null, null, null, int.MaxValue);

    /// <summary>Known data for an item past the example's: the sample's filter values, when it had a filter.</summary>
    public JsonObject? Filtered() => Filter?.DeepClone().AsObject();
}
