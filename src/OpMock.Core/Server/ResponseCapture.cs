namespace OpMock.Core.Server;

/// <summary>
/// The response stream of an answer someone else writes (a user's stub, through WireMock): everything goes on
/// to the client as it comes, and the first <see cref="RequestBody.LoggedBytes"/> are kept for the log.
/// </summary>
/// <param name="missed">
/// Whether the answer, about to start with these bytes, is one OpMock replaces (WireMock's "no mapping matched"
/// when the stub went away between OpMock's match and WireMock's; WireMock's own 500 for an admin body it could
/// not read): then nothing is sent, and <see cref="Missed"/> says so.
/// </param>
internal sealed class ResponseCapture(Stream inner, Func<ReadOnlyMemory<byte>, bool>? missed = null) : Stream
{
    private readonly MemoryStream kept = new();
    private bool started;

    /// <summary>Whether the answer was one OpMock replaces, and nothing was sent.</summary>
    public bool Missed { get; private set; }

    /// <summary>How many bytes went through.</summary>
    public long Size { get; private set; }

    public byte[] Kept => kept.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
        if (!Missed)
        {
            inner.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Missed ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!started)
        {
            started = true;
            Missed = missed?.Invoke(buffer) == true;
            if (Missed)
            {
                Keep(buffer.Span);
            }
        }

        if (Missed)
        {
            return;
        }

        Keep(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        Size += bytes.Length;
        var room = RequestBody.LoggedBytes - (int)kept.Length;
        if (room > 0)
        {
            kept.Write(bytes[..Math.Min(room, bytes.Length)]);
        }
    }
}
