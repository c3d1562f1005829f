using System.Buffers.Binary;
using System.IO.Compression;
using OpMock.Core.World;

namespace OpMock.Tests.World;

public sealed class PlaceholderPngTests
{
    [Fact]
    public void For_AFileName_IsAValidPngOfItsSizeWhosePixelsDecompress()
    {
        var png = PlaceholderPng.For("ac-clean-01.png");

        // A PNG signature, an IHDR of 64×64 RGB, and IDAT data that inflates to one filter byte and 64 pixels a row
        png[..8].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        System.Text.Encoding.ASCII.GetString(png, 12, 4).ShouldBe("IHDR");
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)).ShouldBe(PlaceholderPng.Size);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)).ShouldBe(PlaceholderPng.Size);
        var idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        System.Text.Encoding.ASCII.GetString(png, 37, 4).ShouldBe("IDAT");
        using var inflate = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        using var pixels = new MemoryStream();
        inflate.CopyTo(pixels);
        pixels.Length.ShouldBe(PlaceholderPng.Size * (1 + (PlaceholderPng.Size * 3)));
        System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4).ShouldBe("IEND");
    }

    [Fact]
    public void For_TwoNames_DifferAndOneNameIsStable()
    {
        PlaceholderPng.For("a.png").ShouldBe(PlaceholderPng.For("a.png"));
        PlaceholderPng.For("a.png").ShouldNotBe(PlaceholderPng.For("b.png"));
    }
}
