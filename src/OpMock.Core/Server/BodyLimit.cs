using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// Reads a request body into memory, up to a bound, before anyone else does: a body over the bound is
/// refused (a declared length unread), and a stalled or badly framed body fails here, where the gate turns
/// Kestrel's verdict into a JSON answer, instead of inside WireMock, which answered 500 with its exception dump.
/// </summary>
internal static class BodyLimit
{
    private const int ChunkBytes = 81920;

    /// <summary>The body's bytes, or null when it is larger than <paramref name="max"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            if (length > max)
            {
                return null;
            }

            if (length == 0)
            {
                return [];
            }
        }

        using var copy = new MemoryStream(request.ContentLength is { } declared ? (int)declared : 256);
        var chunk = new byte[ChunkBytes];
        int read;
        // Bounded: every pass adds at least one byte, and the loop stops past the limit.
        while (copy.Length <= max && (read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            copy.Write(chunk, 0, read);
        }

        return copy.Length > max ? null : copy.ToArray();
    }
}
