using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace OpMock.Core.World;

/// <summary>
/// A placeholder for an image an example shows: a 64×64 PNG, made by code (no network, no file), in a colour drawn from
/// the file name with a lighter band across it, so two images of one screen look different and one image never changes.
/// </summary>
internal static class PlaceholderPng
{
    public const int Size = 64;

    public const string ContentType = "image/png";

    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] CrcTable = [.. Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    })];

    public static byte[] For(string name)
    {
        var hash = StableHash.Of(0, "placeholder", name);
        // Mid-tone colours: each channel 64–191, so the band (a quarter lighter) always shows.
        byte[] colour = [(byte)(64 + (hash & 0x7F)), (byte)(64 + ((hash >> 8) & 0x7F)), (byte)(64 + ((hash >> 16) & 0x7F))];
        byte[] band = [.. colour.Select(c => (byte)(c + ((255 - c) / 2)))];
        var raw = new byte[Size * (1 + (Size * 3))];
        for (var y = 0; y < Size; y++)
        {
            var row = y * (1 + (Size * 3));
            var pixel = y is >= Size * 3 / 8 and < Size * 5 / 8 ? band : colour;
            for (var x = 0; x < Size; x++)
            {
                pixel.CopyTo(raw, row + 1 + (x * 3));
            }
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Size);
        header[8] = 8; // bits per channel
        header[9] = 2; // truecolour RGB
        Chunk(png, "IHDR", header);
        using (var packed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            Chunk(png, "IDAT", packed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc(typed));
        png.Write(number);
    }

    private static uint Crc(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }
}
