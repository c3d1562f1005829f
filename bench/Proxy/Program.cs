using System.Diagnostics;
using System.Globalization;
using System.Net;
using OpMock.Tests.Validation.Proxy;

// Starts a hostile upstream (a 20 MiB body, a gzip bomb, an endless chunked body, integers past 2^63, a
// Latin-1 header), puts `opmock proxy --record` in front of it as its own process, drives traffic
// through it and reports the proxy's peak RSS (VmHWM), whether clients got the target's bytes, and how
// many exchanges were logged and recorded.
// Usage: dotnet bench/Proxy/bin/Release/net10.0/OpMock.Bench.Proxy.dll [path/to/opmock.dll] [rounds=3]
var cli = args.Length > 0 ? args[0] : "src/OpMock.Cli/bin/Release/net10.0/opmock.dll";
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
await using var upstream = new HostileUpstream();
var record = Directory.CreateTempSubdirectory("opmock-bench-proxy-").FullName;
using var proxy = Process.Start(new ProcessStartInfo("dotnet", ["exec", cli, "proxy", "--target", upstream.Url, "--record", record])
{
    RedirectStandardOutput = true,
    RedirectStandardError = true,
})!;
var first = await proxy.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException(await proxy.StandardError.ReadToEndAsync());
var url = first.Split(" listening on ")[1].Split(' ')[0];
var log = new List<string>();
var reading = Task.Run(async () =>
{
    while (await proxy.StandardOutput.ReadLineAsync() is { } line)
    {
        lock (log)
        {
            log.Add(line);
        }
    }
});
Console.WriteLine($"proxy pid {proxy.Id} on {url}, upstream {upstream.Url}, recording to {record}");

using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, ResponseHeaderEncodingSelector = (_, _) => System.Text.Encoding.Latin1 })
{ Timeout = TimeSpan.FromMinutes(5) };
const string Route = "/op/v2/receives";
var exchanges = 0;
var same = true;
var clock = Stopwatch.StartNew();
for (var round = 0; round < rounds; round++)
{
    // 20 MiB, forwarded unchecked.
    var huge = await http.PostAsync(url + Route + "?case=huge", new StringContent("{}"));
    same &= (await huge.Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(HostileUpstream.Huge);

    // 64 MiB of zeros gzipped: the client gets the compressed bytes.
    var bomb = await http.PostAsync(url + Route + "?case=bomb", new StringContent("{}"));
    same &= (await bomb.Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(upstream.Bomb);

    // An endless chunked body: the client reads 1 GiB and leaves.
    using (var endless = await http.GetAsync(url + Route + "?case=endless", HttpCompletionOption.ResponseHeadersRead))
    {
        await using var body = await endless.Content.ReadAsStreamAsync();
        var buffer = new byte[256 * 1024];
        long total = 0;
        while (total < 1L << 30)
        {
            var read = await body.ReadAsync(buffer);
            if (read == 0)
            {
                same = false;
                break;
            }

            total += read;
        }
    }

    // A 500 MiB upload, generated as it is sent: the target must receive all of it.
    var upload = await http.PostAsync(url + Route + "?case=upload", new StreamContent(new ZeroStream(500L << 20)) { Headers = { ContentLength = 500L << 20 } });
    same &= (await upload.Content.ReadAsStringAsync()).Contains($"\"received\":{500L << 20}", StringComparison.Ordinal);

    // Integers past 2^63, and a Latin-1 header byte.
    var big = await http.PostAsync(url + Route, new StringContent("{}"));
    same &= await big.Content.ReadAsStringAsync() == HostileUpstream.BigInteger;
    var latin = await http.PostAsync(url + Route + "?case=latin1", new StringContent("{}"));
    same &= latin.StatusCode == HttpStatusCode.OK && latin.Headers.GetValues("X-Name").Single() == "caf\u00e9";
    exchanges += 6;
}

var peak = File.ReadAllLines($"/proc/{proxy.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));

// Ctrl-C, as a person stops it: the proxy prints its summary and exits.
using (var interrupt = Process.Start("kill", ["-INT", proxy.Id.ToString(CultureInfo.InvariantCulture)]))
{
    await interrupt.WaitForExitAsync();
}

await proxy.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
await reading;
var recorded = Directory.GetFiles(record, "*.har").Length;
Console.WriteLine($"{exchanges} exchanges in {clock.Elapsed.TotalSeconds:0.0} s; clients got the target's bytes: {same}");
Console.WriteLine($"proxy peak RSS: {peak.Split(':')[1].Trim()}; exit {proxy.ExitCode}; {recorded} exchanges recorded");
lock (log)
{
    Console.WriteLine($"log: {log.Count(l => l.Contains(" → ", StringComparison.Ordinal))} exchange lines; last: {log.LastOrDefault()}");
    foreach (var line in log.Where(l => l.Contains("warning:", StringComparison.Ordinal)).Distinct().Take(6))
    {
        Console.WriteLine("  " + line);
    }
}

Directory.Delete(record, recursive: true);

/// <summary>Zeros, generated as read: an upload that never exists in the sender's memory.</summary>
internal sealed class ZeroStream(long length) : Stream
{
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - position);
        Array.Clear(buffer, offset, n);
        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
