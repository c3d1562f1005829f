using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// One stage of the request path: answers the request (true) or leaves it to the next stage (false). What the
/// stages know about the request they share through its <see cref="RequestFeature"/>.
/// </summary>
internal interface IStage
{
    /// <param name="wireMock">WireMock.Net's own middleware (its admin API, the user's stubs), for the stages that hand a request to it.</param>
    Task<bool> TryAnswerAsync(HttpContext context, Func<Task> wireMock);
}

/// <summary>
/// The one path every request on a port takes, as ASP.NET Core middleware in front of WireMock.Net (installed
/// through its `PreWireMockMiddlewareInit`): the stages in <see cref="Stages"/>, in order — the <see cref="Gate"/>;
/// OpMock's own endpoints (<see cref="OwnEndpoints"/>); the admin API, handed to WireMock (<see cref="AdminStage"/>);
/// a user's stub (<see cref="StubStage"/>); else the <see cref="MockEngine"/> (<see cref="EngineStage"/>). Every
/// request then becomes one <see cref="Exchange"/> for the <see cref="ExchangeHub"/>. The one place an unexpected
/// exception is answered.
/// </summary>
internal sealed class Pipeline
{
    private readonly PipelineParts parts;
    private readonly bool app;

    public Pipeline(PipelineParts parts, bool app)
    {
        this.parts = parts;
        this.app = app;
        Stages =
        [
            parts.Gate,
            parts.Endpoints,
            new AdminStage(parts.Gate, parts.Admin, () => Stubs, parts.Log),
            new StubStage(() => Stubs, parts.Choice, parts.Transfers, parts.Time),
            new EngineStage(parts.Engine, parts.Time),
        ];
    }

    /// <summary>The stages a request goes through until one answers it; the last always does.</summary>
    public IReadOnlyList<IStage> Stages { get; }

    /// <summary>The user's stubs on this port; null until its WireMock server has started.</summary>
    public UserStubs? Stubs { get; set; }

    public void Install(object builder) => ((IApplicationBuilder)builder).Use(InvokeAsync);

    private async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        // A transfer's own hop is logged by the app port, not again here.
        var hop = !app && parts.Transfers.IsHop(context.Request);
        var feature = RequestFeature.Enter(context, app, parts.Time, hop ? null : parts.Hub.Record);
        var draft = feature.Draft;

        // OpMock's own answers are recorded as they start (registered first, this runs after every other
        // start callback, CORS included): whoever got the answer finds it logged. A stub's answer, which WireMock
        // writes, is recorded once it is written.
        context.Response.OnStarting(() =>
        {
            if (draft.Captured is null)
            {
                feature.Record();
            }

            return Task.CompletedTask;
        });
        try
        {
            foreach (var stage in Stages)
            {
                if (await stage.TryAnswerAsync(context, next))
                {
                    break;
                }
            }
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or a fault ended the connection): there is nobody to answer.
            draft.Status ??= context.Response.HasStarted ? context.Response.StatusCode : 0;
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own verdicts on what it was reading: too slow (408), broken framing (400), too large (413).
            draft.AnsweredBy = "gate";
            await parts.Gate.RefuseAsync(context, new Refusal(e.StatusCode, e.StatusCode == StatusCodes.Status408RequestTimeout
                ? "the request body did not arrive in time (it stalled); send it at once"
                : $"the request could not be read: {MockEngine.Sample(e.Message)}"));
        }
        catch (Exception e)
        {
            // A bug in OpMock or WireMock: the answer names the kind of failure, never its stack or source paths.
            draft.AnsweredBy = "opmock";
            await parts.Gate.RefuseAsync(context, new Refusal(500, $"OpMock failed to answer this request ({e.GetType().Name}); this is a bug in OpMock, please report it with the request"));
        }
        finally
        {
            feature.Record();
        }
    }
}

/// <summary>What the pipelines of both ports share.</summary>
internal sealed record PipelineParts(
    Gate Gate,
    AdminGuard Admin,
    OwnEndpoints Endpoints,
    TransferStubs Transfers,
    ExchangeHub Hub,
    Func<bool, RequestLog> Log,
    Func<MockEngine> Engine,
    StubChoice Choice,
    TimeProvider Time);
