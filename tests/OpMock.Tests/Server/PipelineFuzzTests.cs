using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using OpMock.Tests.Support;
using Xunit.Abstractions;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>
/// No 500 for input (issue 16.5): a seeded corpus of hostile raw requests against both ports gets 4xx (the house
/// envelope whenever OpMock writes a body; Kestrel's own bare 400 for a head it cannot parse) or an answer, never
/// a 5xx, a stack trace, or a server that stops answering. `OPMOCK_FUZZ_CASES` sets the size (the soak runs
/// 30,000: bench/fuzz.sh); the test runs a few thousand to stay within the suite's budget.
/// </summary>
public sealed class PipelineFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 16_05;

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("OPMOCK_FUZZ_CASES"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3_000;

    [Fact]
    public async Task Send_SeededHostileCorpus_No5xxNoInternalsAndKeepsServing()
    {
        // Given a server, and a seeded corpus of hostile requests (the same seed, the same corpus)
        await using var host = await MockHost.StartAsync();
        var servers = new[] { new Uri(host.Server.DirectUrl), new Uri(host.Server.AppUrl) };
        var corpus = new HttpFuzz(Seed);
        var requests = Enumerable.Range(0, Cases).Select(i => (Server: servers[i % 2], Bytes: corpus.Next(servers[i % 2].Authority))).ToList();

        // When each is sent on its own connection, four at a time
        var statuses = new ConcurrentDictionary<int, int>();
        var slowest = new ConcurrentBag<(TimeSpan Took, int Index)>();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(requests.Select((r, i) => (r.Server, r.Bytes, Index: i)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, _) =>
        {
            var started = TimeProvider.System.GetTimestamp();
            var answer = await RawHttp.SendAsync(request.Server, [request.Bytes], deadline: TimeSpan.FromSeconds(30));
            slowest.Add((TimeProvider.System.GetElapsedTime(started), request.Index));
            statuses.AddOrUpdate(answer.Status, 1, (_, n) => n + 1);
            if (Problem(answer) is { } problem)
            {
                failures.Add($"#{request.Index}: {problem}\n  sent: {Cut(System.Text.Encoding.UTF8.GetString(request.Bytes), 600)}\n  got: {answer.Head}\n{Cut(answer.Body, 300)}");
            }
        });
        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        foreach (var (took, index) in slowest.OrderByDescending(s => s.Took).Take(5))
        {
            output.WriteLine($"slowest: {took.TotalMilliseconds:0} ms #{index}: {Cut(System.Text.Encoding.UTF8.GetString(requests[index].Bytes).Split('\n')[0], 200)}");
        }

        // Then none failed, and the server still answers valid requests on both ports
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(5)));
        using var direct = await host.PostDirectAsync(ChatInfo, """{"userId":"u0001afterfuzz"}""");
        using var app = await host.PostTransferAsync($$"""{"reqUrl":"{{ChatInfo}}","userId":"u0001afterfuzz"}""");
        direct.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Next_SameSeed_SameCorpus()
    {
        var first = new HttpFuzz(Seed);
        var second = new HttpFuzz(Seed);
        for (var i = 0; i < 200; i++)
        {
            first.Next("127.0.0.1:1").ShouldBe(second.Next("127.0.0.1:1"));
        }
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>Why an answer is not acceptable for any input, or null.</summary>
    private static string? Problem(RawHttp.Answer answer)
    {
        if (answer.Status >= 500)
        {
            return $"status {answer.Status}";
        }

        if (answer.LeaksInternals)
        {
            return "leaks internals";
        }

        // OpMock's own refusals are the house envelope naming the problem.
        if (answer.Status is >= 400 and < 500 && answer.Body.Length > 0 && answer.Head.Contains("charset=UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var json = JsonNode.Parse(answer.Body)!;
                if (json["code"] is null || json["message"]?.GetValue<string>() is not { Length: > 0 })
                {
                    return "a 4xx without the envelope's code and message";
                }
            }
            catch (System.Text.Json.JsonException)
            {
                return "a 4xx whose body is not JSON";
            }
        }

        return null;
    }
}
