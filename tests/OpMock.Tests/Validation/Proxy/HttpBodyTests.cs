using System.IO.Compression;
using System.Text;
using OpMock.Core.Validation.Proxy;

namespace OpMock.Tests.Validation.Proxy;

public sealed class HttpBodyTests
{
    private const string Body = "{\"message\":\"成功\"}";

    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public void Text_CompressedBody_IsCheckedDecompressed(string? contentEncoding)
    {
        // Given a body as the target sent it, compressed or not
        var sent = Compress(Encoding.UTF8.GetBytes(Body), contentEncoding);

        // When it is read for checking, Then it is the JSON text
        HttpBody.Text(sent, contentEncoding, null).ShouldBe(Body);
    }

    [Theory]
    [InlineData("GBK")]
    [InlineData("\"gb2312\"")]
    [InlineData("utf-8")]
    public void Text_DeclaredCharset_DecodesChinese(string charset)
    {
        // Given a body in the charset its Content-Type names
        var bytes = HttpBody.Charset(charset).GetBytes(Body);

        // When it is read, Then the Chinese text is intact
        HttpBody.Text(bytes, null, charset).ShouldBe(Body);
    }

    [Fact]
    public void Text_MislabelledCompression_ChecksTheBytesAsTheyAre()
    {
        // Given a plain body labelled gzip with a charset no one knows,
        // When it is read, Then it is checked as the UTF-8 text it is
        HttpBody.Text(Encoding.UTF8.GetBytes(Body), "gzip", "no-such-charset").ShouldBe(Body);
    }

    private static byte[] Compress(byte[] bytes, string? contentEncoding)
    {
        if (contentEncoding is null or "identity")
        {
            return bytes;
        }

        using var output = new MemoryStream();
        using (Stream encoder = contentEncoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest),
            _ => new BrotliStream(output, CompressionLevel.Fastest),
        })
        {
            encoder.Write(bytes);
        }

        return output.ToArray();
    }
}
