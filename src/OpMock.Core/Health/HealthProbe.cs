using System.Globalization;

namespace OpMock.Core.Health;

/// <summary>What a probe found: whether the server is up, and one line saying why.</summary>
internal sealed record ProbeResult(bool Alive, string Message);

/// <summary>
/// Whether a server answers HTTP at all, for container health checks (the runtime image has no curl).
/// Any status below 500 means up: a mock rightly answers 404 to a GET of an undocumented path.
/// </summary>
internal static class HealthProbe
{
    public static async Task<ProbeResult> CheckAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // No proxy: a health check asks this machine's server, never whatever HTTP_PROXY points at.
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            return new ProbeResult(status < 500, $"{url} answered {status}");
        }
        catch (HttpRequestException e)
        {
            return new ProbeResult(false, $"{url}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, string.Create(CultureInfo.InvariantCulture, $"{url}: no answer within {timeout.TotalSeconds:0.###} s"));
        }
    }
}
