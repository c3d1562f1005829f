using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpMock.Tests.Support;

/// <summary>
/// A real redis-server (Debian's /usr/bin/redis-server; `.ci/run` installs it) on 127.0.0.1 and a free port,
/// with its own temporary folder and no persistence. Fault tests kill it and start it again on the same port.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    /// <summary>How long redis-server may take to say it listens (2 busy cores, several test servers).</summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);

    private readonly TempFolder folder = new();
    private readonly string? password;
    private readonly string[] settings;
    private Process? process;

    private RedisServer(int port, string? password, string[] settings)
    {
        Port = port;
        this.password = password;
        this.settings = settings;
    }

    public int Port { get; }

    /// <summary>The URL `--state` takes for this server.</summary>
    public string Url => $"redis://127.0.0.1:{Port}";

    public bool Running => process is { HasExited: false };

    /// <summary>Starts redis-server on a free loopback port and returns once it listens and answers PING.</summary>
    /// <param name="password">Set with `requirepass` when given: clients must AUTH.</param>
    /// <param name="settings">More of redis-server's settings as arguments (`--maxmemory-policy`, `allkeys-lru`).</param>
    public static async Task<RedisServer> StartAsync(string? password = null, params string[] settings)
    {
        // Another process may take the port between our probe and redis' bind: a few fresh ports, then give up.
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServer(StubHttpServer.FreePort(), password, settings);
            try
            {
                await server.RestartAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Starts redis-server again on the same port (after <see cref="Kill"/>), empty: nothing was saved.</summary>
    public async Task RestartAsync()
    {
        if (Running)
        {
            throw new InvalidOperationException("redis-server is already running");
        }

        process?.Dispose();
        if (!File.Exists(Executable))
        {
            throw new FileNotFoundException($"{Executable} is missing: these tests start a real Redis; install Debian's redis-server (.ci/run does)", Executable);
        }

        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Executable}");
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object sender, DataReceivedEventArgs e)
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            // redis-server says so once it listens; a null line is the end of its output (it exited).
            if (e.Data is null || e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var answered = false;
        try
        {
            await ready.Task.WaitAsync(StartDeadline);
            answered = !process.HasExited && await PingAsync();
        }
        catch (TimeoutException)
        {
            // Reported below with what redis-server printed.
        }

        if (!answered)
        {
            Kill();
            lock (output)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not start within {StartDeadline.TotalSeconds:0}s: {output}");
            }
        }
    }

    /// <summary>Kills redis-server at once (no shutdown, no save): a lost state store.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    /// <summary>True when redis-server answers PING (or asks for a password: it is up).</summary>
    private async Task<bool> PingAsync()
    {
        using var client = new TcpClient();
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, bounded.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), bounded.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, bounded.Token);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.StartsWith("+PONG", StringComparison.Ordinal) || answer.StartsWith("-NOAUTH", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private IEnumerable<string> Arguments()
    {
        string[] fixedArguments =
        [
            "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--dir", folder.Path, "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "notice",
        ];
        return password is null ? [.. fixedArguments, .. settings] : [.. fixedArguments, "--requirepass", password, .. settings];
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
