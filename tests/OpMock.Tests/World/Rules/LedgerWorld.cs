using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpMock.Core.Json;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// The frozen shipped docs plus the ledger docs (TestDocs/ledger: 31.1 a user's points, 31.2 a wallet, 31.3 a stored-value
/// card; 31.4 a user's orders with addresses and lines), answered in process by one engine on a fake clock, directly or through the transfer relay.
/// </summary>
public sealed class LedgerWorld : EngineWorld
{
    public const string Points = "/op/v2/getUserPointsLog";
    public const string Wallet = "/op/v2/getWalletRecords";
    public const string Card = "/op/v2/getStoredCardFlows";
    public const string CustomerOrders = "/op/v2/getCustomerOrders";

    private protected override string? Fixture => "seed: 20160308\nworld:\n  users: 100000\n  anchor: \"2026-03-10 00:00:00\"\n";

    private protected override TimeProvider Time { get; } = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));

    private protected override string WriteDocs(TempFolder temp) => TestDocs.BaseWithLedger(temp);

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
        var (status, answer) = Answer(method, route, body, query, app: app);
        status.ShouldBe(200, answer.ToJsonString());
        return answer;
    }
}
