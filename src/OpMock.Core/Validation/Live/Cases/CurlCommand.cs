using System.Collections.Immutable;

namespace OpMock.Core.Validation.Live.Cases;

/// <summary>
/// A ready-to-paste curl that replays one request. Query pairs given on the command line (token, sign) are
/// shown as … placeholders: the report ends up in CI logs, the secrets must not.
/// </summary>
internal static class CurlCommand
{
    public const string Placeholder = "…";

    /// <param name="query">The pairs the request carried.</param>
    /// <param name="secret">Keys whose values came from --query and are hidden.</param>
    /// <param name="body">The JSON body; null when the params are all in the query (a GET doc).</param>
    public static string For(string method, Uri baseUrl, string route, IEnumerable<KeyValuePair<string, string>> query, ImmutableHashSet<string> secret, string? body)
    {
        var pairs = query.Select(p => $"{Uri.EscapeDataString(p.Key)}={(secret.Contains(p.Key) ? Placeholder : Uri.EscapeDataString(p.Value))}").ToList();
        var url = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + route + (pairs.Count == 0 ? "" : "?" + string.Join('&', pairs));
        return body is null
            ? $"curl -sS -i -X {method} {Quote(url)}"
            : $"curl -sS -i -X {method} {Quote(url)} -H 'Content-Type: application/json' --data-binary {Quote(body)}";
    }

    /// <summary>POSIX shell single quotes: everything literal, a ' written as '\''.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}
