namespace OpMock.Core.Server;

/// <summary>
/// The response stream of an answer someone else writes (a user's stub, through WireMock): everything goes on
/// to the client as it comes, and the first <see cref="RequestBody.LoggedBytes"/> are kept for the log.
/// </summary>
internal sealed class ResponseCapture(Stream inner) : Stream
{
    private readonly MemoryStream kept = new();

    /// <summary>How many bytes went through.</summary>
    public long Size { get; private set; }

    public byte[] Kept => kept.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Keep(buffer.AsSpan(offset, count));
        inner.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
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
