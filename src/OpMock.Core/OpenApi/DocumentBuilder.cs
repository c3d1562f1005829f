using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OpMock.Core.Docs;
using OpMock.Core.Fixtures;
using OpMock.Core.Schemas;
using OpMock.Core.World.Actions;

namespace OpMock.Core.OpenApi;

/// <summary>
/// One OpenAPI document from the contract: an operation per direct route (served on the direct port) and one
/// for the transfer route (on the app port), whose body is one variant per direct route, told apart by reqUrl:
/// the transfer doc's own body where one relays to that route, else reqUrl and the direct route's params.
/// Every operation lists the errors `opmock serve` answers with. An instance builds one document, as component
/// names accumulate while it runs.
/// </summary>
internal sealed class DocumentBuilder
{
    private readonly OpenApiDocument document;
    private readonly SortedDictionary<string, IOpenApiSchema> components = new(StringComparer.Ordinal);
    private readonly SortedSet<string> tags = new(StringComparer.Ordinal);
    private readonly ComponentNames names = new();
    private readonly ComponentNames operationIds = new();
    private readonly Dictionary<string, string> nullableNames = new(StringComparer.Ordinal);
    private readonly MockServers servers;
    private readonly ErrorResponses errors;
    private readonly IReadOnlyCollection<Scenario>? scenarios;

    private DocumentBuilder(MockServers servers, ApiContract contract, IReadOnlyCollection<Scenario>? scenarios)
    {
        this.servers = servers;
        this.scenarios = scenarios;
        document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "OP 客服接口 (OpMock)",
                Version = "1.0.0",
                Description = $"由 OpMock 从 {contract.Docs.Docs.Length} 篇接口文档生成。直连接口在端口 {servers.DirectPort}，"
                    + $"中转接口 {Endpoint.TransferRoute} 在端口 {servers.AppPort}（opmock serve）。"
                    + "每个响应都由外层 code、message、data、page、foot 组成，data 是各接口自己的数据。"
                    + "HTTP 200 也可能是业务错误（code 不为 200，data 为 null）；参数错误、未知接口、错误的请求方式分别是 HTTP 400、404、405，同样的外层格式。",
            },
            Servers = [servers.Direct, servers.App],
            Paths = [],
            Components = new OpenApiComponents { Schemas = components },
        };
        errors = ErrorResponses.Add(document, components, names, contract.Envelope);
    }

    /// <param name="scenarios">The loaded fixtures' scenarios: the values the scenario header takes (any text when null).</param>
    public static OpenApiDocument Build(ApiContract contract, MockServers servers, IReadOnlyCollection<Scenario>? scenarios)
    {
        var builder = new DocumentBuilder(servers, contract, scenarios);
        var transfers = contract.Endpoints.Where(e => e.Endpoint.IsTransfer).ToList();
        var routes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var relayed = new List<Relayed>();
        foreach (var endpoint in contract.Endpoints.Where(e => !e.Endpoint.IsTransfer))
        {
            // A route documented twice is served from its first doc (lint warns), so that one is published.
            if (routes.Add(endpoint.Endpoint.Route))
            {
                // The server relays a route through the first transfer doc naming it.
                var doc = transfers.FirstOrDefault(t => string.Equals(t.Endpoint.TransferTarget, endpoint.Endpoint.Route, StringComparison.OrdinalIgnoreCase));
                relayed.Add(new Relayed(endpoint, doc, builder.AddDirect(endpoint, doc)));
            }
        }

        if (relayed.Count > 0)
        {
            builder.AddTransfer(relayed);
        }

        builder.AddNullableSections();
        builder.document.Tags = new HashSet<OpenApiTag>(builder.tags.Select(t => new OpenApiTag { Name = t, Description = $"文档目录 {t} 中的接口" }));
        return builder.document;
    }

    /// <summary>A direct route with the transfer doc relaying to it (if any) and its response component.</summary>
    private sealed record Relayed(EndpointSchemas Direct, EndpointSchemas? TransferDoc, OpenApiSchemaReference Response);

    private OpenApiSchemaReference AddDirect(EndpointSchemas endpoint, EndpointSchemas? relay)
    {
        var doc = endpoint.Endpoint.Doc;
        var id = ComponentNames.Base(doc.Id);
        var request = PagingBounds.Apply(endpoint.Endpoint, endpoint.Request, endpoint.Request);
        var response = Component($"{id}_Response", ComponentNames.Base(endpoint.Endpoint.ResponseSource), endpoint.Response);
        var inQuery = doc.Method is "GET" or "DELETE";
        var via = relay is null ? "" : $"：{relay.Endpoint.Doc.Number} {relay.Endpoint.Doc.Title}";
        var operation = new OpenApiOperation
        {
            OperationId = operationIds.Unique(id),
            Summary = $"{doc.Number} {doc.Title}",
            Description = Describe(endpoint.Endpoint)
                + $"\n\n也可经中转接口 {Endpoint.TransferRoute}（端口 {servers.AppPort}，reqUrl = `{doc.Route}`）调用{via}",
            Tags = Tag(doc),
            Parameters = inQuery ? InputsInQuery(id, endpoint.Endpoint, request) : OperationParts.Query([endpoint], scenarios),
            // GET and DELETE bodies mean nothing in OpenAPI 3.0 (tools do not send them): their inputs are the query.
            RequestBody = inQuery ? null : OperationParts.RequestBody(
                Component($"{id}_Request", id, request),
                OperationParts.IsRequired(request),
                OperationParts.RequestExamples([endpoint])),
            Responses = Responses([response], [endpoint],
                [.. Preconditions.Cases(EffectInference.Infer(endpoint.Endpoint), endpoint.Endpoint.Input.Select(f => f.Name))], DataOf(id, response)),
        };
        document.Paths[doc.Route] = OperationParts.PathItem(doc.Method, operation, servers.Direct);
        return response;
    }

    private void AddTransfer(List<Relayed> relayed)
    {
        var variants = relayed.Select(r => (Route: r.Direct.Endpoint.Route, Request: TransferRequest(r))).ToList();
        var documented = relayed.Where(r => r.TransferDoc is not null).Select(r => r.TransferDoc!).ToList();
        var operation = new OpenApiOperation
        {
            OperationId = operationIds.Unique("Transfer"),
            Summary = "中转：按 reqUrl 转发到直连接口",
            Description = "请求体带 reqUrl（直连接口的路径）和该接口的参数，返回该直连接口的响应。每个直连接口一种请求体，按 reqUrl 区分"
                + "（有中转文档的接口用中转文档的请求体）：\n\n"
                + string.Join("\n", relayed.Select(r => $"- reqUrl = `{r.Direct.Endpoint.Route}`：" + (r.TransferDoc is { } t
                    ? $"{t.Endpoint.Doc.Number} {t.Endpoint.Doc.Title}（{Describe(t.Endpoint)}）"
                    : $"{r.Direct.Endpoint.Doc.Number} {r.Direct.Endpoint.Doc.Title}，返回 `{r.Response.Reference.Id}`"))),
            Tags = Tag((documented.FirstOrDefault() ?? relayed[0].Direct).Endpoint.Doc),
            Parameters = OperationParts.Query(documented.Count > 0 ? documented : [.. relayed.Select(r => r.Direct)], scenarios),
            RequestBody = OperationParts.RequestBody(
                new OpenApiSchema
                {
                    OneOf = [.. variants.Select(v => (IOpenApiSchema)v.Request)],
                    // Tools that read it pick the variant by reqUrl; the oneOf is exclusive without it (reqUrl is an enum of one).
                    Discriminator = new OpenApiDiscriminator
                    {
                        PropertyName = "reqUrl",
                        Mapping = variants.ToDictionary(v => v.Route, v => v.Request, StringComparer.Ordinal),
                    },
                },
                required: true,
                OperationParts.TransferExamples(relayed.Select(r => (r.Direct, r.TransferDoc)))),
            Responses = Responses(
                relayed.Select(r => r.TransferDoc is { } t ? TransferResponse(t) : r.Response).DistinctBy(r => r.Reference.Id),
                documented),
        };
        document.Paths[Endpoint.TransferRoute] = OperationParts.PathItem("POST", operation, servers.App);
    }

    /// <summary>
    /// The body relaying to one direct route: the transfer doc's own, else reqUrl plus the direct route's params.
    /// Either way reqUrl is required and an enum of that one route, which keeps the variants exclusive.
    /// </summary>
    private OpenApiSchemaReference TransferRequest(Relayed relayed)
    {
        var route = relayed.Direct.Endpoint.Route;
        var source = relayed.TransferDoc ?? relayed.Direct;
        var request = PagingBounds.Apply(relayed.Direct.Endpoint, relayed.Direct.Request, (JsonObject)source.Request.DeepClone());
        var properties = request["properties"] as JsonObject ?? [];
        request["properties"] = properties;
        var reqUrl = properties["reqUrl"] as JsonObject ?? new JsonObject { ["type"] = "string", ["description"] = "请求的url：直连接口的路径" };
        reqUrl["enum"] = new JsonArray(route);
        properties.Remove("reqUrl");
        // reqUrl first, as a reader (and Swagger UI's form) expects it.
        var ordered = new JsonObject { ["reqUrl"] = reqUrl };
        foreach (var (name, value) in properties.ToList())
        {
            properties.Remove(name);
            ordered[name] = value;
        }

        request["properties"] = ordered;
        var required = (request["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).Where(r => r != "reqUrl").ToList();
        request["required"] = new JsonArray(["reqUrl", .. required.Select(r => (JsonNode)r)]);
        var id = ComponentNames.Base(source.Endpoint.Id);
        if (relayed.TransferDoc is null)
        {
            // The direct request's own route and method would misdescribe a transfer body.
            request["title"] = $"中转 → {relayed.Direct.Endpoint.Doc.Number} {relayed.Direct.Endpoint.Doc.Title}";
            request["description"] = $"POST {Endpoint.TransferRoute}，reqUrl = {route}：reqUrl 加上该直连接口的参数";
            request.Remove("x-route");
            request.Remove("x-method");
            return Component($"Transfer_{id}_Request", id, request);
        }

        request["title"] = $"{source.Endpoint.Doc.Number} {source.Endpoint.Doc.Title}";
        return Component($"{id}_Request", id, request);
    }

    private OpenApiSchemaReference TransferResponse(EndpointSchemas transfer) =>
        Component($"{ComponentNames.Base(transfer.Endpoint.Id)}_Response", ComponentNames.Base(transfer.Endpoint.ResponseSource), transfer.Response);

    /// <param name="data">The route's data component: its errors' data is typed as that data's nullable copy (and refuses objects).</param>
    private OpenApiResponses Responses(IEnumerable<OpenApiSchemaReference> success, IEnumerable<EndpointSchemas> examples, IReadOnlyCollection<Refusal>? refusals = null,
        string? data = null)
    {
        var responses = OperationParts.Responses(errors.Success(success, refusals, data is null ? null : Nullable(data)), OperationParts.ResponseExamples(examples));
        errors.AddTo(responses);
        return responses;
    }

    /// <summary>
    /// The route's data (an object) moved out of its response into a component of its own, named; null when the data
    /// is no object. Its errors' data refer to its nullable copy, so a typed client reads `r.data?.data?.chatId` on
    /// every branch of the 200: openapi-fetch drops a property typed `null` alone, and `{}` has no fields.
    /// </summary>
    private string? DataOf(string id, OpenApiSchemaReference response)
    {
        if (components[response.Reference.Id!] is not OpenApiSchema { Properties: { } properties } || !properties.TryGetValue("data", out var data)
            || data is not OpenApiSchema { Type: JsonSchemaType.Object })
        {
            return null;
        }

        var name = names.Unique($"{id}_Data");
        components[name] = data;
        properties["data"] = new OpenApiSchemaReference(name, document);
        return name;
    }

    private OpenApiSchemaReference Component(string preferred, string definitionsPrefix, JsonObject schema)
    {
        var converter = Converter(definitionsPrefix, schema);
        var name = names.Unique(preferred);
        components[name] = converter.Convert(schema);
        return new OpenApiSchemaReference(name, document);
    }

    /// <summary>A converter for one schema, its definitions placed in components (once, if already met).</summary>
    private SchemaConverter Converter(string definitionsPrefix, JsonObject schema)
    {
        var definitions = schema["definitions"] as JsonObject;
        var (map, isNew) = names.Definitions(definitionsPrefix, definitions);
        var converter = new SchemaConverter(document, map, Nullable);
        if (isNew)
        {
            foreach (var (section, definition) in definitions!)
            {
                components[map[section]] = converter.Convert((JsonObject)definition!);
            }
        }

        return converter;
    }

    /// <summary>The reference to a section's nullable copy, which is added once every section is converted.</summary>
    private OpenApiSchemaReference Nullable(string section)
    {
        if (!nullableNames.TryGetValue(section, out var name))
        {
            name = names.Unique($"{section}_OrNull");
            nullableNames[section] = name;
        }

        return new OpenApiSchemaReference(name, document);
    }

    private void AddNullableSections()
    {
        foreach (var (section, name) in nullableNames)
        {
            var copy = (OpenApiSchema)components[section].CreateShallowCopy();
            copy.Type = (copy.Type ?? JsonSchemaType.Object) | JsonSchemaType.Null;
            copy.Description = $"`{section}`，或 null";
            components[name] = copy;
        }

        // A section met only as nullable would be listed twice for nothing: its plain form goes when no reference is left.
        var text = OpenApiExport.ToJson(document);
        foreach (var section in nullableNames.Keys.Where(s => !text.Contains($"\"#/components/schemas/{s}\"", StringComparison.Ordinal)))
        {
            components.Remove(section);
        }
    }
    /// <summary>
    /// Each input field of a GET or DELETE doc as a query parameter, with null as the server reads it from a query
    /// (<see cref="QueryParameters.IsNull"/>): `x=null` or `x=` for a nullable number or flag; a text field has no
    /// null in a query (its `null` is text), so it is published without one and is left out to say nothing.
    /// </summary>
    private List<IOpenApiParameter> InputsInQuery(string id, Endpoint endpoint, JsonObject request)
    {
        var converter = Converter(id, request);
        var required = (request["required"] as JsonArray ?? []).Select(r => r?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var fields = request["properties"] as JsonObject ?? [];
        return [.. fields.Select(field =>
        {
            var schema = (JsonObject)field.Value!.DeepClone();
            var note = endpoint.Input.FirstOrDefault(f => f.Name == field.Key) is not { Nullable: true } input ? null
                : QueryParameters.IsNull(input, "null") ? $"null 写作 `{field.Key}=null` 或 `{field.Key}=`"
                : WithoutNull(schema);
            var description = schema["description"]?.GetValue<string>();
            description = note is null ? description : string.IsNullOrEmpty(description) ? note : $"{description}（{note}）";

            return (IOpenApiParameter)new OpenApiParameter
            {
                Name = field.Key,
                In = ParameterLocation.Query,
                Required = required.Contains(field.Key),
                Description = description,
                Schema = converter.Convert(schema),
            };
        }), .. OperationParts.Headers(scenarios)];
    }

    /// <summary>A text field's schema without null (a query has none for text); what the parameter says instead.</summary>
    private static string WithoutNull(JsonObject schema)
    {
        if (schema["type"] is JsonArray types)
        {
            var others = types.Where(t => t?.GetValue<string>() != "null").Select(t => t!.DeepClone()).ToList();
            schema["type"] = others.Count == 1 ? others[0] : new JsonArray([.. others]);
        }

        if (schema["enum"] is JsonArray values)
        {
            schema["enum"] = new JsonArray([.. values.Where(v => v is not null).Select(v => v!.DeepClone())]);
        }

        return "查询参数里没有 null：不传即为空";
    }

    private HashSet<OpenApiTagReference> Tag(ApiDoc doc)
    {
        var slash = doc.Id.IndexOf('/', StringComparison.Ordinal);
        var family = slash > 0 ? doc.Id[..slash] : "docs";
        tags.Add(family);
        return [new OpenApiTagReference(family, document)];
    }

    private static string Describe(Endpoint endpoint) =>
        endpoint.ResponseSource == endpoint.Id
            ? $"文档 `{endpoint.Doc.Path}`"
            : $"文档 `{endpoint.Doc.Path}`，返回数据见 `{endpoint.ResponseSource}`";
}
