namespace OpMock.Core.Validation;

/// <summary>
/// How much of one body the validator reads. The OP responses are a few KiB; a body past this is
/// forwarded or skipped unchecked with a note, never buffered whole — it is what a hostile or broken
/// server sends (a 1 GiB download, an endless chunked stream, a gzip bomb).
/// </summary>
internal static class BodyLimits
{
    /// <summary>The largest body, as received or once decompressed, that is checked.</summary>
    public const int Checked = 8 * 1024 * 1024;

    /// <summary>A compressed body that inflates more than this many times over is a bomb, not a response.</summary>
    public const int Ratio = 200;

    public static string TooLarge => $"body larger than {Checked / (1024 * 1024)} MiB: not checked";

    /// <summary>Reads a stream until its end or until more than <paramref name="limit"/> bytes have come.</summary>
    /// <returns>
    /// The bytes read (at most one buffer past the limit), and whether they are the whole stream; when not,
    /// the rest is still unread in the stream, so a proxy can send these bytes and then copy the rest.
    /// </returns>
    public static async Task<(byte[] Bytes, bool Whole)> ReadAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return (output.ToArray(), true);
            }

            output.Write(buffer, 0, read);
            if (output.Length > limit)
            {
                return (output.ToArray(), false);
            }
        }
    }
}
