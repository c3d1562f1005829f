using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;

namespace OpMock.Core.World;

/// <summary>How a field's value is generated when the world gives none, worked out once per endpoint (<see cref="ObjectPlan"/>).</summary>
/// <param name="Kind">What the value is (<see cref="ValueKinds"/>).</param>
internal sealed record ValuePlan(ValueKind Kind)
{
    public static readonly ValuePlan None = new(ValueKind.None);

    /// <summary>The shape the doc's example gives the field (an id's length and prefix, a number's magnitude, a text's script).</summary>
    public ValueShape? Shape { get; init; }

    /// <summary>For money: the field of the same object naming its service or item, whose price band it takes.</summary>
    public int? Sibling { get; init; }

    /// <summary>
    /// For an item or money inside a part of an entity (an order's lines): the field of the containing object naming its
    /// service, so the lines are items of the order's service.
    /// </summary>
    public int? ParentService { get; init; }

    /// <summary>For money: priced as a service (an order) or as one of its items (an order line, a 单价).</summary>
    public ValueKind PricedBy { get; init; } = ValueKind.Service;

    /// <summary>For a duration: what it counts.</summary>
    public TimeUnit Unit { get; init; }

    /// <summary>For money in whole numbers: the doc counts it in 分 (fen), not yuan.</summary>
    public bool Cents { get; init; }

    /// <summary>For a thing's name: what the doc calls the thing (店铺 in 店铺名称).</summary>
    public string Noun { get; init; } = "";

    /// <summary>The doc's words decided the kind, not the field's name.</summary>
    public bool ByWords { get; init; }
}

/// <summary>
/// Where an object's fields sit, as <see cref="ValueKinds"/> reads them: the words and names around the object (its list
/// field's 描述, its section's caption and name) and the values the doc's example gives its fields.
/// </summary>
internal sealed record ValueContext(string Words, string Names, ImmutableArray<JsonObject> Examples)
{
    /// <summary>The field of the containing object that names a service (an order's serviceName), when it has one.</summary>
    public int? ParentService { get; init; }

    public static readonly ValueContext None = new("", "", []);

    /// <summary>The response's data: the example's <c>data</c> object, when the doc has one.</summary>
    public static ValueContext Top(Endpoint endpoint, EntityKind kind) =>
        new("", EntityName(kind), endpoint.Doc.Example is { } example && OpJson.TryParse(example.Text, out _, out _)?["data"] is JsonObject data ? [data] : []);

    /// <summary>The object (or list items) of <paramref name="field"/>, following <paramref name="section"/>.</summary>
    public ValueContext Child(DocField field, DocSection section, EntityKind kind) => new(
        field.Description + " " + field.Remark + " " + section.Caption,
        field.Name + " " + section.Name + " " + EntityName(kind),
        [.. Examples.SelectMany(e => Each<JsonObject>(e[field.Name]))]);

    /// <summary>The example's values of a field: each object's value, each item of a list of values.</summary>
    public ImmutableArray<JsonValue> Samples(string name) => Examples.IsEmpty ? [] : [.. Examples.SelectMany(e => Each<JsonValue>(e[name]))];

    /// <summary>A node of the kind asked for, or the items of that kind of a list.</summary>
    private static IEnumerable<T> Each<T>(JsonNode? node)
        where T : JsonNode => node switch
        {
            T one => [one],
            JsonArray items => items.OfType<T>(),
            _ => [],
        };

    /// <summary>An object about people names a bare <c>name</c> field as a person's.</summary>
    private static string EntityName(EntityKind kind) => kind switch
    {
        EntityKind.User => "user",
        EntityKind.Op => "staff",
        _ => "",
    };
}
