using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OpMock.Core.Docs;
using OpMock.Core.Fixtures;
using OpMock.Core.Json;
using OpMock.Core.Schemas;

namespace OpMock.Core.OpenApi;

/// <summary>The pieces of an operation that depend only on the docs: bodies, responses, examples, parameters.</summary>
internal static class OperationParts
{
    private const string JsonMedia = "application/json";

    public static bool IsRequired(JsonObject request) => request["required"] is JsonArray { Count: > 0 };

    /// <summary>The query parameters of the docs' sample requests (apiVersion, client, token, sign), as optional strings, and OpMock's headers.</summary>
    public static List<IOpenApiParameter> Query(IEnumerable<EndpointSchemas> endpoints, IReadOnlyCollection<Scenario>? scenarios)
    {
        var query = endpoints.SelectMany(e => e.Endpoint.Doc.Sample?.Query ?? []).Select(p => p.Key).Distinct(StringComparer.Ordinal).ToList();
        return [.. query.Select(name => (IOpenApiParameter)new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Query,
            Required = false,
            Description = "文档测试环境示例请求所带的查询参数",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        }), .. Headers(scenarios)];
    }

    /// <summary>
    /// OpMock's own request headers, optional on every operation so typed clients can send them: the session whose
    /// writes a request sees, and a fixture scenario — one of the loaded scenarios, as the server refuses any other
    /// (a free string when the export is made without fixtures).
    /// </summary>
    public static IEnumerable<IOpenApiParameter> Headers(IReadOnlyCollection<Scenario>? scenarios) =>
    [
        new OpenApiParameter
        {
            Name = Server.SessionName.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "OpMock：会话名（写操作只改变本会话看到的世界；不带时为 default 会话）。1-64 个字母、数字、-、_、.、:",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Za-z0-9_.:-]{1,64}$" },
        },
        ScenarioHeader(scenarios),
    ];

    private static OpenApiParameter ScenarioHeader(IReadOnlyCollection<Scenario>? scenarios)
    {
        const string Description = "OpMock：fixtures 中的场景名，本请求按该场景应答；其他名字是 HTTP 400（未知的场景）";
        if (scenarios is null)
        {
            return new OpenApiParameter { Name = Server.MockEngine.ScenarioHeader, In = ParameterLocation.Header, Required = false, Description = Description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }

        var ordered = scenarios.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var descriptions = new JsonObject();
        foreach (var scenario in ordered)
        {
            descriptions[scenario.Name] = ScenarioText.Describe(scenario);
        }

        return new OpenApiParameter
        {
            Name = Server.MockEngine.ScenarioHeader,
            In = ParameterLocation.Header,
            Required = false,
            Description = Description + "：\n\n" + string.Join("\n", ordered.Select(s => $"- `{s.Name}`：{ScenarioText.Describe(s)}")),
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. ordered.Select(s => (JsonNode)JsonValue.Create(s.Name))],
                // Redoc and Stoplight show a description beside each value.
                Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal) { ["x-enumDescriptions"] = new JsonNodeExtension(descriptions) },
            },
        };
    }

    public static OpenApiRequestBody RequestBody(IOpenApiSchema schema, bool required, Dictionary<string, IOpenApiExample>? examples) => new()
    {
        Required = required,
        Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
        {
            [JsonMedia] = new OpenApiMediaType { Schema = schema, Examples = examples },
        },
    };

    public static OpenApiResponses Responses(IOpenApiSchema schema, Dictionary<string, IOpenApiExample>? examples) => new()
    {
        ["200"] = new OpenApiResponse
        {
            Description = "成功：外层 code、message、page、foot，data 为本接口的数据",
            Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
            {
                [JsonMedia] = new OpenApiMediaType { Schema = schema, Examples = examples },
            },
        },
    };

    /// <summary>The docs' sample request bodies (测试环境), by doc.</summary>
    public static Dictionary<string, IOpenApiExample>? RequestExamples(IEnumerable<EndpointSchemas> endpoints) =>
        Examples(endpoints, e => e.Doc.Sample?.Body, "测试环境示例请求");

    /// <summary>
    /// A sample transfer body per relayed route: the transfer doc's own sample where it has one, else the
    /// direct route's sample body with reqUrl added (as `opmock serve` prints its curl examples).
    /// </summary>
    public static Dictionary<string, IOpenApiExample>? TransferExamples(IEnumerable<(EndpointSchemas Direct, EndpointSchemas? TransferDoc)> routes)
    {
        var examples = new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal);
        foreach (var (direct, transferDoc) in routes)
        {
            if (transferDoc is not null && RequestExamples([transferDoc]) is { } own)
            {
                foreach (var (key, value) in own)
                {
                    examples[key] = value;
                }

                continue;
            }

            var endpoint = direct.Endpoint;
            var sample = endpoint.Doc.Sample?.Body is { } json && OpJson.TryParse(json.Text, out _, out _) is JsonObject parsed ? parsed : null;
            if (sample is null && IsRequired(direct.Request))
            {
                continue;
            }

            var body = new JsonObject { ["reqUrl"] = endpoint.Route };
            foreach (var (name, field) in sample ?? [])
            {
                if (name != "reqUrl")
                {
                    body[name] = field?.DeepClone();
                }
            }

            examples[$"Transfer_{ComponentNames.Base(endpoint.Id)}"] = new OpenApiExample
            {
                Summary = $"经中转调用 {endpoint.Doc.Number} {endpoint.Doc.Title}",
                Value = body,
            };
        }

        return examples.Count == 0 ? null : examples;
    }

    /// <summary>The docs' example responses (返回json格式示例), by doc.</summary>
    public static Dictionary<string, IOpenApiExample>? ResponseExamples(IEnumerable<EndpointSchemas> endpoints) =>
        Examples(endpoints, e => e.Doc.Example, "文档中的返回示例");

    private static Dictionary<string, IOpenApiExample>? Examples(IEnumerable<EndpointSchemas> endpoints, Func<Endpoint, JsonBlock?> block, string caption)
    {
        var examples = new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Select(e => e.Endpoint))
        {
            // An example that is not valid JSON is a lint error already; it is left out here rather than published broken.
            if (block(endpoint) is { } json && OpJson.TryParse(json.Text, out _, out _) is { } value)
            {
                examples[ComponentNames.Base(endpoint.Id)] = new OpenApiExample { Summary = $"{endpoint.Doc.Number} {endpoint.Doc.Title}：{caption}", Value = value };
            }
        }

        return examples.Count == 0 ? null : examples;
    }

    public static OpenApiPathItem PathItem(string method, OpenApiOperation operation, OpenApiServer server) => new()
    {
        Servers = [server],
        Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Parse(method)] = operation },
    };
}
