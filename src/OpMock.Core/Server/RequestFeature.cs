using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// What the <see cref="Pipeline"/>'s stages know about one request, shared through <c>HttpContext.Features</c>:
/// the canonical path and the body the <see cref="Gate"/> passed, the request as the engine reads it (made once,
/// its body parsed once: <see cref="BodyMemo"/>), and the <see cref="ExchangeDraft"/> the request log records.
/// </summary>
internal sealed class RequestFeature(HttpContext context, bool app, TimeProvider time, Action<Exchange>? record)
{
    private MockRequest? request;
    private int recorded;

    /// <summary>The feature of a request on its way through the pipeline.</summary>
    public static RequestFeature Of(HttpContext context) =>
        context.Features.Get<RequestFeature>() ?? throw new InvalidOperationException("the request has not entered OpMock's pipeline");

    /// <summary>A request entering the pipeline: its feature, set on the context.</summary>
    /// <param name="record">Where its exchange goes once answered; null: nowhere (a transfer's own hop, logged by the app port).</param>
    public static RequestFeature Enter(HttpContext context, bool app, TimeProvider time, Action<Exchange>? record)
    {
        var feature = new RequestFeature(context, app, time, record);
        context.Features.Set(feature);
        return feature;
    }

    /// <summary>True on the app (transfer) port.</summary>
    public bool App => app;

    public ExchangeDraft Draft { get; } = new(context, app, time);

    /// <summary>The canonical path (<see cref="CanonicalPath"/>), once the gate passed the request.</summary>
    public string Path { get; private set; } = "";

    /// <summary>Whether the path is behind the admin guard.</summary>
    public bool Guarded { get; private set; }

    /// <summary>The body's bytes, read (bounded) by the gate; empty before.</summary>
    public byte[] Body => Draft.RequestBody;

    public BodyMemo Memo { get; } = new();

    /// <summary>The request as the engine reads it, made on first use; its body's reading is kept in <see cref="Memo"/>.</summary>
    public MockRequest Request => request ??= MockRequest.From(context.Request, Body) with { Memo = Memo };

    /// <summary>The gate passed the request: later readers (WireMock included) read the bytes it read.</summary>
    public void Pass(string path, bool guarded, byte[] body)
    {
        (Path, Guarded, Draft.RequestBody) = (path, guarded, body);
        request = null;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = body.Length;
    }

    /// <summary>Hands the exchange to the log, once, however many times it is asked (as the answer starts, before a drop, at the end).</summary>
    public void Record()
    {
        if (record is not null && Interlocked.Exchange(ref recorded, 1) == 0)
        {
            record(Draft.Build(Memo.Json));
        }
    }
}
