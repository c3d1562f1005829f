using System.Globalization;
using System.Text;

namespace OpMock.Core.Validation.Reports;

/// <summary>
/// Escaping for the HTML report. Paths, values, sources and even routes come from servers we do not
/// trust, so every piece of text goes through here, in element content and attribute values alike.
/// Hand-written rather than WebUtility.HtmlEncode, which turns Latin-1 letters into numeric entities:
/// the report keeps Chinese and other text as plain UTF-8 so the file stays readable as source too.
/// </summary>
internal static class HtmlText
{
    public static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAny("&<>\"'\u007F") && !text.Any(NeedsReplacing))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&#39;"); break;
                case var _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]):
                    escaped.Append(c).Append(text[++i]);
                    break;
                case var _ when NeedsReplacing(c):
                    // Control characters and broken surrogate halves are not text a browser can show;
                    // U+FFFD marks where they were instead of silently dropping them.
                    escaped.Append('\uFFFD');
                    break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>"1 error", "3 warnings": counts as a person writes them, in invariant digits.</summary>
    public static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private static bool NeedsReplacing(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || char.IsSurrogate(c);
}
