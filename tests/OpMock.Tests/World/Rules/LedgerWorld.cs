using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpMock.Core.Json;
using OpMock.Core.Server;
using OpMock.Core.World;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// The frozen shipped docs plus the ledger docs (TestDocs/ledger: 31.1 a user's points, 31.2 a wallet, 31.3 a stored-value
/// card; 31.4 a user's orders with addresses and lines), answered in process by one engine on a fake clock, directly or through the transfer relay.
/// </summary>
public sealed class LedgerWorld : IAsyncLifetime
{
    public const string Points = "/op/v2/getUserPointsLog";
    public const string Wallet = "/op/v2/getWalletRecords";
    public const string Card = "/op/v2/getStoredCardFlows";
    public const string CustomerOrders = "/op/v2/getCustomerOrders";

    private readonly TempFolder temp = new();

    internal MockEngine Engine { get; private set; } = null!;

    internal OpWorld World => Engine.State.Data.World;

    public async Task InitializeAsync()
    {
        var docs = TestDocs.BaseWithLedger(temp);
        var fixtures = temp.Write("fixtures/world.yaml", "seed: 20160308\nworld:\n  users: 100000\n  anchor: \"2026-03-10 00:00:00\"\n");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
        Engine = new MockEngine(await MockState.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml"), Path.GetDirectoryName(fixtures), seed: null), clock);
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A POST route's whole answer, directly or through /opapp/transfer.</summary>
    internal JsonObject Post(string route, JsonObject body, bool transfer = false)
    {
        var sent = (JsonObject)body.DeepClone();
        if (transfer)
        {
            sent.Insert(0, "reqUrl", route);
        }

        return Send("POST", transfer ? "/opapp/transfer" : route, OpJson.ToCompactText(sent), ImmutableDictionary<string, string>.Empty, transfer);
    }

    /// <summary>A GET route's whole answer to query parameters.</summary>
    internal JsonObject Get(string route, IReadOnlyDictionary<string, string> query) => Send("GET", route, "", query.ToImmutableDictionary(), app: false);

    /// <summary>Every page of a user's ledger (pageSize 50) through <paramref name="ask"/>: the data of each page, in page order.</summary>
    internal static List<JsonObject> Pages(Func<int, JsonObject> ask)
    {
        var pages = new List<JsonObject>();
        for (var no = 1; no <= 40; no++)
        {
            var answer = ask(no);
            pages.Add(answer["data"]!.AsObject());
            var page = answer["page"]!.AsObject();
            if (no * page["pageSize"]!.GetValue<int>() >= page["totalCount"]!.GetValue<int>())
            {
                break;
            }
        }

        return pages;
    }

    private JsonObject Send(string method, string route, string body, ImmutableDictionary<string, string> query, bool app)
    {
        var request = MockRequest.Create(method, route, method == "GET" ? null : "application/json", Encoding.UTF8.GetBytes(body), query, scenario: null);
        // The in-memory session store answers at once: the engine's answer is ready when it returns.
        var reply = Engine.HandleAsync(request, app, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var answer = JsonNode.Parse(reply.Body)!.AsObject();
        reply.Status.ShouldBe(200, answer.ToJsonString());
        return answer;
    }
}
