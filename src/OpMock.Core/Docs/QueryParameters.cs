using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OpMock.Core.Docs;

/// <summary>
/// A GET (or DELETE) doc's params, which clients send in the query string: the documented input fields found
/// there, typed as the doc types them so the request schema checks them as it checks a JSON body. The house's
/// common pairs (apiVersion, client, token, sign) are no input field and stay out.
/// </summary>
internal static class QueryParameters
{
    /// <summary>Whether requests of this method carry their params in the query rather than a body.</summary>
    public static bool Carries(string method) =>
        method.Equals("GET", StringComparison.OrdinalIgnoreCase) || method.Equals("DELETE", StringComparison.OrdinalIgnoreCase)
        || method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);

    public static JsonObject Read(Endpoint endpoint, ImmutableDictionary<string, string> query)
    {
        var parameters = new JsonObject();
        foreach (var field in endpoint.Input)
        {
            if (query.TryGetValue(field.Name, out var text))
            {
                parameters[field.Name] = IsNull(field, text) ? null : Typed(field.Type.Kind, text);
            }
        }

        return parameters;
    }

    /// <summary>A GET doc's sample params: its sample URL's query pairs that name input fields.</summary>
    public static JsonObject Sample(Endpoint endpoint) =>
        Read(endpoint, (endpoint.Doc.Sample?.Query ?? []).DistinctBy(q => q.Key).ToImmutableDictionary());

    /// <summary>A request's params as query pairs: text as it is, other values as JSON text; a null has no query form and is left out.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Pairs(JsonObject parameters) => parameters
        .Where(p => p.Value is not null)
        .Select(p => KeyValuePair.Create(p.Key, p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : p.Value!.ToJsonString()));

    /// <summary>Params as a server reads them back from the query they are sent in (<see cref="Pairs"/>, then <see cref="Read"/>).</summary>
    public static JsonObject AsSent(Endpoint endpoint, JsonObject parameters) =>
        Read(endpoint, Pairs(parameters).DistinctBy(p => p.Key).ToImmutableDictionary());

    /// <summary>The query in a stable order, for the answer cache's key.</summary>
    public static string Key(ImmutableDictionary<string, string> query) =>
        string.Join('&', query.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    /// <summary>
    /// How a query says null for a field that may be null (可为空 是): `x=null` or `x=`, as clients and generators
    /// write a null parameter. Only where text cannot be the value: a text field's `null` is the text "null".
    /// </summary>
    public static bool IsNull(DocField field, string text) =>
        field.Nullable && field.Type.Kind is not (FieldKind.String or FieldKind.Date or FieldKind.Unknown) && text is "" or "null";

    /// <summary>Text that reads as the field's type becomes that type; other text stays text, for the schema to name.</summary>
    private static JsonNode? Typed(FieldKind kind, string text) => kind switch
    {
        FieldKind.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => whole,
        FieldKind.Number when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        FieldKind.Boolean when bool.TryParse(text, out var flag) => flag,
        _ => text,
    };
}
