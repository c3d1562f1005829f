using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpMock.Core.Docs;

/// <summary>What a doc's sample request (测试环境 / 开发环境) sends: its params, and the house's common query pairs.</summary>
internal static class DocSample
{
    /// <summary>
    /// The doc's sample params: a GET doc's sample URL query pairs that name input fields, another doc's sample body
    /// (a JSON object); an empty object for a sample request with neither (2.19 shows only a URL, its token naming the
    /// OP); null when the doc shows no sample request at all.
    /// </summary>
    public static JsonObject? Params(Endpoint endpoint)
    {
        if (endpoint.Doc.Sample is not { } sample)
        {
            return null;
        }

        if (QueryParameters.Carries(endpoint.Method))
        {
            return QueryParameters.Sample(endpoint);
        }

        try
        {
            return sample.Body is { } block && JsonNode.Parse(block.Text) is JsonObject body ? body : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The sample URL's query pairs that are no input field: the house's apiVersion, client, token, sign.</summary>
    public static IEnumerable<KeyValuePair<string, string>> CommonQuery(Endpoint endpoint) =>
        (endpoint.Doc.Sample?.Query ?? []).Where(q => !endpoint.Input.Any(f => f.Name.Equals(q.Key, StringComparison.OrdinalIgnoreCase)));
}
