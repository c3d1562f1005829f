using System.Text;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Server;

namespace OpMock.Tests.Support;

/// <summary>
/// One request as a single pipeline stage sees it, in process and without a socket: an <see cref="HttpContext"/>
/// whose response body is kept, its <see cref="RequestFeature"/> entered (and, unless told otherwise, passed by the
/// gate with its canonical path and body), and the exchanges it recorded.
/// </summary>
internal sealed class StageContext
{
    private readonly MemoryStream answer = new();

    private StageContext(string method, string path, string? body, bool app, bool pass, string? query, IEnumerable<KeyValuePair<string, string>>? headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        Context = new DefaultHttpContext();
        var request = Context.Request;
        request.Method = method;
        request.Path = path;
        request.QueryString = query is null ? QueryString.Empty : new QueryString(query);
        request.Host = new HostString("127.0.0.1", 8080);
        request.Body = new MemoryStream(bytes);
        request.ContentLength = bytes.Length;
        if (body is not null)
        {
            request.ContentType = "application/json";
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers[name] = value;
        }

        Context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        Context.Response.Body = answer;
        Feature = RequestFeature.Enter(Context, app, TimeProvider.System, Recorded.Add);
        if (pass)
        {
            Feature.Pass(path, CanonicalPath.Guarded(path), bytes);
        }
    }

    public HttpContext Context { get; }

    public RequestFeature Feature { get; }

    /// <summary>The exchanges the request handed to the log.</summary>
    public List<Exchange> Recorded { get; } = [];

    /// <summary>How many times a stage handed the request to WireMock.</summary>
    public int WireMockCalls { get; private set; }

    /// <summary>Stands in for WireMock's middleware: counts the call, answers nothing.</summary>
    public Task WireMock()
    {
        WireMockCalls++;
        return Task.CompletedTask;
    }

    /// <summary>The answer's body as text.</summary>
    public string Body => Encoding.UTF8.GetString(answer.ToArray());

    public int Status => Context.Response.StatusCode;

    /// <param name="pass">False: the request as it enters the pipeline, before the gate.</param>
    public static StageContext Of(string method, string path, string? body = null, bool app = false, bool pass = true, string? query = null,
        IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        new(method, path, body, app, pass, query, headers);
}
