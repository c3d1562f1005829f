using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace OpMock.Core.Server;

/// <summary>
/// Kestrel's own answers in the house envelope. A request head Kestrel cannot read (a NUL or another control
/// character in a header, a malformed request line, a head too large) is refused by Kestrel itself, before any
/// middleware runs, with a status line, `Content-Length: 0`, `Connection: close`, its Date and no body. The
/// connection's output is watched for exactly that answer (cheaply: only a write starting `HTTP/1.1 4` or `5` is
/// read) and it is written instead with the envelope, Kestrel's status and headers kept. Everything else passes as
/// written. Only Kestrel's public transport API is used: the connection's <see cref="IDuplexPipe"/> is wrapped.
/// </summary>
internal static class BareAnswers
{
    /// <summary>The connection's pipes, its output watched. <paramref name="envelope"/> gives the body for a status and message.</summary>
    public static IDuplexPipe Wrap(IDuplexPipe transport, Func<int, string, byte[]> envelope) => new Transport(transport.Input, new Output(transport.Output, envelope));

    /// <summary>What each refusal means to the client, by Kestrel's status.</summary>
    public static string Message(int status) => status switch
    {
        400 => "请求格式错误: the request head cannot be read (a control character or NUL in a header, a malformed request line or header line)",
        408 => "请求超时: the request head did not arrive in time",
        413 => "请求体过大: the request body is larger than the server reads",
        414 => "请求行过长: the request line is longer than the server reads",
        431 => "请求头过大: the request's headers are larger than the server reads (32 KB in all)",
        505 => "HTTP 版本不支持: only HTTP/1.0 and HTTP/1.1 are served",
        _ => $"请求被拒绝: HTTP {status}",
    };

    /// <summary>
    /// The answer to write instead of <paramref name="written"/>, when it is all of Kestrel's bodiless refusal (one
    /// write, nothing after the head); else null.
    /// </summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> written, Func<int, string, byte[]> envelope)
    {
        if (written.Length < 16 || !written.StartsWith("HTTP/1.1 "u8) || written[9] is not ((byte)'4' or (byte)'5')
            || written.IndexOf("\r\n\r\n"u8) != written.Length - 4)
        {
            return null;
        }

        var head = Encoding.ASCII.GetString(written[..^4]);
        var lines = head.Split("\r\n");
        var headers = lines.Skip(1).ToList();
        bool Has(string line) => headers.Any(h => h.Equals(line, StringComparison.OrdinalIgnoreCase));
        if (!Has("Content-Length: 0") || !Has("Connection: close") || headers.Any(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))
            || !int.TryParse(lines[0].AsSpan(9, 3), out var status))
        {
            return null;
        }

        var body = envelope(status, Message(status));
        var answer = new StringBuilder(lines[0]).Append("\r\n")
            .Append("Content-Type: ").Append(MockReply.ContentType).Append("\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n");
        foreach (var header in headers.Where(h => !h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
        {
            answer.Append(header).Append("\r\n");
        }

        return [.. Encoding.ASCII.GetBytes(answer.Append("\r\n").ToString()), .. body];
    }

    private sealed class Transport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>The transport's writer, with each advanced write looked at before it is committed.</summary>
    private sealed class Output(PipeWriter inner, Func<int, string, byte[]> envelope) : PipeWriter
    {
        private Memory<byte> lent;

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override Memory<byte> GetMemory(int sizeHint = 0) => lent = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            // Not committed yet, the bytes can be written over: the writer hands out the same memory again.
            if (bytes > 0 && bytes <= lent.Length && Rewrite(lent.Span[..bytes], envelope) is { } answer)
            {
                lent = default;
                inner.Write(answer);
                return;
            }

            lent = default;
            inner.Advance(bytes);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);
    }
}
