using System.Text;

namespace OpMock.Core.Validation;

/// <summary>Says in a few words what a body that is not the expected JSON is, for one-line findings.</summary>
internal static class BodyText
{
    private const int SampleLength = 60;

    /// <summary>Reads after "the body is": empty, HTML or XML, not JSON, text, not JSON, or JSON.</summary>
    public static string Describe(string body)
    {
        var trimmed = body.TrimStart();
        return trimmed.Length == 0 ? "empty"
            : trimmed.StartsWith('<') ? "HTML or XML, not JSON"
            : trimmed[0] is '{' or '[' ? "JSON"
            : "text, not JSON";
    }

    /// <summary>The start of the body on one line, so a report shows what came back without dumping a page.</summary>
    public static string Sample(string body)
    {
        var flat = string.Join(' ', body.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim())).Trim();
        return Scrub(flat.Length == 0 ? "empty" : flat.Length > SampleLength ? flat[..SampleLength] + "…" : flat);
    }

    /// <summary>
    /// Bytes as text in their charset. Invalid UTF-8 becomes U+FFFD so the rest can still be checked, and
    /// <paramref name="invalidAt"/> says where the first bad byte was (-1 when there is none): a finding.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, Encoding encoding, out long invalidAt)
    {
        invalidAt = -1;
        if (encoding.CodePage == Encoding.UTF8.CodePage && !System.Text.Unicode.Utf8.IsValid(bytes))
        {
            invalidAt = FirstInvalidUtf8(bytes);
        }

        return encoding.GetString(bytes).TrimStart('\uFEFF');
    }

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence; -1 when all are valid.</summary>
    public static long FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var used) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += used;
        }

        return -1;
    }

    /// <summary>The index of the first UTF-16 surrogate without its pair; -1 when there is none.</summary>
    public static int FirstLoneSurrogate(ReadOnlySpan<char> text)
    {
        var start = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (start < 0)
        {
            return -1;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Text safe for any encoder: a lone surrogate (which no UTF can write) becomes U+FFFD.</summary>
    public static string Scrub(string text)
    {
        if (FirstLoneSurrogate(text) < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
