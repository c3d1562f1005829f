using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;

namespace OpMock.Core.OpenApi;

/// <summary>
/// One OpenAPI document from the contract: an operation per direct route (served on the direct port) and one
/// for the transfer route (on the app port) whose body is one of the transfer docs' bodies, told apart by reqUrl.
/// An instance builds one document, as component names accumulate while it runs.
/// </summary>
internal sealed class DocumentBuilder
{
    private readonly OpenApiDocument document;
    private readonly SortedDictionary<string, IOpenApiSchema> components = new(StringComparer.Ordinal);
    private readonly SortedSet<string> tags = new(StringComparer.Ordinal);
    private readonly ComponentNames names = new();
    private readonly ComponentNames operationIds = new();
    private readonly MockServers servers;

    private DocumentBuilder(MockServers servers, int docCount)
    {
        this.servers = servers;
        document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "OP 客服接口 (OpMock)",
                Version = "1.0.0",
                Description = $"由 OpMock 从 {docCount} 篇接口文档生成。直连接口在端口 {servers.DirectPort}，"
                    + $"中转接口 {Endpoint.TransferRoute} 在端口 {servers.AppPort}（opmock serve）。"
                    + "每个响应都由外层 code、message、data、page、foot 组成，data 是各接口自己的数据。",
            },
            Servers = [servers.Direct, servers.App],
            Paths = [],
            Components = new OpenApiComponents { Schemas = components },
        };
    }

    public static OpenApiDocument Build(ApiContract contract, MockServers servers)
    {
        var builder = new DocumentBuilder(servers, contract.Docs.Docs.Length);
        var transfers = contract.Endpoints.Where(e => e.Endpoint.IsTransfer).ToList();
        var routes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in contract.Endpoints.Where(e => !e.Endpoint.IsTransfer))
        {
            // A route documented twice is served from its first doc (lint warns), so that one is published.
            if (routes.Add(endpoint.Endpoint.Route))
            {
                builder.AddDirect(endpoint, transfers.Where(t => string.Equals(t.Endpoint.TransferTarget, endpoint.Endpoint.Route, StringComparison.OrdinalIgnoreCase)));
            }
        }

        if (transfers.Count > 0)
        {
            builder.AddTransfer(transfers);
        }

        builder.document.Tags = new HashSet<OpenApiTag>(builder.tags.Select(t => new OpenApiTag { Name = t, Description = $"文档目录 {t} 中的接口" }));
        return builder.document;
    }

    private void AddDirect(EndpointSchemas endpoint, IEnumerable<EndpointSchemas> relays)
    {
        var doc = endpoint.Endpoint.Doc;
        var id = ComponentNames.Base(doc.Id);
        var response = Component($"{id}_Response", ComponentNames.Base(endpoint.Endpoint.ResponseSource), endpoint.Response);
        var inQuery = doc.Method is "GET" or "DELETE";
        var operation = new OpenApiOperation
        {
            OperationId = operationIds.Unique(id),
            Summary = $"{doc.Number} {doc.Title}",
            Description = Describe(endpoint.Endpoint) + string.Concat(relays.Select(r =>
                $"\n\n也可经中转接口 {Endpoint.TransferRoute}（端口 {servers.AppPort}，reqUrl = `{doc.Route}`）调用：{r.Endpoint.Doc.Number} {r.Endpoint.Doc.Title}")),
            Tags = Tag(doc),
            Parameters = inQuery ? InputsInQuery(id, endpoint.Request) : OperationParts.Query([endpoint]),
            // GET and DELETE bodies mean nothing in OpenAPI 3.0 (tools do not send them): their inputs are the query.
            RequestBody = inQuery ? null : OperationParts.RequestBody(
                Component($"{id}_Request", id, endpoint.Request),
                OperationParts.IsRequired(endpoint.Request),
                OperationParts.RequestExamples([endpoint])),
            Responses = OperationParts.Responses(response, OperationParts.ResponseExamples([endpoint])),
        };
        document.Paths[doc.Route] = OperationParts.PathItem(doc.Method, operation, servers.Direct);
    }

    private void AddTransfer(List<EndpointSchemas> transfers)
    {
        var requests = new List<OpenApiSchemaReference>();
        var responses = new List<IOpenApiSchema>();
        foreach (var transfer in transfers)
        {
            var (request, response) = Components(transfer, WithReqUrl(transfer));
            requests.Add(request);
            responses.Add(response);
        }

        var first = transfers[0].Endpoint;
        var operation = new OpenApiOperation
        {
            OperationId = operationIds.Unique("Transfer"),
            Summary = "中转：按 reqUrl 转发到直连接口",
            Description = "请求体带 reqUrl（直连接口的路径）和该接口的参数，返回该直连接口的响应。文档中的中转接口：\n\n"
                + string.Join("\n", transfers.Select(t => $"- reqUrl = `{t.Endpoint.TransferTarget ?? "?"}`：{t.Endpoint.Doc.Number} {t.Endpoint.Doc.Title}（{Describe(t.Endpoint)}）")),
            Tags = Tag(first.Doc),
            Parameters = OperationParts.Query(transfers),
            RequestBody = OperationParts.RequestBody(
                new OpenApiSchema { OneOf = [.. requests], Discriminator = ByReqUrl(transfers, requests) },
                transfers.Any(t => OperationParts.IsRequired(t.Request)),
                OperationParts.RequestExamples(transfers)),
            Responses = OperationParts.Responses(new OpenApiSchema { OneOf = responses }, OperationParts.ResponseExamples(transfers)),
        };
        document.Paths[Endpoint.TransferRoute] = OperationParts.PathItem(first.Method, operation, servers.App);
    }

    /// <summary>The request and response schemas as components; a response's sections are named after the doc defining them.</summary>
    private (OpenApiSchemaReference Request, OpenApiSchemaReference Response) Components(EndpointSchemas endpoint, JsonObject request)
    {
        var id = ComponentNames.Base(endpoint.Endpoint.Id);
        return (Component($"{id}_Request", id, request),
            Component($"{id}_Response", ComponentNames.Base(endpoint.Endpoint.ResponseSource), endpoint.Response));
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
        var converter = new SchemaConverter(document, map);
        if (isNew)
        {
            foreach (var (section, definition) in definitions!)
            {
                components[map[section]] = converter.Convert((JsonObject)definition!);
            }
        }

        return converter;
    }

    /// <summary>Each input field of a GET or DELETE doc as a query parameter.</summary>
    private List<IOpenApiParameter>? InputsInQuery(string id, JsonObject request)
    {
        var converter = Converter(id, request);
        var required = (request["required"] as JsonArray ?? []).Select(r => r?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var fields = request["properties"] as JsonObject ?? [];
        return fields.Count == 0 ? null : [.. fields.Select(field => (IOpenApiParameter)new OpenApiParameter
        {
            Name = field.Key,
            In = ParameterLocation.Query,
            Required = required.Contains(field.Key),
            Description = field.Value?["description"]?.GetValue<string>(),
            Schema = converter.Convert((JsonObject)field.Value!),
        })];
    }

    /// <summary>
    /// A transfer body names its direct route in reqUrl, and only that one: saying so (an enum of one) keeps
    /// the oneOf of transfer bodies exclusive even when two relayed routes take the same fields.
    /// </summary>
    private static JsonObject WithReqUrl(EndpointSchemas transfer)
    {
        var request = (JsonObject)transfer.Request.DeepClone();
        if (transfer.Endpoint.TransferTarget is { } target && request["properties"]?["reqUrl"] is JsonObject reqUrl)
        {
            reqUrl["enum"] = new JsonArray(target);
        }

        return request;
    }

    /// <summary>Lets tools pick the body by reqUrl, when every transfer doc names a distinct, required reqUrl.</summary>
    private static OpenApiDiscriminator? ByReqUrl(List<EndpointSchemas> transfers, List<OpenApiSchemaReference> requests)
    {
        var targets = transfers.Select(t => t.Endpoint.TransferTarget).ToList();
        var usable = targets.All(t => t is not null)
            && targets.Distinct(StringComparer.Ordinal).Count() == targets.Count
            && transfers.All(t => t.Request["required"] is JsonArray required && required.Any(r => r?.GetValue<string>() == "reqUrl"));
        return usable
            ? new OpenApiDiscriminator { PropertyName = "reqUrl", Mapping = targets.Zip(requests).ToDictionary(p => p.First!, p => p.Second, StringComparer.Ordinal) }
            : null;
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
