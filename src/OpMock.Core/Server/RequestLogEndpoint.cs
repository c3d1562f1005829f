using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;

namespace OpMock.Core.Server;

/// <summary>
/// `/__admin/requests` answered from OpMock's own <see cref="RequestLog"/>, as WireMock.Net answers it: `GET`
/// lists (oldest first), `GET|DELETE /{guid}` one entry, `DELETE` and `POST /reset` clear, `POST /find` finds by a
/// request model (<see cref="RequestFind"/>), `GET /find?mappingGuid=` by the stub that answered. The Java
/// client's calls WireMock.Net has no answer for are answered in the Java client's shape: `POST /count`
/// (`verify`), `GET /unmatched` (the requests no stub answered), and `POST /find` given a Java request pattern.
/// </summary>
internal sealed class RequestLogEndpoint(RequestLog direct, RequestLog app, Func<MockEngine> engine)
{
    public const string Prefix = OwnPaths.Requests;

    private static readonly JsonSerializerSettings Json = new() { NullValueHandling = NullValueHandling.Ignore, Formatting = Formatting.Indented };

    public async Task<bool> TryHandleAsync(HttpContext context, bool onApp)
    {
        var log = onApp ? app : direct;
        var request = context.Request;
        var rest = CanonicalPath.Of(request.Path.Value ?? "", out _)?[Prefix.Length..].Trim('/') ?? "";
        var method = request.Method;
        switch (rest)
        {
            case "" when HttpMethods.IsGet(method):
                await WriteAsync(context, 200, log.Entries().Select(RequestLog.Model));
                return true;
            case "" when HttpMethods.IsDelete(method):
            case "reset" when HttpMethods.IsPost(method):
                log.Clear();
                await WriteAsync(context, 200, new { Status = "Requests deleted" });
                return true;
            case "find" when HttpMethods.IsPost(method):
                await FindAsync(context, log, count: false);
                return true;
            case "count" when HttpMethods.IsPost(method):
                await FindAsync(context, log, count: true);
                return true;
            case "unmatched" when HttpMethods.IsGet(method):
                await WriteAsync(context, 200, new { requests = log.Entries().Where(e => e.MappingGuid is null).Select(JavaRequest), requestJournalDisabled = false });
                return true;
            case "find" when HttpMethods.IsGet(method) && Guid.TryParse(request.Query["mappingGuid"].ToString(), out var mapping):
                await WriteAsync(context, 200, log.Entries().Where(e => e.MappingGuid == mapping).Select(RequestLog.Model));
                return true;
            case var id when Guid.TryParse(id, out var guid) && (HttpMethods.IsGet(method) || HttpMethods.IsDelete(method)):
                var entry = log.Entries().FirstOrDefault(e => e.Id == guid);
                if (entry is null)
                {
                    await WriteAsync(context, 404, new { Status = "Request not found" });
                }
                else if (HttpMethods.IsGet(method))
                {
                    await WriteAsync(context, 200, RequestLog.Model(entry));
                }
                else
                {
                    log.Remove(guid);
                    await WriteAsync(context, 200, new { Status = "Request removed" });
                }

                return true;
            default:
                await ReplyWriter.WriteAsync(context, engine().Envelope.Plain(404, $"{method} {MockEngine.Sample(request.Path.Value)} is not part of the request log API: GET|DELETE {Prefix}, GET|DELETE {Prefix}/{{guid}}, POST {Prefix}/find, POST {Prefix}/count, GET {Prefix}/unmatched, POST {Prefix}/reset", null));
                return true;
        }
    }

    private async Task FindAsync(HttpContext context, RequestLog log, bool count)
    {
        using var copy = new MemoryStream();
        await context.Request.Body.CopyToAsync(copy, context.RequestAborted);
        if (RequestFind.Read(copy.ToArray(), out var problem, out var java) is not { } matcher)
        {
            await ReplyWriter.WriteAsync(context, engine().Envelope.Plain(400, $"POST {Prefix}/{(count ? "count" : "find")}: {problem}", null));
            return;
        }

        var found = log.Entries().Where(e => RequestFind.Finds(matcher, Stub(e))).ToList();
        await WriteAsync(context, 200, count ? new { count = found.Count }
            : java ? new { requests = found.Select(JavaRequest), requestJournalDisabled = false }
            : found.Select(RequestLog.Model));
    }

    /// <summary>A logged request as the Java client reads it (its LoggedRequest).</summary>
    private static object JavaRequest(Exchange entry)
    {
        var model = RequestLog.Model(entry).Request!;
        var body = entry.RequestBody.ToArray();
        return new
        {
            id = entry.Id,
            url = entry.Path + entry.Query,
            absoluteUrl = model.AbsoluteUrl,
            method = entry.Method,
            clientIp = entry.ClientIp,
            headers = model.Headers?.ToDictionary(h => h.Key, h => h.Value.Count == 1 ? (object)h.Value[0] : h.Value.ToArray()),
            queryParams = model.Query?.ToDictionary(q => q.Key, q => new { key = q.Key, values = q.Value.ToArray() }),
            body = model.Body ?? "",
            bodyAsBase64 = Convert.ToBase64String(body),
            browserProxyRequest = false,
            loggedDate = entry.Time.ToUnixTimeMilliseconds(),
            loggedDateString = entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A logged request as WireMock's matchers read it.</summary>
    private static StubRequest Stub(Exchange entry)
    {
        var host = entry.RequestHeaders.FirstOrDefault(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value ?? "localhost";
        return StubRequest.Create(entry.Method, host, entry.Path, entry.Query, entry.RequestHeaders, entry.ClientIp, entry.RequestBody.ToArray(), entry.Time.UtcDateTime);
    }

    private static async Task WriteAsync(HttpContext context, int status, object value)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value, Json));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
