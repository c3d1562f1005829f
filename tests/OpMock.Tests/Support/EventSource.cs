using System.Net;
using System.Text.Json.Nodes;

namespace OpMock.Tests.Support;

/// <summary>A server-sent events stream read as a browser's EventSource reads it, on its own connection.</summary>
internal sealed class EventSource : IDisposable
{
    private readonly HttpClient client;
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private EventSource(HttpClient client, HttpResponseMessage response, StreamReader reader)
    {
        this.client = client;
        this.response = response;
        this.reader = reader;
    }

    /// <summary>Opens the stream; fails unless the server answered 200 with text/event-stream.</summary>
    public static async Task<EventSource> OpenAsync(string url)
    {
        var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await Body(response));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        return new EventSource(client, response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The data of the next event of this kind (others are skipped), within ten seconds.</summary>
    public async Task<JsonObject> NextAsync(string kind)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? type = null;
        string? data = null;
        while (await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (type == kind && data is not null)
                {
                    return JsonNode.Parse(data)!.AsObject();
                }

                (type, data) = (null, null);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        throw new InvalidOperationException($"the stream ended before an `{kind}` event");
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
        client.Dispose();
    }

    private static async Task<string> Body(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK ? "" : await response.Content.ReadAsStringAsync();
}
