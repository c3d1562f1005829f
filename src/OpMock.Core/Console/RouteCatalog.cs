using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;
using OpMock.Core.Server;
using OpMock.Core.World;

namespace OpMock.Core.Console;

/// <summary>
/// The routes panel's data: every documented direct route with its doc's number and title, its method, the
/// transfer docs that relay to it, its request fields with their rules as the request schema states them
/// (type, required, nullable, enum with labels, range, default, format, length), and params to send: the doc's
/// sample, or (when the doc shows none) params naming entities of the running world.
/// </summary>
internal static class RouteCatalog
{
    /// <param name="world">The served world, for routes whose doc shows no sample; null on the proxy (its target's data is unknown).</param>
    public static JsonObject For(ApiContract contract, OpWorld? world)
    {
        var transfers = contract.Endpoints.Where(e => e.Endpoint.IsTransfer && e.Endpoint.TransferTarget is not null).ToList();
        var routes = new JsonArray();
        foreach (var endpoint in contract.Endpoints.Where(e => !e.Endpoint.IsTransfer).DistinctBy(e => e.Endpoint.Route, StringComparer.OrdinalIgnoreCase))
        {
            var doc = endpoint.Endpoint.Doc;
            var sample = DocSample.Params(endpoint.Endpoint);
            var source = sample is null ? world is null ? "none" : "world" : "doc";
            sample ??= world is null ? [] : CurlExamples.Body(endpoint.Endpoint, world);
            routes.Add(new JsonObject
            {
                ["doc"] = endpoint.Endpoint.Id,
                ["number"] = doc.Number,
                ["title"] = doc.Title,
                ["method"] = endpoint.Endpoint.Method.ToUpperInvariant(),
                ["route"] = endpoint.Endpoint.Route,
                ["inQuery"] = QueryParameters.Carries(endpoint.Endpoint.Method),
                ["query"] = string.Join('&', DocSample.CommonQuery(endpoint.Endpoint).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")),
                ["transfers"] = new JsonArray([.. transfers.Where(t => string.Equals(t.Endpoint.TransferTarget, endpoint.Endpoint.Route, StringComparison.OrdinalIgnoreCase))
                    .Select(t => (JsonNode)new JsonObject { ["doc"] = t.Endpoint.Id, ["number"] = t.Endpoint.Doc.Number, ["title"] = t.Endpoint.Doc.Title })]),
                ["fields"] = Fields(endpoint.Request),
                ["sample"] = sample.DeepClone(),
                ["sampleSource"] = source,
            });
        }

        return new JsonObject { ["routes"] = routes };
    }

    /// <summary>The request schema's properties as rows: what the schema (and so the mock and the validator) enforces.</summary>
    internal static JsonArray Fields(JsonObject schema)
    {
        var required = (schema["required"] as JsonArray ?? []).Select(r => r?.ToString()).ToHashSet(StringComparer.Ordinal);
        var rows = new JsonArray();
        foreach (var (name, node) in schema["properties"] as JsonObject ?? [])
        {
            if (node is not JsonObject property)
            {
                continue;
            }

            var types = property["type"] switch
            {
                JsonArray list => list.Select(t => t?.ToString() ?? "").ToList(),
                JsonValue one => [one.ToString()],
                _ => [],
            };
            var row = new JsonObject
            {
                ["name"] = name,
                ["type"] = string.Join(" | ", types.Where(t => t != "null")),
                ["docType"] = property["x-type"]?.ToString(),
                ["required"] = required.Contains(name),
                ["nullable"] = types.Contains("null"),
                ["description"] = property["description"]?.ToString() ?? "",
            };
            if (property["enum"] is JsonArray values)
            {
                var labels = property[HintRules.LabelsKey] as JsonObject;
                row["enum"] = new JsonArray([.. values.Where(v => v is not null).Select(v => (JsonNode)new JsonObject
                {
                    ["value"] = v!.DeepClone(),
                    ["label"] = labels?[v.ToString()]?.ToString(),
                })]);
            }

            foreach (var rule in new[] { "minimum", "maximum", "default", "format", "pattern", "minLength", "maxLength" })
            {
                if (property[rule] is { } value)
                {
                    row[rule] = value.DeepClone();
                }
            }

            rows.Add(row);
        }

        return rows;
    }
}
