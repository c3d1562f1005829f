using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;

namespace OpMock.Core.World.Rules;

/// <summary>
/// What a write sets on an item's life besides the fields sent (issue 25.6 and 25.7), read once per write route from its
/// doc: a create gets a fresh id in its example's shape (<see cref="IdShape.Fresh"/>: today's date inside, a sequence
/// fresh within the session), starts at the first state of its status (<see cref="StateOrder"/>) unless the request
/// sets one, and its creation and update times are now; an update moves its update times to now. Times are written as
/// epoch millis, which every documented time format shows. Entry points: <see cref="Of"/>, <see cref="Created"/>,
/// <see cref="Updated"/>, <see cref="FreshId"/> (called by Actions' ActionRunner).
/// </summary>
/// <param name="Id">The shape of the item's id, from an example that shows one.</param>
internal sealed record WriteLife(IdShape? Id, string? Status, JsonNode? FirstState, ImmutableArray<string> CreateTimes, ImmutableArray<string> UpdateTimes)
{
    public static WriteLife None { get; } = new(null, null, null, [], []);

    /// <summary>The state an update that sends no status sets: the one the route's verb reaches (approve → 已通过), if its status lists it.</summary>
    public JsonNode? Reached { get; init; }

    /// <summary>
    /// The life a write route gives the item <paramref name="idField"/> names, from the route's fields and example;
    /// <paramref name="reached"/> are the labels of the state its verb reaches (Actions' Verbs.Reached).
    /// </summary>
    public static WriteLife Of(Endpoint endpoint, string idField, IReadOnlyList<string> reached)
    {
        var fields = endpoint.Input.Concat(endpoint.Output).Concat(endpoint.Sections.SelectMany(s => s.Fields)).ToList();
        string[] Stage(int stage) => [.. fields.Where(f => FieldWords.IsTime(f) && FieldWords.Stage(f) == stage).Select(f => f.Name).Distinct(StringComparer.Ordinal)];
        return new WriteLife(IdShape.Of(Find(endpoint.Doc.Example?.Text, idField)), null, null, [.. Stage(0)], [.. Stage(5)]).WithStatus(fields, reached);
    }

    /// <summary>
    /// The life with the first status among <paramref name="fields"/> that orders states (its first state, the state
    /// <paramref name="reached"/> names); unchanged when none does.
    /// </summary>
    public WriteLife WithStatus(IEnumerable<DocField> fields, IReadOnlyList<string> reached) =>
        fields.Select(f => (Field: f, Order: StateOrder.Of(f))).FirstOrDefault(p => p.Order is not null) is { Order: { } order } status
            ? this with { Status = status.Field.Name, FirstState = FieldHints.ToJson(order.First.Value), Reached = order.Reached(reached) is { } state ? FieldHints.ToJson(state.Value) : null }
            : this;

    /// <summary>A created item's id of the example's shape; null when no example shows one.</summary>
    public string? FreshId(DateTimeOffset now, long sequence) => Id?.Fresh(now, sequence);

    /// <summary>The fields a create sets beside those sent: the first state unless sent, its creation and update times now.</summary>
    public IEnumerable<(string Field, JsonNode? Value)> Created(JsonObject request, DateTimeOffset now)
    {
        if (Status is { } status && FirstState is { } first && !request.Any(p => string.Equals(p.Key, status, StringComparison.OrdinalIgnoreCase)))
        {
            yield return (status, first.DeepClone());
        }

        foreach (var field in CreateTimes.Concat(UpdateTimes).Where(f => !request.ContainsKey(f)))
        {
            yield return (field, JsonValue.Create(now.ToUnixTimeMilliseconds()));
        }
    }

    /// <summary>The fields an update sets beside those sent: the state its verb reaches unless a status is sent, its update times now.</summary>
    public IEnumerable<(string Field, JsonNode? Value)> Updated(JsonObject request, DateTimeOffset now)
    {
        if (Status is { } status && Reached is { } reached && !request.Any(p => string.Equals(p.Key, status, StringComparison.OrdinalIgnoreCase)))
        {
            yield return (status, reached.DeepClone());
        }

        foreach (var field in UpdateTimes.Where(f => !request.ContainsKey(f)))
        {
            yield return (field, JsonValue.Create(now.ToUnixTimeMilliseconds()));
        }
    }

    /// <summary>The first value of a field named <paramref name="name"/> anywhere in an example's JSON.</summary>
    public static JsonNode? Find(string? json, string name) => json is null ? null : Find(OpJson.TryParse(json, out _, out _), name);

    private static JsonNode? Find(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && value is JsonValue)
                    {
                        return value;
                    }
                }

                return obj.Select(p => Find(p.Value, name)).FirstOrDefault(v => v is not null);
            case JsonArray array:
                return array.Select(v => Find(v, name)).FirstOrDefault(v => v is not null);
            default:
                return null;
        }
    }
}
