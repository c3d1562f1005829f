using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using OpMock.Core.Json;

namespace OpMock.Core.Server;

/// <summary>
/// What the OP servers accept as a request body: a JSON object, sent as UTF-8 with a JSON Content-Type,
/// at most <see cref="MaxBytes"/>. Anything else is turned into one sentence saying what is wrong, so the
/// mock answers a clear error instead of guessing (a lenient decoder would turn GBK or UTF-16 into U+FFFD
/// and answer 200 to a request the real server refuses).
/// </summary>
internal static class RequestBody
{
    /// <summary>OP requests are a few hundred bytes; the limit keeps a hostile body from costing memory.</summary>
    public const int MaxBytes = 1 << 20;

    public const string MaxText = "1 MiB";

    /// <summary>Admin bodies (stubs, settings) may be larger than OP requests, still bounded.</summary>
    public const int AdminMaxBytes = 8 << 20;

    /// <summary>How much of each body the request log keeps (`/__admin/requests`).</summary>
    public const int LoggedBytes = 4096;

    /// <summary>The body as text when it is UTF-8, or null and why not (a leading UTF-8 BOM is dropped).</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, out string? problem)
    {
        problem = null;
        var start = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        bytes = bytes[start..];
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            problem = "it starts with a UTF-16 byte order mark";
            return null;
        }

        // Raw NUL is never valid in JSON text; in a body it nearly always means UTF-16 (ASCII every other byte).
        if (bytes.IndexOf((byte)0) is var nul and >= 0)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"byte {start + nul} is NUL, as in UTF-16 text");
            return null;
        }

        var chars = new char[bytes.Length];
        if (Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"byte {start + read} (0x{bytes[read]:X2}) is not UTF-8");
            return null;
        }

        return new string(chars, 0, written);
    }

    /// <summary>The body as a JSON object (an empty body is {}), or null with the reason in <paramref name="problem"/>.</summary>
    /// <param name="field">The field the problem is in: `$` for the body as a whole.</param>
    /// <param name="expected">What the field should have been.</param>
    public static JsonObject? Read(MockRequest request, out string problem, out string field, out string expected)
    {
        if (request.Memo is { } memo && memo.Kept(request) is { } kept)
        {
            (problem, field, expected) = (kept.Problem, kept.Field, kept.Expected);
            return kept.Json;
        }

        var json = ReadOnce(request, out problem, out field, out expected);
        request.Memo?.Keep(request, new BodyMemo.Reading(json, problem, field, expected));
        return json;
    }

    private static JsonObject? ReadOnce(MockRequest request, out string problem, out string field, out string expected)
    {
        problem = "";
        field = "$";
        expected = "a JSON object";
        if (ContentTypeProblem(request) is { } wrongType)
        {
            problem = wrongType;
            return null;
        }

        if (request.NotUtf8 is { } notUtf8)
        {
            problem = $"the body is not UTF-8 text: {notUtf8}; send UTF-8";
            return null;
        }

        if (request.Body.Trim().Length == 0)
        {
            return [];
        }

        if (JsonHazards.Find(request.Body, out var at) is { } hazard)
        {
            (problem, field, expected) = ($"{at}: {hazard}", at, "Unicode text and integers within 64 bits");
            return null;
        }

        var node = OpJson.TryParse(request.Body, out var error, out var line);
        problem = error is null ? "the body must be a JSON object" : $"the body is not valid JSON (line {line}): {error}";
        return node as JsonObject;
    }

    private static string? ContentTypeProblem(MockRequest request)
    {
        if (request.ContentType is not { Length: > 0 } text)
        {
            // Nothing to type: a bare POST with no body is read as {}.
            return request.Body.Length == 0 ? null : "Content-Type must be application/json; none was sent";
        }

        if (!MediaTypeHeaderValue.TryParse(text, out var type) || type.MediaType is not { } media || !IsJsonMedia(media))
        {
            return $"Content-Type must be application/json, not {MockEngine.Sample(text)}";
        }

        var charset = type.CharSet?.Trim('"');
        return charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the charset must be UTF-8, not {MockEngine.Sample(charset)}";
    }

    /// <summary>Whether a Content-Type header names JSON (charset aside).</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType is { } media && IsJsonMedia(media);

    private static bool IsJsonMedia(string media) =>
        media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || media.Equals("text/json", StringComparison.OrdinalIgnoreCase)
        || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A request's body as <see cref="RequestBody.Read"/> read it, kept for the rest of the request: the transfer relay,
/// the engine and the request log parse the body once between them. The reading is kept for the exact body text
/// and Content-Type it was made from, so a request copied with another body is read afresh. The parsed object is
/// shared: its readers only read it (a transfer's params are a copy).
/// </summary>
internal sealed class BodyMemo
{
    internal sealed record Reading(JsonObject? Json, string Problem, string Field, string Expected);

    private (string Body, string? ContentType, string? NotUtf8, Reading Reading)? kept;

    /// <summary>How many times the body was read (parsed): one per request, which a test holds.</summary>
    public int Reads { get; private set; }

    /// <summary>The body as a JSON object when it was read and was one; null otherwise.</summary>
    public JsonObject? Json => kept?.Reading.Json;

    public Reading? Kept(MockRequest request) =>
        kept is { } k && ReferenceEquals(k.Body, request.Body) && k.ContentType == request.ContentType && k.NotUtf8 == request.NotUtf8 ? k.Reading : null;

    public void Keep(MockRequest request, Reading reading)
    {
        Reads++;
        kept = (request.Body, request.ContentType, request.NotUtf8, reading);
    }
}
