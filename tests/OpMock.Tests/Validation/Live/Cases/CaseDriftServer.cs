using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.Json;
using OpMock.Core.Validation.Live.Cases;
using OpMock.Core.World;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace OpMock.Tests.Validation.Live.Cases;

/// <summary>A request as the stand-in server understood it.</summary>
/// <param name="Example">The doc's example answer for the route: what a drift that accepts too much answers.</param>
internal sealed record Asked(Via Via, string Route, JsonObject? Body, Expectation Expect, string Example);

/// <summary>What the stand-in answers.</summary>
internal sealed record Answer(int Status, string ContentType, string Body);

/// <summary>One way a real backend breaks for some inputs only: an answer for the requests it breaks on, null for the others.</summary>
internal sealed record Drift(string Name, Func<Asked, Answer, Answer?> Apply);

/// <summary>
/// A stand-in for the OP servers on 127.0.0.1 (both roles, direct routes and the transfer relay) that keeps
/// the contract — refuses what the request schemas refuse, answers the docs' examples otherwise — except
/// where one <see cref="Drift"/> breaks it for some inputs.
/// </summary>
internal sealed class CaseDriftServer : IDisposable
{
    private const string Json = "application/json;charset=UTF-8";
    private const string Foot = """{"operationTime":"2024-05-01 10:00:00","servicePhone":"400-000-0000","host":"op-1"}""";

    private readonly WireMockServer server = DriftedServers.StartLoopback();
    private readonly CaseClassifier classifier;
    private readonly Dictionary<string, string> examples;
    private readonly Drift? drift;

    private CaseDriftServer(CaseClassifier classifier, Dictionary<string, string> examples, Drift? drift)
    {
        (this.classifier, this.examples, this.drift) = (classifier, examples, drift);
        server.Given(Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(r => Task.FromResult<IResponseMessage>(Respond(r))));
    }

    public Uri Url => new(server.Url!);

    public static async Task<CaseDriftServer> StartAsync(Drift? drift)
    {
        var contract = await Shipped.ContractAsync();
        var direct = contract.Endpoints.Where(e => !e.Endpoint.IsTransfer).ToList();
        var examples = direct.ToDictionary(e => e.Endpoint.Route, e => e.Endpoint.Doc.Example!.Text, StringComparer.OrdinalIgnoreCase);
        return new CaseDriftServer(await CaseClassifier.CreateAsync(direct), examples, drift);
    }

    /// <summary>A stable quarter of the ids: the same for every run and machine.</summary>
    public static bool Quarter(string id) => StableHash.Of(id) % 4 == 0;

    public static string Error(int code, string message) =>
        $$"""{"code":{{code}},"message":"{{message}}","data":null,"page":null,"foot":{{Foot}}}""";

    public static string Edited(string example, Action<JsonObject> edit)
    {
        var body = JsonNode.Parse(example)!.AsObject();
        edit(body);
        return body.ToJsonString();
    }

    private ResponseMessage Respond(IRequestMessage request)
    {
        var answer = Answer(request.Path, request.Body ?? "");
        var response = new ResponseMessage { StatusCode = answer.Status };
        response.AddHeader("Content-Type", answer.ContentType);
        response.BodyData = new BodyData { BodyAsString = answer.Body, DetectedBodyType = BodyType.String };
        return response;
    }

    private Answer Answer(string path, string text)
    {
        var body = OpJson.TryParse(text, out _, out _) as JsonObject;
        var via = string.Equals(path, Endpoint.TransferRoute, StringComparison.OrdinalIgnoreCase) ? Via.Transfer : Via.Direct;
        var route = via == Via.Direct ? path : body?["reqUrl"] is JsonValue v && v.TryGetValue<string>(out var reqUrl) ? reqUrl : null;
        if (route is null && body is not null)
        {
            return new Answer(400, Json, Error(400, "reqUrl is required"));
        }

        if (route is not null && !examples.ContainsKey(route))
        {
            return new Answer(404, Json, Error(404, "not a documented route"));
        }

        var expect = route is null ? Expectation.Invalid : classifier.Classify(route, via, text);
        var clean = expect == Expectation.Invalid ? new Answer(400, Json, Error(400, "参数错误")) : new Answer(200, Json, examples[route!]);
        return route is not null && drift?.Apply(new Asked(via, route, body, expect, examples[route]), clean) is { } drifted ? drifted : clean;
    }

    public void Dispose() => server.Dispose();
}
