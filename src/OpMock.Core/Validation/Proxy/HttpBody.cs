using System.IO.Compression;
using System.Text;

namespace OpMock.Core.Validation.Proxy;

/// <summary>Turns a body as it travels (maybe gzip, maybe GBK) into the text the validator checks.</summary>
internal static class HttpBody
{
    public static string Text(byte[] body, string? contentEncoding, string? charset)
    {
        var plain = Decompress(body, contentEncoding);
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

    /// <summary>The client gets the compressed bytes unchanged; only the check reads them decompressed.</summary>
    public static byte[] Decompress(byte[] body, string? contentEncoding)
    {
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
        using var output = new MemoryStream();
        try
        {
            decoder.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            // Mislabelled as compressed: check the bytes as they are.
            return body;
        }
    }
}
