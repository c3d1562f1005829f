using System.Net.Sockets;
using System.Text;

namespace OpMock.Tests.Support;

/// <summary>
/// HTTP/1.1 written by hand over a loopback socket, for what HttpClient will not send: odd Host values,
/// broken chunk framing, a body that stalls. Reads the answer until the server closes or the deadline.
/// </summary>
internal static class RawHttp
{
    public sealed record Answer(int Status, string Head, string Body)
    {
        /// <summary>What no answer may carry: a .NET stack frame or a source path.</summary>
        public bool LeaksInternals => Body.Contains("   at ", StringComparison.Ordinal) || Body.Contains(".cs:line", StringComparison.Ordinal)
            || Body.Contains("StackTrace", StringComparison.OrdinalIgnoreCase) || Body.Contains("/src/", StringComparison.Ordinal);
    }

    /// <param name="parts">Sent in order; a null part waits <paramref name="stall"/> before the next (a stalled client).</param>
    public static Task<Answer> SendAsync(Uri server, IEnumerable<byte[]?> parts, TimeSpan? stall = null, TimeSpan? deadline = null) =>
        SendAsync(server, parts.ToAsyncEnumerable(), stall, deadline);

    /// <param name="parts">Sent in order, as they come (a part may wait for the test's next step without holding a thread).</param>
    public static async Task<Answer> SendAsync(Uri server, IAsyncEnumerable<byte[]?> parts, TimeSpan? stall = null, TimeSpan? deadline = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(20));
        await socket.ConnectAsync(server.Host, server.Port, timeout.Token);
        var received = new MemoryStream();
        var reading = ReadAllAsync(socket, received, timeout.Token);
        await foreach (var part in parts)
        {
            if (part is null)
            {
                // Stalling is the attack itself, not synchronisation: the server's own timer must end it.
                await Task.WhenAny(reading, Task.Delay(stall ?? TimeSpan.FromSeconds(1), timeout.Token));
                continue;
            }

            try
            {
                await socket.SendAsync(part, SocketFlags.None, timeout.Token);
            }
            catch (SocketException)
            {
                // The server may answer and close before everything was sent.
                break;
            }
        }

        await reading;
        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var status = head.Length >= 12 && int.TryParse(head.AsSpan(9, 3), out var code) ? code : 0;
        var body = split < 0 ? "" : text[(split + 4)..];
        return new Answer(status, head, head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(body) : body);
    }

    /// <summary>The body of a chunked answer (what arrived of it), chunk sizes removed.</summary>
    private static string Dechunk(string body)
    {
        var text = new StringBuilder();
        var at = 0;
        while (at < body.Length)
        {
            var end = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (end < 0 || !int.TryParse(body.AsSpan(at, end - at), System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
            {
                break;
            }

            // Sizes count bytes; the answers read here are ASCII JSON or short UTF-8, so the text is cut by bytes.
            var bytes = Encoding.UTF8.GetBytes(body[(end + 2)..]);
            var chunk = Encoding.UTF8.GetString(bytes, 0, Math.Min(size, bytes.Length));
            text.Append(chunk);
            at = end + 2 + chunk.Length + 2;
        }

        return text.ToString();
    }

    /// <summary>Text gzip-compressed, as a client sending `Content-Encoding: gzip` would.</summary>
    public static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    /// <summary>A request head with the given lines (Host included by the caller), ending the head.</summary>
    public static byte[] Head(string requestLine, params string[] headers) =>
        Encoding.UTF8.GetBytes(requestLine + "\r\n" + string.Join("", headers.Select(h => h + "\r\n")) + "Connection: close\r\n\r\n");

    private static async Task ReadAllAsync(Socket socket, MemoryStream into, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
            {
                into.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // Reset or deadline: what arrived is the answer.
        }
    }
}
