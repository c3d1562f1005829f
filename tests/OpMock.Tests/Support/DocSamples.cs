using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;

namespace OpMock.Tests.Support;

/// <summary>
/// What a contract says the mock must answer, derived from the docs and never listed by hand: every documented
/// direct route with its doc's sample request, and every transfer doc's target through /opapp/transfer with the
/// transfer doc's own sample. Tests over schemas/docs ask these, so they hold for whatever docs are there.
/// </summary>
internal static class DocSamples
{
    /// <summary>One request to send: the doc's method and route, the reqUrl when it goes through the relay, and the JSON body.</summary>
    public sealed record Ask(string Doc, string Method, string Route, string? ReqUrl, string Body)
    {
        public string Label => ReqUrl is null ? Route : $"{Route} → {ReqUrl}";

        /// <summary>
        /// The request as a client sends it to a server at <paramref name="baseUrl"/>: the body as JSON, or for a GET
        /// its fields in the query (as the OpenAPI export documents a GET doc).
        /// </summary>
        public HttpRequestMessage ToRequest(string baseUrl, string? body = null)
        {
            body ??= Body;
            if (!string.Equals(Method, "GET", StringComparison.OrdinalIgnoreCase))
            {
                return new HttpRequestMessage(new HttpMethod(Method), baseUrl + Route) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            }

            var query = JsonNode.Parse(body)!.AsObject().Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : p.Value?.ToJsonString() ?? "")}");
            return new HttpRequestMessage(HttpMethod.Get, baseUrl + Route + "?" + string.Join('&', query));
        }
    }

    public static IReadOnlyList<Ask> For(ApiContract contract)
    {
        var endpoints = contract.Endpoints.Select(e => e.Endpoint).ToList();
        var direct = endpoints.Where(e => !e.IsTransfer).DistinctBy(e => e.Route, StringComparer.OrdinalIgnoreCase)
            .Select(e => new Ask(e.Id, e.Method, e.Route, null, SampleBody(e).ToJsonString()));
        var relayed = endpoints.Where(e => e.IsTransfer && e.TransferTarget is not null).Select(e =>
        {
            var body = SampleBody(e);
            body["reqUrl"] = e.TransferTarget;
            return new Ask(e.Id, e.Method, e.Route, e.TransferTarget, body.ToJsonString());
        });
        return [.. direct, .. relayed];
    }

    /// <summary>The doc's sample params (<see cref="DocSample.Params"/>); a doc that shows none gets an empty object, as live validation sends.</summary>
    private static JsonObject SampleBody(Endpoint endpoint) => DocSample.Params(endpoint) ?? [];
}
