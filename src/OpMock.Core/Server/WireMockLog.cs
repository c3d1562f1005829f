using System.Collections.ObjectModel;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using WireMock;
using WireMock.Logging;
using WireMock.Models;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace OpMock.Core.Server;

/// <summary>
/// Adds the requests <see cref="FastPath"/> answers to WireMock's own request log, so `/__admin/requests`
/// lists every request whichever way it was answered, within the same bound.
/// </summary>
/// <remarks>
/// WireMock.Net has no public way to add a log entry: the log and the RequestMessage constructor are internal.
/// They are looked up by reflection once per server; <see cref="Find"/> answers null when they are not as
/// expected (another WireMock.Net version), and the fast path then stays off: WireMock answers everything.
/// A test fails loudly if that happens with the pinned version.
/// </remarks>
internal sealed class WireMockLog
{
    private readonly ObservableCollection<LogEntry> entries;
    private readonly ConstructorInfo newRequest;
    private readonly int bound;
    private readonly Lock trimming = new();

    private WireMockLog(ObservableCollection<LogEntry> entries, ConstructorInfo newRequest, int bound)
    {
        this.entries = entries;
        this.newRequest = newRequest;
        this.bound = bound;
    }

    /// <summary>The server's request log, or null when WireMock's internals are not the expected ones.</summary>
    public static WireMockLog? Find(WireMockServer server, int bound)
    {
        const BindingFlags Internal = BindingFlags.NonPublic | BindingFlags.Instance;
        var entries = Entries(server);
        var newRequest = typeof(RequestMessage).GetConstructor(Internal, [
            typeof(UrlDetails), typeof(string), typeof(string), typeof(IBodyData), typeof(IDictionary<string, string[]>), typeof(IDictionary<string, string>)]);
        return entries is null || newRequest is null ? null : new WireMockLog(entries, newRequest, bound);
    }

    /// <summary>WireMock's request log itself, or null when its internals are not the expected ones.</summary>
    public static ObservableCollection<LogEntry>? Entries(WireMockServer server)
    {
        var options = typeof(WireMockServer).GetField("_options", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(server);
        return options?.GetType().GetProperty("LogEntries")?.GetValue(options) as ObservableCollection<LogEntry>;
    }

    /// <summary>Logs one exchange as WireMock would have, naming the mapping that would have answered it.</summary>
    public void Add(HttpContext context, byte[] body, string? text, MockReply reply, IMapping mapping, DateTime utcNow)
    {
        if (bound <= 0)
        {
            return;
        }

        var request = (RequestMessage)newRequest.Invoke([
            new UrlDetails(new Uri(context.Request.GetEncodedUrl())),
            context.Request.Method,
            context.Connection.RemoteIpAddress?.ToString() ?? "",
            body.Length == 0 ? null : RequestBodyData(body, text, context.Request.ContentType),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToArray()),
            context.Request.Cookies.ToDictionary(c => c.Key, c => c.Value),
        ]);
        request.DateTime = utcNow;
        var response = new ResponseMessage
        {
            StatusCode = reply.Status,
            BodyData = new BodyData { BodyAsBytes = reply.Body, DetectedBodyType = BodyType.Bytes },
            DateTime = utcNow,
        };
        response.AddHeader("Content-Type", MockReply.ContentType);
        // Scoring the one mapping that answered (path and method) is cheap, unlike scoring all of them.
        var match = mapping.GetRequestMatchResult(request, null);
        var entry = new LogEntry
        {
            Guid = Guid.NewGuid(),
            RequestMessage = request,
            ResponseMessage = response,
            MappingGuid = mapping.Guid,
            MappingTitle = mapping.Title,
            RequestMatchResult = match,
            PartialMappingGuid = mapping.Guid,
            PartialMappingTitle = mapping.Title,
            PartialMatchResult = match,
        };

        // WireMock's collection locks each change; the lock here keeps two fast-path requests from both
        // trimming the same overflow. Entries are appended, so the first is the oldest. WireMock's own
        // logging (admin requests, requests it answers) trims concurrently; a race with it ends this
        // pass, and the next request trims again.
        lock (trimming)
        {
            try
            {
                entries.Add(entry);
                while (entries.Count > bound)
                {
                    entries.RemoveAt(0);
                }
            }
            catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
            {
            }
        }
    }

    // As WireMock's body parser records a body with JSON parsing off: text when it is text.
    private static BodyData RequestBodyData(byte[] body, string? text, string? contentType) => new()
    {
        BodyAsBytes = body,
        BodyAsString = text,
        Encoding = text is null ? null : System.Text.Encoding.UTF8,
        DetectedBodyType = text is null ? BodyType.Bytes : BodyType.String,
        DetectedBodyTypeFromContentType = RequestBody.IsJson(contentType) ? BodyType.Json : BodyType.None,
    };
}
