using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World;

namespace OpMock.Core.OpenApi;

/// <summary>
/// pageNo and pageSize as the server pages them (<see cref="Paging"/>): from 1, up to their type's largest value
/// (pageSize up to the doc's maximum, above which the answer is a 400), and the default a missing one takes. Only a
/// doc that pages (both fields among its inputs, a page in its example) is paged; other docs' fields stay as written.
/// </summary>
internal static class PagingBounds
{
    /// <summary>A copy of <paramref name="request"/> with its paging fields bounded, or the request itself when the route does not page.</summary>
    /// <param name="endpoint">The route that pages (a transfer body relays to it).</param>
    /// <param name="endpointRequest">That route's own request schema: where the server reads pageSize's default and maximum.</param>
    /// <param name="request">The schema to publish: the route's, or a transfer body relaying to it.</param>
    public static JsonObject Apply(Endpoint endpoint, JsonObject endpointRequest, JsonObject request)
    {
        if (Paging.For(endpoint, endpointRequest) is not { } paging || request["properties"] is not JsonObject)
        {
            return request;
        }

        var bounded = (JsonObject)request.DeepClone();
        var properties = (JsonObject)bounded["properties"]!;
        foreach (var (name, node) in properties)
        {
            if (node is not JsonObject field || !Paging.IsPageField(name) || !IsInteger(field["type"]))
            {
                continue;
            }

            var pageSize = Paging.IsPageSize(name);
            field["minimum"] = 1;
            field["maximum"] ??= pageSize ? paging.MaxSize is { } most ? most : paging.MaxPageSize : paging.MaxPageNo;
            field["default"] ??= pageSize ? paging.DefaultSize : 1;
        }

        return bounded;
    }

    private static bool IsInteger(JsonNode? type) =>
        type is JsonValue one ? one.GetValue<string>() == "integer" : type is JsonArray many && many.Any(t => t?.GetValue<string>() == "integer");
}
