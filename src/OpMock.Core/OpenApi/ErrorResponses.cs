using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OpMock.Core.Fixtures;
using OpMock.Core.World.Actions;

namespace OpMock.Core.OpenApi;

/// <summary>
/// The answers a client gets besides the documented data, as `opmock serve` writes them: the house envelope
/// with an error code (HTTP 400, 404, 405, and 500 from the server-error scenario), and HTTP 200 with a
/// business code other than 200 and data null (not logged in). Built once per document as components.
/// </summary>
internal sealed class ErrorResponses
{
    private const string JsonMedia = "application/json";

    private readonly IOpenApiSchema page;
    private readonly IOpenApiSchema foot;
    private readonly OpenApiDocument document;
    private readonly IDictionary<string, IOpenApiSchema> components;
    private readonly ComponentNames names;

    // One component per set of refusals: most write routes share one.
    private readonly Dictionary<string, OpenApiSchemaReference> refusedSets = new(StringComparer.Ordinal);

    private ErrorResponses(OpenApiSchemaReference envelope, OpenApiSchemaReference business, IOpenApiSchema page, IOpenApiSchema foot,
        OpenApiDocument document, IDictionary<string, IOpenApiSchema> components, ComponentNames names)
    {
        Envelope = envelope;
        Business = business;
        this.page = page;
        this.foot = foot;
        this.document = document;
        this.components = components;
        this.names = names;
    }

    /// <summary>The error envelope: code, message, data (what was wrong, or null), page, foot.</summary>
    public OpenApiSchemaReference Envelope { get; }

    /// <summary>The 200 form of a business error: code other than 200, data null.</summary>
    public OpenApiSchemaReference Business { get; }

    /// <summary>Adds the components, named through <paramref name="names"/>, from the envelope's page and foot.</summary>
    public static ErrorResponses Add(OpenApiDocument document, IDictionary<string, IOpenApiSchema> components, ComponentNames names, JsonObject envelopeSchema)
    {
        var converter = new SchemaConverter(document, []);
        var properties = envelopeSchema["properties"] as JsonObject ?? [];
        IOpenApiSchema Part(string name) => properties[name] is JsonObject part ? converter.Convert(part) : new OpenApiSchema();

        var envelopeName = names.Unique("OpMockError");
        components[envelopeName] = EnvelopeSchema(
            "错误应答（OpMock 的外层格式）：code 为错误码，message 说明原因，data 指出出错的字段或列出已知接口，或为 null。",
            new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "错误码（默认与 HTTP 状态相同，fixtures 的 errors 可改）" },
            Detail(),
            Part("page"),
            Part("foot"));

        var businessName = names.Unique("OpMockBusinessError");
        components[businessName] = EnvelopeSchema(
            "业务错误：HTTP 200，code 不为 200，data 为 null（如未登录、登录过期，见 fixtures/scenarios.yaml）。",
            new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Description = "业务错误码，不为 200",
                Not = new OpenApiSchema { Enum = [JsonValue.Create(200)!] },
            },
            AlwaysNull("业务错误时总是 null"),
            Part("page"),
            Part("foot"));

        return new ErrorResponses(new OpenApiSchemaReference(envelopeName, document), new OpenApiSchemaReference(businessName, document), Part("page"), Part("foot"),
            document, components, names);
    }

    /// <summary>
    /// The 200 answer: the route's data, a refusal of the write (its cases' default codes), or a business error. Given
    /// the route's data as nullable (<paramref name="nullableData"/>), its errors type data as that and refuse objects
    /// (null is all that passes), so typed clients see one data type on every branch; else data is `enum: [null]`.
    /// </summary>
    public IOpenApiSchema Success(IEnumerable<IOpenApiSchema> responses, IReadOnlyCollection<Refusal>? refusals = null, OpenApiSchemaReference? nullableData = null) =>
        new OpenApiSchema
        {
            AnyOf = [.. responses, .. refusals is { Count: > 0 } ? [Refused(refusals, nullableData)] : Array.Empty<IOpenApiSchema>(),
                nullableData is null ? Business : BusinessOf(nullableData)],
        };

    /// <summary>A business error of one route: as <see cref="Business"/>, its data typed as the route's (and null).</summary>
    private OpenApiSchemaReference BusinessOf(OpenApiSchemaReference nullableData)
    {
        var name = names.Unique(nullableData.Reference.Id!.Replace("_Data_OrNull", "", StringComparison.Ordinal) + "_BusinessError");
        var schema = (OpenApiSchema)components[Business.Reference.Id!].CreateShallowCopy();
        schema.Properties = new Dictionary<string, IOpenApiSchema>(schema.Properties!, StringComparer.Ordinal) { ["data"] = NullData(nullableData, "业务错误时总是 null") };
        components[name] = schema;
        return new OpenApiSchemaReference(name, document);
    }

    /// <summary>A refused write: HTTP 200, one of the route's refusal codes and messages (fixtures' `errors:` may change them), data null.</summary>
    private OpenApiSchemaReference Refused(IReadOnlyCollection<Refusal> refusals, OpenApiSchemaReference? nullableData)
    {
        var key = string.Join(",", refusals) + "|" + nullableData?.Reference.Id;
        if (!refusedSets.TryGetValue(key, out var reference))
        {
            var name = names.Unique(nullableData is null ? "OpMockRefusal" : nullableData.Reference.Id!.Replace("_Data_OrNull", "", StringComparison.Ordinal) + "_Refusal");
            components[name] = RefusedSchema(refusals, nullableData);
            reference = refusedSets[key] = new OpenApiSchemaReference(name, document);
        }

        return reference;
    }

    private OpenApiSchema RefusedSchema(IReadOnlyCollection<Refusal> refusals, OpenApiSchemaReference? nullableData)
    {
        var rows = refusals.Select(Preconditions.Row).ToList();
        var schema = EnvelopeSchema(
            "拒绝的写操作（不改变任何数据）：" + string.Join("；", rows.Select(r => $"{r.Code} {r.Message}")),
            new OpenApiSchema { Type = JsonSchemaType.Integer, Enum = [.. rows.Select(r => (JsonNode)JsonValue.Create(r.Code))], Description = "拒绝的原因（默认值，fixtures 的 errors 可改）" },
            nullableData is null ? AlwaysNull("总是 null") : NullData(nullableData, "总是 null"),
            page,
            foot);
        schema.Properties!["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. rows.Select(r => (JsonNode)JsonValue.Create(r.Message))] };
        return schema;
    }

    /// <summary>The error statuses `opmock serve` answers with (the defaults; fixtures' errors may change them).</summary>
    public void AddTo(OpenApiResponses responses)
    {
        var defaults = ErrorReplies.Default;
        responses["400"] = Error($"参数错误（code {defaults.Validation.Code}）：请求体不是 JSON 对象、缺少或类型不符的字段、reqUrl 缺失或不可用、未知的场景；data 指出字段（field、expected、actual）。");
        responses["404"] = Error($"接口不存在（code {defaults.NotFound.Code}）：路径或 reqUrl 不是文档中的接口；data.knownRoutes 列出已知接口。");
        responses["405"] = Error($"请求方式不支持（code {defaults.MethodNotAllowed.Code}）：接口只接受 POST；data.knownRoutes 列出已知接口。");
        responses["500"] = Error("服务器内部错误：场景 server-error（X-OpMock-Scenario: server-error），data 为 null。");
    }

    private OpenApiResponse Error(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
        {
            [JsonMedia] = new OpenApiMediaType { Schema = Envelope },
        },
    };

    private static OpenApiSchema EnvelopeSchema(string description, IOpenApiSchema code, IOpenApiSchema data, IOpenApiSchema page, IOpenApiSchema foot) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Required = new HashSet<string>(["code", "message", "data", "page", "foot"], StringComparer.Ordinal),
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["code"] = code,
            ["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "错误类别和原因，如 `参数错误: $.userId: …`" },
            ["data"] = data,
            ["page"] = page,
            ["foot"] = foot,
        },
    };

    /// <summary>
    /// Data that is null and nothing else, as `enum: [null]` alone: typed clients read it as `null`, so in the 200's union
    /// `r.data?.data?.chatId` reaches the route's own data (an object type with `not: {type: object}` read as `{}` and hid
    /// every field). No `nullable` beside it: Prism appends a null to an enum beside nullable, and a doubled enum fails.
    /// </summary>
    private static OpenApiSchema AlwaysNull(string description) => new() { Enum = [null!], Description = description };

    /// <summary>
    /// Null, typed as the route's data: allOf [its nullable copy] admits null and that object, `not: {type: object}`
    /// takes the object away. Tools that ignore `not` (openapi-typescript) type it as the route's data or null.
    /// </summary>
    private static OpenApiSchema NullData(OpenApiSchemaReference nullableData, string description) =>
        new() { AllOf = [nullableData], Not = new OpenApiSchema { Type = JsonSchemaType.Object }, Description = description };

    private static OpenApiSchema Detail()
    {
        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        static OpenApiSchema Texts(string description) => new() { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, Description = description };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object | JsonSchemaType.Null,
            Description = "出错的字段，或已知的接口、场景；场景给出的错误为 null",
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["field"] = Text("出错字段的 JSON 路径（$.userId），或 reqUrl"),
                ["expected"] = Text("期望的值"),
                ["actual"] = Text("实际收到的值（截短）"),
                ["knownRoutes"] = Texts("文档中的接口"),
                ["scenarios"] = Texts("fixtures 中的场景名"),
            },
        };
    }
}
