using System.Text.Json;
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
    /// <summary>One request to send: the route, the reqUrl when it goes through the relay, and the JSON body.</summary>
    public sealed record Ask(string Doc, string Route, string? ReqUrl, string Body)
    {
        public string Label => ReqUrl is null ? Route : $"{Route} → {ReqUrl}";
    }

    public static IReadOnlyList<Ask> For(ApiContract contract)
    {
        var endpoints = contract.Endpoints.Select(e => e.Endpoint).ToList();
        var direct = endpoints.Where(e => !e.IsTransfer).DistinctBy(e => e.Route, StringComparer.OrdinalIgnoreCase)
            .Select(e => new Ask(e.Id, e.Route, null, SampleBody(e).ToJsonString()));
        var relayed = endpoints.Where(e => e.IsTransfer && e.TransferTarget is not null).Select(e =>
        {
            var body = SampleBody(e);
            body["reqUrl"] = e.TransferTarget;
            return new Ask(e.Id, e.Route, e.TransferTarget, body.ToJsonString());
        });
        return [.. direct, .. relayed];
    }

    /// <summary>The doc's sample body; a doc that shows only a URL (2.19) gets an empty object, as live validation sends.</summary>
    private static JsonObject SampleBody(Endpoint endpoint)
    {
        try
        {
            return endpoint.Doc.Sample?.Body is { } block && JsonNode.Parse(block.Text) is JsonObject body ? body : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
