using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// Refuses a body over <see cref="RequestBody.MaxBytes"/> before WireMock reads it: WireMock copies every
/// body into memory (and its request log keeps it), so a 20 MB post would otherwise cost 20 MB or more.
/// </summary>
internal static class BodyLimit
{
    private const int ChunkBytes = 81920;

    /// <summary>
    /// Whether the body is over the limit. A declared length decides without reading; a chunked body is read
    /// up to one chunk past the limit, and when within it, handed on as the buffered copy.
    /// </summary>
    public static async Task<bool> ExceededAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            return length > RequestBody.MaxBytes;
        }

        if (!request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var copy = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        // Bounded: every pass adds at least one byte, and the loop stops past the limit.
        while (copy.Length <= RequestBody.MaxBytes && (read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            copy.Write(chunk, 0, read);
        }

        if (copy.Length > RequestBody.MaxBytes)
        {
            return true;
        }

        copy.Position = 0;
        request.Body = copy;
        return false;
    }
}
