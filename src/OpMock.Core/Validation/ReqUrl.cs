using System.Text.Json;

namespace OpMock.Core.Validation;

/// <summary>Finds the reqUrl a transfer request relays to, in whatever shape its body was sent.</summary>
internal static class ReqUrl
{
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
