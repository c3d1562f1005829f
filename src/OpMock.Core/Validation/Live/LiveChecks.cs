using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;
using OpMock.Core.Schemas;

namespace OpMock.Core.Validation.Live;

/// <summary>
/// Live mode: replays each doc's sample request against a running server — directly, and through the
/// transfer relay when an app URL is given — and checks what comes back. A timeout, a refused connection
/// or an error status is a finding for that request; the run goes on with the next one.
/// </summary>
internal static class LiveChecks
{
    public static async Task<ValidationReport> CheckAsync(
        ApiContract contract, ContractValidator validator, HttpClient http, LiveTarget target, CancellationToken cancellationToken = default)
    {
        var sink = new CollectingSink();
        await CheckAsync(contract, validator, http, target, sink, cancellationToken);
        return sink.Report;
    }

    public static async Task CheckAsync(
        ApiContract contract, ContractValidator validator, HttpClient http, LiveTarget target, IResultSink sink, CancellationToken cancellationToken = default)
    {
        var direct = contract.Endpoints.Select(e => e.Endpoint).Where(e => !e.IsTransfer).DistinctBy(e => e.Route, StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var endpoint in direct)
        {
            var url = Url(target.BaseUrl, endpoint.Route, Merge(endpoint.Doc.Sample?.Query, target.Query));
            await SendAsync(validator, http, endpoint.Method, url, endpoint.Route, null, SampleBody(endpoint), target.Timeout, sink, cancellationToken);
        }

        if (target.AppUrl is { } app)
        {
            // The relay's own doc carries its sample query (the app's client and sign).
            var relay = contract.Endpoints.Select(e => e.Endpoint).FirstOrDefault(e => e.IsTransfer);
            var url = Url(app, Endpoint.TransferRoute, Merge(relay?.Doc.Sample?.Query, target.Query));
            foreach (var endpoint in direct)
            {
                var body = new JsonObject { ["reqUrl"] = endpoint.Route };
                foreach (var (name, value) in SampleBody(endpoint))
                {
                    body[name] = value?.DeepClone();
                }

                await SendAsync(validator, http, relay?.Method ?? "POST", url, Endpoint.TransferRoute, endpoint.Route, body, target.Timeout, sink, cancellationToken);
            }
        }
    }

    /// <summary>Sends one sample request; the response goes to the sink checked, or skipped with why (too large, a compression bomb).</summary>
    private static async Task SendAsync(
        ContractValidator validator, HttpClient http, string method, Uri url, string route, string? reqUrl, JsonObject body, TimeSpan timeout,
        IResultSink sink, CancellationToken cancellationToken)
    {
        // The report names the request without its query: tokens and signs stay out of CI logs.
        var source = $"{method} {url.GetLeftPart(UriPartial.Path)}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // A GET doc's sample params are in its sample URL's query (merged into url): it sends no body.
            using var request = new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = QueryParameters.Carries(method) ? null
                    : new StringContent(OpJson.ToCompactText(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);

            // Bounded: a server that sends a gigabyte, or never ends its body, costs at most the bound.
            await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            var (bytes, whole) = await BodyLimits.ReadAsync(stream, BodyLimits.Checked, deadline.Token);
            string? refused = BodyLimits.TooLarge;
            var plain = whole ? Proxy.HttpBody.Decompress(bytes, response.Content.Headers.ContentEncoding.LastOrDefault(), out refused) : null;
            if (plain is null)
            {
                await sink.SkipAsync(new SkippedResponse(source, refused ?? BodyLimits.TooLarge), cancellationToken);
                return;
            }

            await sink.AddAsync(validator.Check(route, reqUrl, source, (int)response.StatusCode, plain, Proxy.HttpBody.Charset(response.Content.Headers.ContentType?.CharSet)), cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await sink.AddAsync(validator.NoResponse(route, reqUrl, source, "timeout", $"no response within {Show(timeout)}"), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            await sink.AddAsync(validator.NoResponse(route, reqUrl, source, "no connection", $"request failed: {e.Message}"), cancellationToken);
        }
    }

    /// <summary>The doc's sample body; a doc without one (2.19 shows only a URL) gets an empty object.</summary>
    /// <summary>The doc's sample params: its sample body, or for a GET doc its sample URL's query pairs naming input fields (relayed as a body).</summary>
    private static JsonObject SampleBody(Endpoint endpoint) =>
        QueryParameters.Carries(endpoint.Method)
            ? QueryParameters.Sample(endpoint)
            : endpoint.Doc.Sample?.Body is { } block && OpJson.TryParse(block.Text, out _, out _) is JsonObject body ? body : [];

    internal static List<KeyValuePair<string, string>> Merge(ImmutableArray<KeyValuePair<string, string>>? sample, ImmutableArray<KeyValuePair<string, string>> given)
    {
        var pairs = (sample ?? []).Where(p => !given.Any(g => g.Key == p.Key)).ToList();
        pairs.AddRange(given);
        return pairs;
    }

    internal static Uri Url(Uri baseUrl, string route, List<KeyValuePair<string, string>> query)
    {
        var text = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + route;
        return new Uri(query.Count == 0 ? text : text + "?" + string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));
    }

    internal static string Show(TimeSpan span) =>
        span.TotalSeconds >= 1 && span.Milliseconds == 0 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0}s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMilliseconds:0}ms");
}
