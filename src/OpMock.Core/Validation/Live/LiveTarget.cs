using System.Collections.Immutable;

namespace OpMock.Core.Validation.Live;

/// <summary>
/// Where live mode sends the docs' sample requests. Only these hosts are contacted: the host written
/// in a doc's sample URL (120.55.94.183 …) never is.
/// </summary>
/// <param name="AppUrl">The app server that relays through /opapp/transfer; null skips transfer checks.</param>
/// <param name="Query">Pairs that replace or add to each sample's query (apiVersion, client, token, sign).</param>
/// <param name="Timeout">Bounds each request, from sending to the last byte of the body.</param>
internal sealed record LiveTarget(Uri BaseUrl, Uri? AppUrl, ImmutableArray<KeyValuePair<string, string>> Query, TimeSpan Timeout)
{
    public static ImmutableArray<KeyValuePair<string, string>> ParseQuery(string? query) =>
        [.. (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var parts = pair.Split('=', 2);
            return new KeyValuePair<string, string>(Unescape(parts[0]), parts.Length > 1 ? Unescape(parts[1]) : "");
        })];

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
