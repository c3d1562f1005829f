using System.Text.Json;

namespace OpMock.Core.Transfer;

/// <summary>
/// The reqUrl of a transfer request (POST /opapp/transfer): the server refuses hostile ones before looking
/// them up among the documented direct routes (the mock never makes an outbound request); the validator finds
/// it in recorded requests, in whatever shape their body was sent, to pick the relayed route's schema.
/// </summary>
internal static class ReqUrl
{
    /// <summary>Why a reqUrl is refused outright (absolute URL, host, traversal), or null when it is a plain path.</summary>
    public static string? Hostile(string reqUrl) => reqUrl switch
    {
        _ when reqUrl.Contains("://", StringComparison.Ordinal) => "an absolute URL",
        _ when reqUrl.StartsWith("//", StringComparison.Ordinal) || reqUrl.StartsWith(@"\\", StringComparison.Ordinal) => "a URL with a host",
        _ when reqUrl.Contains("..", StringComparison.Ordinal) || reqUrl.Contains('\\') => "a path with `..` or backslashes",
        _ when reqUrl.Any(char.IsControl) || reqUrl.Contains('%') || reqUrl.Contains('@') => "a path with encoded or control characters",
        _ when !reqUrl.StartsWith('/') => "not a path starting with /",
        _ => null,
    };

    /// <param name="formValue">The reqUrl field of a form post, when the request was one.</param>
    /// <param name="body">The request body: JSON ({"reqUrl": …}) or form-encoded (reqUrl=…).</param>
    /// <returns>The route, without host or query ("/op/v2/getChatInfoByUserId"), or null when none is named.</returns>
    public static string? Find(string? formValue, string? body)
    {
        var value = formValue ?? FromJson(body) ?? FromForm(body);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // Apps sometimes send the whole URL of the direct route; its path is what names the schema.
        value = value.Trim();
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            ? uri.AbsolutePath
            : value.Split('?')[0];
    }

    private static string? FromJson(string? body)
    {
        if (body is null || !body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("reqUrl", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? FromForm(string? body) =>
        body?.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == "reqUrl")
            .Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' '))).FirstOrDefault();
}
