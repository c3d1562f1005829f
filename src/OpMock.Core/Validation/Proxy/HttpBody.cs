using System.IO.Compression;
using System.Text;

namespace OpMock.Core.Validation.Proxy;

/// <summary>Turns a body as it travels (maybe gzip, maybe GBK) into the text the validator checks.</summary>
internal static class HttpBody
{
    public static string Text(byte[] body, string? contentEncoding, string? charset)
    {
        var plain = Decompress(body, contentEncoding, out _) ?? body;
        return Charset(charset).GetString(plain).TrimStart('\uFEFF');
    }

    /// <summary>
    /// The charset a response names. Java servers in China may still say GBK, which .NET only knows
    /// through the code pages provider; it is asked directly, so no process-wide registration is needed.
    /// </summary>
    public static Encoding Charset(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Encoding.UTF8;
        }

        name = name.Trim('"', ' ');
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            // An unknown charset name: the OP servers write UTF-8 anyway.
            return Encoding.UTF8;
        }
    }

    /// <summary>
    /// The body decompressed for checking only — the client gets the compressed bytes unchanged. Bounded:
    /// past <see cref="BodyLimits.Checked"/> bytes, or <see cref="BodyLimits.Ratio"/> times the compressed
    /// size, inflating stops and the body is not checked (a 1 MB gzip bomb would otherwise become 1 GiB).
    /// </summary>
    /// <returns>Null, with the reason in <paramref name="refused"/>, when the bound was reached.</returns>
    public static byte[]? Decompress(byte[] body, string? contentEncoding, out string? refused)
    {
        refused = null;
        var name = contentEncoding?.Trim().ToLowerInvariant();
        if (body.Length == 0 || name is null or "" or "identity")
        {
            return body;
        }

        using var input = new MemoryStream(body);
        using Stream decoder = name switch
        {
            "gzip" or "x-gzip" => new GZipStream(input, CompressionMode.Decompress),
            "deflate" => new ZLibStream(input, CompressionMode.Decompress),
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            _ => input,
        };
        var limit = (int)Math.Min(BodyLimits.Checked, Math.Max(64L * 1024, (long)body.Length * BodyLimits.Ratio));
        using var output = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = decoder.Read(buffer)) > 0)
            {
                if (output.Length + read > limit)
                {
                    refused = $"{name} body inflates past {limit / 1024} KiB ({body.Length} bytes compressed): not checked";
                    return null;
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            // Mislabelled as compressed: check the bytes as they are.
            return body;
        }
    }
}
