using Microsoft.AspNetCore.Http;

namespace OpMock.Core.Server;

/// <summary>
/// The last stage: the <see cref="MockEngine"/> answers whatever no earlier stage did (a documented route, or the
/// envelope saying it is not one), from the request its feature holds, and <see cref="ReplyWriter"/> writes it.
/// </summary>
internal sealed class EngineStage(Func<MockEngine> engine, TimeProvider time) : IStage
{
    public async Task<bool> TryAnswerAsync(HttpContext context, Func<Task> wireMock)
    {
        var feature = RequestFeature.Of(context);
        var draft = feature.Draft;
        draft.AnsweredBy = "opmock";
        var current = engine();
        var request = feature.Request;
        draft.Session = request.Session;
        var answer = await current.HandleAsync(request, feature.App, context.RequestAborted);
        draft.Scenario = answer.Scenario;
        draft.MappingTitle = current.Route(request.Path, feature.App) is { } route ? $"OpMock: {request.Method} {route}" : "OpMock: unknown path or method";
        draft.ReplyBody = answer.Fault == Fixtures.Fault.None ? answer.Body : [];
        draft.Status = answer.Fault is Fixtures.Fault.DropConnection or Fixtures.Fault.MalformedChunk ? 0 : answer.Status;
        // A dropped connection starts no answer, so nothing records it as it starts: it is recorded just before the drop,
        // or a client that sees the connection close could ask the log before the exchange is in it.
        await ReplyWriter.SendAsync(context, answer, time, context.RequestAborted, beforeDrop: feature.Record);
        return true;
    }
}
