using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// Reads a request body into memory, up to a bound, before anyone else does: a body over the bound is
/// refused (a declared length unread), and a stalled or badly framed body fails here, where the gate turns
/// Kestrel's verdict into a JSON answer, instead of inside WireMock, which answered 500 with its exception dump.
/// </summary>
internal static class BodyLimit
{
    /// <summary>Chunked bodies are read through a pooled buffer: a fresh 80 KB one per request cost throughput and memory.</summary>
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The body's bytes, or null when it is larger than <paramref name="max"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            if (length > max)
            {
                return null;
            }

            return length == 0 ? [] : await ReadExactlyAsync(request.Body, (int)length, cancellationToken);
        }

        using var copy = new MemoryStream(256);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            // Bounded: every pass adds at least one byte, and the loop stops past the limit.
            while (copy.Length <= max && (read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                copy.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return copy.Length > max ? null : copy.ToArray();
    }

    /// <summary>A declared length is read straight into an array of that size (Kestrel fails a body that ends early).</summary>
    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        var filled = 0;
        int read;
        while (filled < length && (read = await body.ReadAsync(bytes.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return filled == length ? bytes : bytes[..filled];
    }
}
