using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;

namespace OpMock.Core.World;

/// <summary>An endpoint's plans, one per kind of entity a request may name, and its paging when the doc pages.</summary>
internal sealed class EndpointPlan
{
    private readonly Dictionary<EntityKind, ObjectPlan> tops;

    private EndpointPlan(Dictionary<EntityKind, ObjectPlan> tops, Paging? paging, Lists.ListPlan? lists)
    {
        this.tops = tops;
        Paging = paging;
        Lists = lists;
    }

    public Paging? Paging { get; }

    /// <summary>The response's list that requests filter and page; null when the doc has none.</summary>
    public Lists.ListPlan? Lists { get; }

    /// <summary>
    /// Request fields that name a built-in kind's entity by their words, not their name (<c>customerId</c> 客户ID,
    /// <c>handlerId</c> 处理人OP的ID): the entity the answer is about when the request names none by a known id field.
    /// </summary>
    public ImmutableArray<(string Field, EntityKind Kind)> Naming { get; private init; } = [];

    /// <summary>The entity the request names by one of <see cref="Naming"/>'s fields, and that field; None when it names none.</summary>
    public (EntityKind Kind, string? Id, string? Field) Named(JsonObject request)
    {
        foreach (var (field, kind) in Naming)
        {
            if (request[field] is JsonValue value && value.TryGetValue<string>(out var id) && id.Length > 0)
            {
                return (kind, id, field);
            }
        }

        return (EntityKind.None, null, null);
    }

    public ObjectPlan Top(EntityKind requested) => tops.GetValueOrDefault(requested) ?? tops[EntityKind.None];

    public bool IsPaging(string name) => Paging is not null && World.Paging.IsPageField(name);

    /// <param name="requestSchema">The endpoint's request schema: pageSize's default and maximum.</param>
    /// <param name="kinds">The world's kinds: one plan per kind a request may name (the built-in ones when null).</param>
    public static EndpointPlan Build(Endpoint endpoint, JsonObject? requestSchema, Kinds.KindTable? kinds = null)
    {
        kinds ??= Kinds.KindTable.BuiltIn;
        // Most kinds a request may name leave the answer about the same entity: one plan per entity answered.
        var byTop = new Dictionary<EntityKind, ObjectPlan>();
        var tops = kinds.Kinds.ToDictionary(
            requested => requested,
            requested => ObjectPlan.TopKind(endpoint.Output, requested, kinds) is var top && byTop.TryGetValue(top, out var built) ? built
                : byTop[top] = ObjectPlan.Build(endpoint, endpoint.Output, top, "", table: kinds));
        var paging = Paging.For(endpoint, requestSchema);
        return new EndpointPlan(tops, paging, World.Lists.ListPlan.For(endpoint, paging))
        {
            Naming = [.. endpoint.Input.Where(f => !kinds.IsId(f.Name)).Select(f => (f.Name, Kinds.KindDiscovery.RelationTarget(f))).Where(n => n.Item2 != EntityKind.None)],
        };
    }
}

/// <summary>
/// Paging as a doc declares it: pageNo and pageSize among its inputs and a <c>page</c> object in its example. The
/// response's first list is the one paged; <c>page</c> is written with the example's keys.
/// </summary>
internal sealed record Paging(ImmutableArray<KeyValuePair<string, JsonNode?>> ExamplePage, int Field, int DefaultSize, int? MaxSize)
{
    /// <summary>Without a default in the request schema: the size real list APIs most often use.</summary>
    public const int FallbackSize = 20;

    public const string PageNo = "pageNo";
    public const string PageSize = "pageSize";

    public static bool IsPageNo(string name) => name.Equals(PageNo, StringComparison.OrdinalIgnoreCase);

    public static bool IsPageSize(string name) => name.Equals(PageSize, StringComparison.OrdinalIgnoreCase);

    public static bool IsPageField(string name) => IsPageNo(name) || IsPageSize(name);

    /// <summary>The largest pageNo a request may send: its doc's type's (Integer: 2^31 − 1; Long: 2^63 − 1).</summary>
    public long MaxPageNo { get; init; } = int.MaxValue;

    /// <summary>The largest pageSize a request may send before the doc's maximum cuts it: its doc's type's.</summary>
    public long MaxPageSize { get; init; } = int.MaxValue;

    public static Paging? For(Endpoint endpoint, JsonObject? requestSchema)
    {
        if (!endpoint.Input.Any(f => IsPageNo(f.Name)) || !endpoint.Input.Any(f => IsPageSize(f.Name))
            || endpoint.Doc.Example is not { } example || OpJson.TryParse(example.Text, out _, out _)?["page"] is not JsonObject page)
        {
            return null;
        }

        var field = endpoint.Output.IndexOf(endpoint.Output.FirstOrDefault(f => f.Type.Kind == FieldKind.List)!);
        if (field < 0)
        {
            return null;
        }

        var size = requestSchema?["properties"]?[PageSize];
        return new Paging([.. page.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))], field,
            Whole(size?["default"]) is >= 1 and <= int.MaxValue and var fallback ? (int)fallback : FallbackSize,
            Whole(size?["maximum"]) is >= 1 and <= int.MaxValue and var most ? (int)most : null)
        {
            MaxPageNo = Ceiling(endpoint, PageNo),
            MaxPageSize = Ceiling(endpoint, PageSize),
        };
    }

    /// <summary>The page a request asks for: pageNo from 1, pageSize its default when missing, at most the maximum.</summary>
    public PageRequest Read(JsonObject request)
    {
        var pageNo = Whole(request[PageNo]) is >= 1 and var no ? no : 1;
        var pageSize = Whole(request[PageSize]) is >= 1 and var size ? size : DefaultSize;
        return new PageRequest(pageNo, (int)Math.Min(pageSize, MaxSize is { } max ? max : int.MaxValue), Field);
    }

    /// <summary>
    /// A pageNo or pageSize outside 1 to its type's largest value (2^31 − 1 for Integer): the request's problem, named
    /// with the range, rather than a page the client did not ask for. Null when both are absent or in range; text
    /// that is no number is the request schema's to name.
    /// </summary>
    public RequestProblem? Check(JsonObject request)
    {
        foreach (var (name, ceiling) in new[] { (PageNo, MaxPageNo), (PageSize, MaxPageSize) })
        {
            // A number too large for a decimal (1e30) is out of range too; text that is no number is left to the schema.
            var number = request[name] is JsonValue value ? Number(value) : null;
            var isNumber = number is not null || request[name]?.GetValueKind() == System.Text.Json.JsonValueKind.Number;
            if (!isNumber || (number is { } n && n % 1 == 0 && n >= 1 && n <= ceiling))
            {
                continue;
            }

            var expected = $"a whole number from 1 to {ceiling.ToString(CultureInfo.InvariantCulture)}";
            var actual = request[name] is JsonValue sent && sent.TryGetValue<string>(out var text) ? text : request[name]!.ToJsonString();
            var why = name == PageNo ? "pages count from 1" : "a page holds at least one item";
            return new RequestProblem(name, $"{name}: expected {expected} ({why}), found {actual}", expected, actual);
        }

        return null;
    }

    /// <summary>The response's page, with the example's keys in its order.</summary>
    public JsonObject Write(PageRequest request, int total)
    {
        var page = new JsonObject();
        foreach (var (key, value) in ExamplePage)
        {
            page[key] = key.ToLowerInvariant() switch
            {
                "pageno" or "page" or "current" => request.PageNo,
                "pagesize" or "size" => request.PageSize,
                "totalcount" or "total" => total,
                "totalpage" or "totalpages" or "pages" or "pagecount" => ((long)total + request.PageSize - 1) / request.PageSize,
                _ => value?.DeepClone(),
            };
        }

        return page;
    }

    private static long Ceiling(Endpoint endpoint, string name) =>
        endpoint.Input.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Type.IsWide: true } ? long.MaxValue : int.MaxValue;

    /// <summary>
    /// A whole number, however the request carries it: a JSON number (a body's, or a query's typed as long, which
    /// <c>TryGetValue&lt;int&gt;</c> does not convert, so GET docs once paged from defaults) or digits as text.
    /// </summary>
    private static long? Whole(JsonNode? node) =>
        node is JsonValue value && Number(value) is { } number && number % 1 == 0 && number >= long.MinValue && number <= long.MaxValue ? (long)number : null;

    /// <summary>The value as a number, read from its JSON text; null for text that is no number, booleans and the like.</summary>
    private static decimal? Number(JsonValue value)
    {
        var text = value.TryGetValue<string>(out var s) ? s : value.GetValueKind() == System.Text.Json.JsonValueKind.Number ? value.ToJsonString() : null;
        return text is not null && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}

/// <summary>What is wrong with a request the schema lets through (a page number past its type's range), as the 400 names it.</summary>
internal sealed record RequestProblem(string Field, string Message, string Expected, string Actual);
