using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpMock.Tests.Validation.Proxy;

/// <summary>
/// A loopback HTTP/1.1 server that answers the way broken or hostile servers do, written on raw sockets so
/// nothing tidies its bytes: a huge body, a gzip bomb, an endless chunked body, integers past 2^63, a
/// Latin-1 header byte, and an upload it counts. One response per connection (Connection: close).
/// </summary>
internal sealed class HostileUpstream : IAsyncDisposable
{
    public const int HugeBytes = 20 * 1024 * 1024;

    public const int BombInflated = 64 * 1024 * 1024;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public HostileUpstream()
    {
        Bomb = Compress(new byte[BombInflated]);
        listener.Start();
        loop = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    /// <summary>64 MiB of zeros, gzipped: what the bomb route sends, byte for byte.</summary>
    public byte[] Bomb { get; }

    public static byte[] Huge { get; } = Enumerable.Range(0, HugeBytes).Select(i => (byte)('a' + (i % 26))).ToArray();

    /// <summary>What the small dribbling route declares; it sends <see cref="DribbleStart"/> of it and then nothing more.</summary>
    public const int DribbleDeclared = 100_000;

    /// <summary>What the small dribbling route sends of its body before it stalls.</summary>
    public const string DribbleStart = "{\"code\":200";

    public const int LargeDeclared = 20 * 1024 * 1024;

    /// <summary>What the large dribbling route sends before it stalls: past the 8 MiB the proxy holds to check.</summary>
    public const int LargeSent = 9 * 1024 * 1024;

    /// <summary>Set once a dribbling route has sent what it will send.</summary>
    public TaskCompletionSource Dribbling { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public const string BigInteger = "{\"code\":200,\"message\":\"ok\",\"data\":{\"total\":123456789012345678901234567890},\"page\":null,\"foot\":null}";

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var (path, length) = await ReadHeadAsync(stream);

                // Read before answering: closing a socket with unread bytes resets the connection.
                var received = await DrainAsync(stream, length);
                await AnswerAsync(stream, path, received);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The proxy or the test hung up: that is the point of several routes.
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream, string path, long received)
    {
        // The route is a documented one, so the proxy checks it; the query says how to misbehave.
        var kind = path.Contains("case=", StringComparison.Ordinal) ? "/" + path[(path.IndexOf("case=", StringComparison.Ordinal) + 5)..] : "";
        switch (kind)
        {
            case var p when p.EndsWith("/huge", StringComparison.Ordinal):
                await WriteAsync(stream, "200 OK", $"Content-Type: application/json\r\nContent-Length: {Huge.Length}\r\n", Huge);
                break;
            case var p when p.EndsWith("/bomb", StringComparison.Ordinal):
                await WriteAsync(stream, "200 OK", $"Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {Bomb.Length}\r\n", Bomb);
                break;
            case var p when p.EndsWith("/endless", StringComparison.Ordinal):
                await WriteAsync(stream, "200 OK", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", []);
                var chunk = Encoding.ASCII.GetBytes("10000\r\n" + new string('x', 0x10000) + "\r\n");
                while (!stop.IsCancellationRequested)
                {
                    await stream.WriteAsync(chunk, stop.Token);
                }

                break;
            case var p when p.EndsWith("/dribble", StringComparison.Ordinal):
                // Headers, a declared length, a few bytes, then silence: a server that answers a byte now and then.
                await WriteAsync(stream, "200 OK", $"Content-Type: application/json\r\nContent-Length: {DribbleDeclared}\r\n", Encoding.ASCII.GetBytes(DribbleStart));
                Dribbling.TrySetResult();
                await Task.Delay(Timeout.Infinite, stop.Token);
                break;
            case var p when p.EndsWith("/dribble-large", StringComparison.Ordinal):
                await WriteAsync(stream, "200 OK", $"Content-Type: application/json\r\nContent-Length: {LargeDeclared}\r\n", Huge.AsSpan(0, LargeSent).ToArray());
                Dribbling.TrySetResult();
                await Task.Delay(Timeout.Infinite, stop.Token);
                break;
            case var p when p.EndsWith("/upload", StringComparison.Ordinal):
                await WriteAsync(stream, "200 OK", "Content-Type: application/json\r\n", Encoding.UTF8.GetBytes($"{{\"received\":{received}}}"), withLength: true);
                break;
            case var p when p.EndsWith("/latin1", StringComparison.Ordinal):
                await WriteAsync(stream, "200 OK", "Content-Type: application/json\r\nX-Name: caf\u00e9\r\n", Encoding.UTF8.GetBytes(BigInteger), withLength: true);
                break;
            default:
                await WriteAsync(stream, "200 OK", "Content-Type: application/json\r\n", Encoding.UTF8.GetBytes(BigInteger), withLength: true);
                break;
        }
    }

    private async Task WriteAsync(NetworkStream stream, string status, string headers, byte[] body, bool withLength = false)
    {
        var length = withLength ? $"Content-Length: {body.Length}\r\n" : "";

        // Latin-1, as a server written in Java sends a header it never encoded.
        await stream.WriteAsync(Encoding.Latin1.GetBytes($"HTTP/1.1 {status}\r\nConnection: close\r\n{headers}{length}\r\n"), stop.Token);
        await stream.WriteAsync(body, stop.Token);
        await stream.FlushAsync(stop.Token);
    }

    private async Task<long> DrainAsync(NetworkStream stream, long length)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        while (total < length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - total)), stop.Token);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Reads the request line and headers byte by byte (they are short); the body is left in the stream.</summary>
    private async Task<(string Path, long Length)> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 64 * 1024)
        {
            if (await stream.ReadAsync(one, stop.Token) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        var lines = head.ToString().Split("\r\n");
        var path = lines[0].Split(' ') is { Length: > 1 } parts ? parts[1] : "/";
        var length = lines.Select(l => l.Split(':', 2)).Where(l => l.Length == 2 && l[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(l => long.Parse(l[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        return (path, length);
    }
}
