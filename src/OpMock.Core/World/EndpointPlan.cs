using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;

namespace OpMock.Core.World;

/// <summary>An endpoint's plans, one per kind of entity a request may name, and its paging when the doc pages.</summary>
internal sealed class EndpointPlan
{
    private readonly ObjectPlan[] tops;

    private EndpointPlan(ObjectPlan[] tops, Paging? paging)
    {
        this.tops = tops;
        Paging = paging;
    }

    public Paging? Paging { get; }

    public ObjectPlan Top(EntityKind requested) => tops[(int)requested];

    public bool IsPaging(string name) => Paging is not null && World.Paging.IsPageField(name);

    /// <param name="requestSchema">The endpoint's request schema: pageSize's default and maximum.</param>
    public static EndpointPlan Build(Endpoint endpoint, JsonObject? requestSchema)
    {
        var tops = Enum.GetValues<EntityKind>()
            .Select(requested => ObjectPlan.Build(endpoint, endpoint.Output, ObjectPlan.TopKind(endpoint.Output, requested), ""))
            .ToArray();
        return new EndpointPlan(tops, Paging.For(endpoint, requestSchema));
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
            Whole(size?["default"]) is > 0 and var fallback ? fallback : FallbackSize, Whole(size?["maximum"]));
    }

    /// <summary>The page a request asks for: pageNo from 1, pageSize its default when missing, at most the maximum.</summary>
    public PageRequest Read(JsonObject request)
    {
        var pageNo = Whole(request[PageNo]) is > 0 and var no ? no : 1;
        var pageSize = Whole(request[PageSize]) is > 0 and var size ? size : DefaultSize;
        return new PageRequest(pageNo, MaxSize is { } max && max > 0 ? Math.Min(pageSize, max) : pageSize, Field);
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
                "totalpage" or "totalpages" or "pages" or "pagecount" => (total + request.PageSize - 1) / request.PageSize,
                _ => value?.DeepClone(),
            };
        }

        return page;
    }

    private static int? Whole(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<int>(out var n) => n,
        JsonValue v when v.TryGetValue<double>(out var d) && d is >= 1 and <= int.MaxValue => (int)d,
        JsonValue v when v.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
