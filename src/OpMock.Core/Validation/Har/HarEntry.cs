using System.Collections.Immutable;
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
    /// <summary>What was wrong with the entry's own text (invalid UTF-8, a lone surrogate): findings on the entry.</summary>
    public ImmutableArray<string> Oddities { get; init; } = [];

    /// <summary>The response status as written when it is no HTTP status (then <see cref="Status"/> is 0); null otherwise.</summary>
    public string? BadStatus { get; init; }

    /// <summary>Why no response came (a HAR's _error: the browser's or the proxy's 502/504); null when one did.</summary>
    public string? Error { get; init; }

    /// <summary>The path of the request URL ("/op/v2/receives"), or the URL itself when it is not absolute.</summary>
    public string Path => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : Url.Split('?')[0];

    /// <summary>
    /// The body as bytes when content.encoding is base64 (how browsers save binary, and sometimes JSON), so
    /// its charset can be checked; null when content.text is the body as text.
    /// </summary>
    /// <returns>False when content.encoding is base64 but content.text is not.</returns>
    public bool TryReadBytes(out byte[]? bytes)
    {
        bytes = null;
        if (!string.Equals(Encoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var text = Text ?? "";
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }

    public static HarEntry From(JsonElement entry, int index)
    {
        var oddities = new List<string>();
        string? Str(JsonElement element, string name) => ReadString(element, name, oddities);
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
            ReadStatus(Child(response, "status"), out var badStatus),
            Str(content, "text"),
            Str(content, "encoding"),
            Child(content, "size") is { ValueKind: JsonValueKind.Number } size && size.TryGetInt64(out var length) ? length : -1,
            Str(content, "mimeType"))
        {
            Oddities = [.. oddities],
            Error = Str(response, "_error") ?? Str(entry, "_error"),
            BadStatus = badStatus,
        };
    }

    /// <summary>
    /// The response status; 0 when there is none (no response, or no status field). A status that is no
    /// HTTP status (`999999999999999999999`, `-1`, `2.5`, `"200"`) is not "no response": it comes back in
    /// <paramref name="bad"/> as written, the body is still checked, and the entry gets a finding.
    /// </summary>
    private static int ReadStatus(JsonElement status, out string? bad)
    {
        bad = null;
        if (status.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return 0;
        }

        if (status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out var code) && (code == 0 || code is >= 100 and <= 999))
        {
            return code;
        }

        bad = status.GetRawText();
        return 0;
    }

    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    /// <summary>
    /// A string value. An escape that is half a surrogate pair (`\ud800`) is valid JSON but no text:
    /// System.Text.Json refuses it, so it is read with U+FFFD in its place and noted as an oddity.
    /// </summary>
    private static string? ReadString(JsonElement element, string name, List<string> oddities)
    {
        if (Child(element, name) is not { ValueKind: JsonValueKind.String } text)
        {
            return null;
        }

        try
        {
            return text.GetString();
        }
        catch (InvalidOperationException)
        {
            oddities.Add($"`{name}` holds a lone UTF-16 surrogate escape (half of a character); read with U+FFFD in its place");
            using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text.GetRawText()));
            return BodyText.Scrub(reader.ReadAsString() ?? "");
        }
    }

    /// <summary>A form post lists its fields in postData.params.</summary>
    private static string? Param(JsonElement postData, string name) =>
        Child(postData, "params") is { ValueKind: JsonValueKind.Array } fields
            ? fields.EnumerateArray().Where(f => ReadString(f, "name", []) == name).Select(f => ReadString(f, "value", [])).FirstOrDefault()
            : null;
}
