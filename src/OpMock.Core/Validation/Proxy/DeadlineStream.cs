namespace OpMock.Core.Validation.Proxy;

/// <summary>
/// A stream read under a deadline of its own besides the caller's token (an upload's, which HttpClient
/// knows nothing of), counting the bytes that came: what a timeout's message says arrived.
/// </summary>
internal sealed class DeadlineStream(Stream inner, CancellationToken deadline) : Stream
{
    /// <summary>Bytes read so far.</summary>
    public long Count { get; private set; }

    /// <summary>Whether the stream has been read to its end: its deadline no longer matters.</summary>
    public bool Done { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Why a read failed (Kestrel's own verdict on a too-slow upload, say), when one did.</summary>
    public Exception? Error { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline);
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, both.Token);
        }
        catch (Exception e)
        {
            Error = e;
            throw;
        }

        Count += read;
        Done |= read == 0 && buffer.Length > 0;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        deadline.ThrowIfCancellationRequested();
        var read = inner.Read(buffer, offset, count);
        Count += read;
        Done |= read == 0 && count > 0;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
