using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Text;
using OpMock.Core.Docs;
using OpMock.Core.Json;
using OpMock.Core.Schemas;

namespace OpMock.Core.Validation.Live.Cases;

/// <summary>
/// Live mode with --cases: for every documented direct route, N generated cases sent directly and, with an
/// app URL, through the transfer relay; each reply judged by what its case deserves; each failing case
/// shrunk to a minimal request that still fails and given a curl that replays it. Routes run one after
/// another (values seen in one route's answers feed the next), the cases of a route concurrently.
/// </summary>
internal sealed class CaseRunner(
    ApiContract contract, ContractValidator validator, HttpClient http, LiveTarget target, CaseSettings settings, TimeProvider time,
    IProgress<CaseProgress>? progress = null)
{
    /// <summary>Bound on one answer's body.</summary>
    public const int MaxBody = 8 << 20;

    private readonly Pacer pacer = new(settings.Rate, time);
    private readonly ImmutableHashSet<string> secret = [.. target.Query.Select(p => p.Key)];
    private int sent;
    private int failed;

    public async Task<ValidationReport> RunAsync(CancellationToken cancellationToken = default)
    {
        // Routes that need nothing come first: their answers hold the ids the others ask for.
        var direct = contract.Endpoints.Where(e => !e.Endpoint.IsTransfer).DistinctBy(e => e.Endpoint.Route, StringComparer.OrdinalIgnoreCase)
            .Select((e, i) => (Endpoint: e, Order: i)).OrderBy(e => CaseClassifier.Required(e.Endpoint.Request).Count).ThenBy(e => e.Order)
            .Select(e => e.Endpoint).ToList();
        var classifier = await CaseClassifier.CreateAsync(direct);
        var generator = new CaseGenerator(classifier);
        var seen = new SeenValues(direct.SelectMany(e => (e.Request["properties"] as System.Text.Json.Nodes.JsonObject ?? []).Select(p => p.Key)));
        // The docs' own examples are the first answers seen: they show what ids look like.
        foreach (var example in contract.Docs.Docs.Select(d => d.Example?.Text).OfType<string>())
        {
            seen.Harvest(example);
        }

        var total = direct.Count * (settings.Cases + (target.AppUrl is null ? 0 : settings.Cases + 2));
        var results = ImmutableArray.CreateBuilder<CheckedResponse>();
        foreach (var endpoint in direct)
        {
            var cases = generator.Direct(endpoint, settings.Cases, settings.Seed, seen.Snapshot());
            var all = target.AppUrl is null ? cases : cases.AddRange(generator.Transfer(endpoint.Endpoint.Route, cases));
            var replies = new CheckedResponse[all.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, all.Length),
                new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    replies[i] = await SendAsync(all[i], i + 1, seen, token);
                    var failures = replies[i].Failed ? Interlocked.Increment(ref failed) : Volatile.Read(ref failed);
                    progress?.Report(new CaseProgress(Interlocked.Increment(ref sent), total, failures, endpoint.Endpoint.Route));
                });

            // A server failing every case must not cost tens of requests per case: the route has a budget for shrinking.
            var budget = settings.ShrinkTries * 5;
            for (var i = 0; i < all.Length; i++)
            {
                if (!replies[i].Failed)
                {
                    results.Add(Described(replies[i], all[i], all[i]));
                    continue;
                }

                var (shrunk, spent) = await ShrunkAsync(all[i], i + 1, replies[i], classifier, Math.Min(budget, settings.ShrinkTries), cancellationToken);
                budget -= spent;
                results.Add(shrunk);
            }
        }

        return new ValidationReport(results.ToImmutable(), []);
    }

    /// <summary>
    /// A failing case with its smallest failing request and a curl. No response at all (timeout, refused) is not
    /// shrunk: each try would wait out the timeout again, and the request's content is rarely why.
    /// </summary>
    private async Task<(CheckedResponse Result, int Spent)> ShrunkAsync(
        TestCase test, int number, CheckedResponse reply, CaseClassifier classifier, int tries, CancellationToken cancellationToken)
    {
        var (smallest, _, spent) = reply.Status is null
            ? (test, reply, 0)
            : await Shrinker.ShrinkAsync(test, reply, classifier, t => SendAsync(t, number, null, cancellationToken), tries);
        return (Described(reply, test, smallest), spent);
    }

    /// <param name="sent">What the report shows as the request: the case itself, or for a failure the smallest request that still fails.</param>
    private CheckedResponse Described(CheckedResponse reply, TestCase test, TestCase sent)
    {
        var (method, baseUrl, route, query, body) = Where(sent);
        return reply with { Case = (test.Kind, test.Why), Request = sent.Body, Curl = CurlCommand.For(method, baseUrl, route, query, secret, body) };
    }

    private async Task<CheckedResponse> SendAsync(TestCase test, int number, SeenValues? seen, CancellationToken cancellationToken)
    {
        var (method, baseUrl, route, query, body) = Where(test);
        var url = LiveChecks.Url(baseUrl, route, query);
        var source = $"{method} {url.GetLeftPart(UriPartial.Path)} case {number}";
        await pacer.WaitAsync(cancellationToken);
        var reply = await ReplyAsync(method, url, body, cancellationToken);
        if (seen is not null && reply.Status is >= 200 and < 300)
        {
            seen.Harvest(reply.Body);
        }

        return CaseCheck.Check(validator, test, source, reply);
    }

    /// <param name="body">The JSON body; null for a GET doc's case, whose params are in the query.</param>
    private async Task<CaseReply> ReplyAsync(string method, Uri url, string? body, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(target.Timeout);
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = body is null ? null : new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var bytes = await BoundedAsync(response.Content, deadline.Token);
            return bytes is null
                ? new CaseReply((int)response.StatusCode, "", "too large", $"HTTP {(int)response.StatusCode} with a body larger than {MaxBody / (1 << 20)} MiB; OP answers are a few KB")
                : new CaseReply((int)response.StatusCode, Proxy.HttpBody.Charset(response.Content.Headers.ContentType?.CharSet).GetString(bytes).TrimStart('\uFEFF'));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CaseReply(null, "", "timeout", $"no response within {LiveChecks.Show(target.Timeout)}");
        }
        catch (HttpRequestException e)
        {
            return new CaseReply(null, "", "no connection", $"request failed: {e.Message}");
        }
    }

    /// <summary>The body, or null past <see cref="MaxBody"/>: a server streaming without end must not cost the run its memory.</summary>
    private static async Task<byte[]?> BoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Where a case goes: its route on the API server, or the relay on the app server, with the doc's sample query;
    /// a GET doc's case carries its params in the query too (over the sample's), and no body.
    /// </summary>
    private (string Method, Uri BaseUrl, string Route, List<KeyValuePair<string, string>> Query, string? Body) Where(TestCase test)
    {
        if (test.Via == Via.Transfer)
        {
            var relay = contract.Endpoints.Select(e => e.Endpoint).FirstOrDefault(e => e.IsTransfer);
            return (relay?.Method ?? "POST", target.AppUrl!, Endpoint.TransferRoute, LiveChecks.Merge(relay?.Doc.Sample?.Query, target.Query), test.Body);
        }

        var endpoint = contract.Direct(test.Route)!.Endpoint;
        var query = LiveChecks.Merge(endpoint.Doc.Sample?.Query, target.Query);
        if (!QueryParameters.Carries(endpoint.Method) || OpJson.TryParse(test.Body, out _, out _) is not System.Text.Json.Nodes.JsonObject parameters)
        {
            return (endpoint.Method, target.BaseUrl, test.Route, query, test.Body);
        }

        // The case decides every input field: the sample URL's own values for them (7.1's staffId) are left out.
        var pairs = QueryParameters.Pairs(parameters).ToList();
        return (endpoint.Method, target.BaseUrl, test.Route, [.. query.Where(q => !endpoint.Input.Any(f => f.Name == q.Key)), .. pairs], null);
    }
}
