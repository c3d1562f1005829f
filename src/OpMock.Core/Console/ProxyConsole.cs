using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Json;
using OpMock.Core.Schemas;
using OpMock.Core.Server;
using OpMock.Core.Validation;
using OpMock.Core.Validation.Proxy;

namespace OpMock.Core.Console;

/// <summary>
/// The console as `opmock proxy` hosts it on its port: each exchange with its violations as it passes, counts per
/// route, and the routes (sent through the proxy to its target). There is no world or session here: the target
/// answers.
/// </summary>
internal sealed class ProxyConsole : IConsoleHost
{
    private readonly RouteCounts counts = new();
    private readonly ApiContract contract;
    private readonly ContractValidator validator;
    private readonly Uri target;
    private readonly TimeProvider time;

    /// <param name="guard">The admin API's guard (loopback, Host, Origin): the console shows live traffic and bodies.</param>
    public ProxyConsole(ApiContract contract, ContractValidator validator, Uri target, Func<HttpContext, Refusal?> guard, TimeProvider time)
    {
        this.contract = contract;
        this.validator = validator;
        this.target = target;
        this.time = time;
        Endpoint = new ConsoleEndpoint(this, Feed, guard, new BodyBudget(BodyBudget.DefaultBytes), time);
    }

    public LiveFeed Feed { get; } = new();

    public ConsoleEndpoint Endpoint { get; }

    public IEnumerable<int> Ports => [];

    /// <summary>One exchange through the proxy: counted under its route, and shown to every page watching.</summary>
    public void Record(ProxyExchange exchange, int port)
    {
        var at = time.GetUtcNow();
        var path = exchange.PathAndQuery.Split('?')[0];
        var label = exchange.Result?.Label ?? path;
        var totals = counts.Add(label, exchange.Result);
        Feed.Publish(() => Encoding.UTF8.GetBytes(OpJson.ToCompactText(Row(exchange, at, port, path, totals))));
    }

    public JsonObject Info(HttpRequest request) => new()
    {
        ["host"] = "proxy",
        ["target"] = target.ToString(),
        ["targets"] = new JsonArray(new JsonObject
        {
            ["name"] = "proxy",
            ["label"] = $"this proxy → {target.GetLeftPart(UriPartial.Authority)}",
            ["port"] = request.Host.Port,
            ["app"] = false,
            ["url"] = request.Host.Port is { } port ? ConsoleEndpoint.OriginFor(request, port) : null,
        }),
        ["transferRoute"] = Docs.Endpoint.TransferRoute,
        ["scenarios"] = new JsonArray(),
        ["headers"] = new JsonObject { ["session"] = SessionName.Header, ["scenario"] = MockEngine.ScenarioHeader },
        ["sessions"] = null,
        ["world"] = false,
    };

    public JsonObject Routes() => RouteCatalog.For(contract, world: null);

    public Task<CheckedResponse?> CheckAsync(string route, string? reqUrl, int? status, string body) =>
        Task.FromResult(validator.IsDocumented(route) ? validator.Check(route, reqUrl, "console", status, body) : null);

    public Task<(JsonObject? Found, string? Problem)> WorldAsync(string query, string? kind, string session, CancellationToken cancel) =>
        Task.FromResult<(JsonObject?, string?)>((null, null));

    public JsonObject? Totals() => counts.Json();

    public JsonObject? Changes() => null;

    private static JsonObject Row(ProxyExchange exchange, DateTimeOffset at, int port, string path, JsonObject totals) => new()
    {
        ["kind"] = "proxy",
        ["id"] = Guid.NewGuid().ToString(),
        ["time"] = ExchangeRow.Time(at),
        ["app"] = false,
        ["port"] = port,
        ["method"] = exchange.Method,
        // The path only: queries carry tokens and signs, which the proxy keeps out of every log.
        ["path"] = path,
        ["query"] = "",
        ["reqUrl"] = exchange.Result?.ReqUrl,
        ["status"] = exchange.Status,
        ["latencyMs"] = ExchangeRow.Milliseconds(exchange.Elapsed),
        ["checked"] = exchange.Result is not null,
        ["label"] = exchange.Result?.Label ?? path,
        ["verdict"] = exchange.Result is { } result ? ConsoleEndpoint.Verdict(result) : null,
        ["note"] = exchange.Note,
        ["recordError"] = exchange.RecordError,
        ["ids"] = new JsonArray(),
        ["request"] = Body(exchange.RequestBody),
        ["response"] = Body(exchange.ResponseBody),
        ["totals"] = totals,
    };

    private static JsonObject Body(byte[]? body)
    {
        var bytes = body ?? [];
        var kept = bytes.AsSpan(0, Math.Min(bytes.Length, RequestBody.LoggedBytes));
        return ExchangeRow.Message([], kept.ToArray(), bytes.Length);
    }

    /// <summary>Exchanges, failures and findings per route label, for at most <see cref="MaxLabels"/> labels (the rest under one).</summary>
    private sealed class RouteCounts
    {
        private const int MaxLabels = 500;
        private const string Others = "(other routes)";

        private readonly Lock gate = new();
        private readonly Dictionary<string, (int Exchanges, int Checked, int Failed, int Errors, int Warnings)> byLabel = new(StringComparer.Ordinal);

        public JsonObject Add(string label, CheckedResponse? result)
        {
            lock (gate)
            {
                if (!byLabel.ContainsKey(label) && byLabel.Count >= MaxLabels)
                {
                    label = Others;
                }

                var (exchanges, checkedCount, failed, errors, warnings) = byLabel.GetValueOrDefault(label);
                var now = (exchanges + 1, checkedCount + (result is null ? 0 : 1), failed + (result?.Failed == true ? 1 : 0),
                    errors + (result?.Errors ?? 0), warnings + (result?.Warnings ?? 0));
                byLabel[label] = now;
                return Json(label, now);
            }
        }

        public JsonObject Json()
        {
            lock (gate)
            {
                return new JsonObject
                {
                    ["routes"] = new JsonArray([.. byLabel.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (JsonNode)Json(p.Key, p.Value))]),
                };
            }
        }

        private static JsonObject Json(string label, (int Exchanges, int Checked, int Failed, int Errors, int Warnings) counts) => new()
        {
            ["label"] = label,
            ["exchanges"] = counts.Exchanges,
            ["checked"] = counts.Checked,
            ["failed"] = counts.Failed,
            ["errors"] = counts.Errors,
            ["warnings"] = counts.Warnings,
        };
    }
}
