using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Json;
using OpMock.Core.World.State;

namespace OpMock.Core.Server;

/// <summary>
/// OpMock's own admin endpoints for sessions, under the admin guard like every `/__admin` path:
/// <c>GET /__admin/opmock/sessions</c> lists them (changes, writes, last use, default scenario);
/// <c>PUT /__admin/opmock/sessions/{name}</c> with <c>{"scenario": "slow"}</c> (or null) sets the scenario its
/// requests run under when they name none; <c>POST /__admin/opmock/reset</c> restores the seeded world for every
/// session, <c>?session=NAME</c> for one.
/// </summary>
internal sealed class SessionsAdmin(Func<MockEngine> engine)
{
    public const string Prefix = OwnPaths.Sessions;
    public const string SessionsPath = Prefix + "/sessions";
    public const string ResetPath = Prefix + "/reset";

    private static readonly string[] Endpoints =
    [
        $"GET {SessionsPath}",
        $"PUT {SessionsPath}/{{name}} {{\"scenario\": NAME or null}}",
        $"POST {ResetPath}[?session=NAME]",
    ];

    /// <summary>Answers a request under <see cref="Prefix"/>; false for any other path.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        try
        {
            return await AnswerAsync(context);
        }
        catch (StateUnavailableException lost)
        {
            // A shared store (Redis) that is gone: listing, resetting and default scenarios all need it.
            await WriteAsync(context, engine().Envelope.StateUnavailable(lost, null));
            return true;
        }
    }

    private async Task<bool> AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return false;
        }

        var current = engine();
        var sessions = current.Sessions.Store;
        var method = context.Request.Method;
        var cancel = context.RequestAborted;
        if (rest.Equals("/sessions", StringComparison.OrdinalIgnoreCase))
        {
            if (!HttpMethods.IsGet(method))
            {
                await WriteAsync(context, current.Envelope.Plain(405, $"{SessionsPath} takes GET, not {method}", Known()));
                return true;
            }

            var list = await sessions.ListAsync(cancel);
            await WriteAsync(context, 200, new JsonObject { ["sessions"] = new JsonArray([.. list.Select(s => (JsonNode)Json(s))]) });
            return true;
        }

        if (rest.StartsWithSegments("/sessions", StringComparison.OrdinalIgnoreCase, out var named) && named.Value is { Length: > 1 } slashName)
        {
            if (!HttpMethods.IsPut(method))
            {
                await WriteAsync(context, current.Envelope.Plain(405, $"{SessionsPath}/{{name}} takes PUT, not {method}", Known()));
                return true;
            }

            await ScenarioAsync(context, current, Uri.UnescapeDataString(slashName[1..]));
            return true;
        }

        if (rest.Equals("/reset", StringComparison.OrdinalIgnoreCase))
        {
            if (!HttpMethods.IsPost(method))
            {
                await WriteAsync(context, current.Envelope.Plain(405, $"{ResetPath} takes POST, not {method}", Known()));
                return true;
            }

            var only = context.Request.Query["session"].FirstOrDefault();
            if (only is not null && SessionName.Read(only, out var problem) is null)
            {
                await WriteAsync(context, current.Envelope.Plain(400, $"session: {problem}", Known()));
                return true;
            }

            await current.Sessions.ResetAsync(only, cancel);
            await WriteAsync(context, 200, new JsonObject { ["reset"] = only ?? "all" });
            return true;
        }

        await WriteAsync(context, current.Envelope.Plain(404, $"{MockEngine.Sample(path.Value)} is not an OpMock admin endpoint", Known()));
        return true;
    }

    private static async Task ScenarioAsync(HttpContext context, MockEngine current, string name)
    {
        if (SessionName.Read(name, out var problem) is null)
        {
            await WriteAsync(context, current.Envelope.Plain(400, $"session: {problem}", Known()));
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var scenarios = current.State.Fixtures.Scenarios;
        var known = new JsonObject { ["scenarios"] = new JsonArray([.. scenarios.Keys.Order(StringComparer.Ordinal).Select(n => (JsonNode)n)]) };
        if (OpJson.TryParse(text, out _, out _) is not JsonObject body || !body.TryGetPropertyValue("scenario", out var value)
            || (value is not null && (value is not JsonValue v || !v.TryGetValue<string>(out _))))
        {
            await WriteAsync(context, current.Envelope.Plain(400, "the body must be {\"scenario\": NAME} or {\"scenario\": null}", known));
            return;
        }

        var scenario = value?.GetValue<string>();
        if (scenario is not null && !scenarios.ContainsKey(scenario))
        {
            await WriteAsync(context, current.Envelope.Plain(400, $"no scenario `{MockEngine.Sample(scenario)}` in the fixtures", known));
            return;
        }

        try
        {
            await current.Sessions.Store.SetScenarioAsync(name, scenario, context.RequestAborted);
        }
        catch (StateFullException full)
        {
            await WriteAsync(context, current.Envelope.Plain(503, full.Message, null));
            return;
        }

        var info = (await current.Sessions.Store.ListAsync(context.RequestAborted)).FirstOrDefault(s => s.Name == name)
            ?? new SessionInfo(name, 0, 0, 0, DateTimeOffset.UnixEpoch, null);
        await WriteAsync(context, 200, Json(info));
    }

    private static JsonObject Json(SessionInfo session) => new()
    {
        ["name"] = session.Name,
        ["changes"] = session.Records,
        ["writes"] = session.Writes,
        ["lastUsed"] = session.LastUsed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["scenario"] = session.Scenario,
    };

    private static JsonObject Known() => new() { ["endpoints"] = new JsonArray([.. Endpoints.Select(e => (JsonNode)e)]) };

    private static Task WriteAsync(HttpContext context, int status, JsonObject body) =>
        ReplyWriter.WriteAsync(context, new MockReply(status, Encoding.UTF8.GetBytes(OpJson.ToCompactText(body)), Fixtures.Fault.None, TimeSpan.Zero));

    private static Task WriteAsync(HttpContext context, MockReply reply) => ReplyWriter.WriteAsync(context, reply);
}
