using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpMock.Tests.Support;

/// <summary>
/// A bare HTTP server on 127.0.0.1 and a free port that answers every request with one status, or with
/// nothing at all (status null, to test timeouts), or with one HTML page (another origin, as a page on some
/// other site the developer visits is). For probes that only care whether something answers.
/// </summary>
internal sealed class StubHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly byte[]? page;

    public StubHttpServer(int? status)
        : this(status, null)
    {
    }

    private StubHttpServer(int? status, byte[]? page)
    {
        this.page = page;
        listener.Start();
        loop = ServeAsync(status);
    }

    /// <summary>A server that answers every request with this page.</summary>
    public static StubHttpServer Page(string html)
    {
        var body = Encoding.UTF8.GetBytes(html);
        return new StubHttpServer(200, [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), .. body]);
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>A loopback port nothing listens on (just released by a listener of our own).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync(int? status)
    {
        while (!stop.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            var stream = client.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[4096];
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && head.Length < 65536)
            {
                var read = await stream.ReadAsync(buffer, stop.Token);
                if (read == 0)
                {
                    break;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            if (status is null)
            {
                // Hold the connection without answering until the test ends.
                await Task.Delay(Timeout.Infinite, stop.Token);
            }

            await stream.WriteAsync(page ?? Encoding.ASCII.GetBytes($"HTTP/1.1 {status} Stub\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // The loop ends by being cancelled.
        }

        stop.Dispose();
    }
}
