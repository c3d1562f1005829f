using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Text;
using OpMock.Core.Docs;
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

            for (var i = 0; i < all.Length; i++)
            {
                results.Add(replies[i].Failed ? await ShrunkAsync(all[i], i + 1, replies[i], classifier, cancellationToken) : Described(replies[i], all[i]));
            }
        }

        return new ValidationReport(results.ToImmutable(), []);
    }

    private async Task<CheckedResponse> ShrunkAsync(TestCase test, int number, CheckedResponse reply, CaseClassifier classifier, CancellationToken cancellationToken)
    {
        var (smallest, _) = await Shrinker.ShrinkAsync(test, reply, classifier, t => SendAsync(t, number, null, cancellationToken), settings.ShrinkTries);
        var (method, baseUrl, route, query) = Where(smallest);
        return Described(reply, test) with
        {
            Request = smallest.Body,
            Curl = CurlCommand.For(method, baseUrl, route, query, secret, smallest.Body),
        };
    }

    private static CheckedResponse Described(CheckedResponse reply, TestCase test) =>
        reply with { Case = (test.Kind, test.Why), Request = test.Body };

    private async Task<CheckedResponse> SendAsync(TestCase test, int number, SeenValues? seen, CancellationToken cancellationToken)
    {
        var (method, baseUrl, route, query) = Where(test);
        var url = LiveChecks.Url(baseUrl, route, query);
        var source = $"{method} {url.GetLeftPart(UriPartial.Path)} case {number}";
        await pacer.WaitAsync(cancellationToken);
        var reply = await ReplyAsync(method, url, test.Body, cancellationToken);
        if (seen is not null && reply.Status is >= 200 and < 300)
        {
            seen.Harvest(reply.Body);
        }

        return CaseCheck.Check(validator, test, source, reply);
    }

    private async Task<CaseReply> ReplyAsync(string method, Uri url, string body, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(target.Timeout);
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return new CaseReply((int)response.StatusCode, await response.Content.ReadAsStringAsync(deadline.Token));
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

    /// <summary>Where a case goes: its route on the API server, or the relay on the app server, with the doc's sample query.</summary>
    private (string Method, Uri BaseUrl, string Route, List<KeyValuePair<string, string>> Query) Where(TestCase test)
    {
        if (test.Via == Via.Transfer)
        {
            var relay = contract.Endpoints.Select(e => e.Endpoint).FirstOrDefault(e => e.IsTransfer);
            return (relay?.Method ?? "POST", target.AppUrl!, Endpoint.TransferRoute, LiveChecks.Merge(relay?.Doc.Sample?.Query, target.Query));
        }

        var endpoint = contract.Direct(test.Route)!.Endpoint;
        return (endpoint.Method, target.BaseUrl, test.Route, LiveChecks.Merge(endpoint.Doc.Sample?.Query, target.Query));
    }
}
