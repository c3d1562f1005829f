using System.Text;
using System.Text.Json;

namespace OpMock.Core.Validation.Har;

/// <summary>The parts of one HAR entry the validator needs, copied out so the entry's JSON can be freed.</summary>
/// <param name="Index">The entry's position in log.entries, 0-based.</param>
/// <param name="Status">0 when the browser got no response (blocked, aborted, offline).</param>
/// <param name="Text">content.text as written: null when the browser did not save the body.</param>
/// <param name="Size">content.size: the body's length, which tells "empty" from "not saved".</param>
internal sealed record HarEntry(
    int Index,
    string Method,
    string Url,
    string? RequestText,
    string? RequestReqUrlParam,
    int Status,
    string? Text,
    string? Encoding,
    long Size,
    string? MimeType)
{
    /// <summary>The path of the request URL ("/op/v2/receives"), or the URL itself when it is not absolute.</summary>
    public string Path => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : Url.Split('?')[0];

    /// <summary>The body as text: base64 content (how browsers save binary, and sometimes JSON) is decoded.</summary>
    /// <returns>False when content.encoding is base64 but content.text is not.</returns>
    public bool TryReadBody(out string body)
    {
        body = Text ?? "";
        if (!string.Equals(Encoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var bytes = new byte[(body.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(body, bytes, out var written))
        {
            return false;
        }

        // The OP servers write UTF-8; a BOM some proxies add is not part of the JSON.
        body = new UTF8Encoding(false).GetString(bytes, 0, written).TrimStart('\uFEFF');
        return true;
    }

    public static HarEntry From(JsonElement entry, int index)
    {
        var request = Child(entry, "request");
        var response = Child(entry, "response");
        var content = Child(response, "content");
        var postData = Child(request, "postData");
        return new HarEntry(
            index,
            Str(request, "method") ?? "GET",
            Str(request, "url") ?? "",
            Str(postData, "text"),
            Param(postData, "reqUrl"),
            Child(response, "status") is { ValueKind: JsonValueKind.Number } status && status.TryGetInt32(out var code) ? code : 0,
            Str(content, "text"),
            Str(content, "encoding"),
            Child(content, "size") is { ValueKind: JsonValueKind.Number } size && size.TryGetInt64(out var length) ? length : -1,
            Str(content, "mimeType"));
    }

    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    private static string? Str(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    /// <summary>A form post lists its fields in postData.params.</summary>
    private static string? Param(JsonElement postData, string name) =>
        Child(postData, "params") is { ValueKind: JsonValueKind.Array } fields
            ? fields.EnumerateArray().Where(f => Str(f, "name") == name).Select(f => Str(f, "value")).FirstOrDefault()
            : null;
}
