using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpMock.Core.Diff;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using OpMock.Tests.Validation.Har;

namespace OpMock.Tests.Diff;

/// <summary>
/// A HAR recorded in the test from the base docs' mock server: the traffic a frontend built against the base
/// sends, replayed against the later docs. Which entries the later docs break is known from the README's changes.
/// </summary>
internal static partial class Recordings
{
    /// <summary>The entries broken by the later docs, by index, and what breaks each.</summary>
    public static readonly IReadOnlyDictionary<int, string> Broken = new Dictionary<int, string>
    {
        [0] = "getMemberProfile: the request lacks the new required channel, the response has realName, now fullName",
        [1] = "getWorkOrders with pageSize 30: the maximum fell from 50 to 20",
        [3] = "getQuickReplies: the route is gone",
        [4] = "the transfer to getMemberProfile: its response has realName",
    };

    public static async Task<string> RecordAsync(TempFolder temp)
    {
        await using var host = await MockHost.StartAsync(new MockServerOptions(DiffDocs.Before, null, null, Port: 0, AppPort: 0, Seed: 7));
        var direct = host.Server.DirectUrl;
        var entries = new List<JsonObject>
        {
            await PostAsync(host, direct + "/op/v2/getMemberProfile", """{"memberId":"m0001a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7"}"""),
            await GetAsync(host, direct + "/op/v2/getWorkOrders?staffId=o0001b41cf9f36e5a42e2a5b539593981fe32&pageSize=30"),
            await GetAsync(host, direct + "/op/v2/getWorkOrders?staffId=o0001b41cf9f36e5a42e2a5b539593981fe32&pageSize=10"),
            await PostAsync(host, direct + "/op/v2/getQuickReplies", """{"staffId":"o0001b41cf9f36e5a42e2a5b539593981fe32"}"""),
            await PostAsync(host, host.Server.AppUrl + "/opapp/transfer", """{"reqUrl":"/op/v2/getMemberProfile","memberId":"m0001a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7"}"""),
        };
        return temp.Write("session.har", Hars.Document([.. entries]));
    }

    /// <summary>
    /// The report of the diff folders with the recording replayed, as the golden files hold it: the base and docs named
    /// as CI names them, the HAR as session.har and the mock's ephemeral port as PORT.
    /// </summary>
    public static async Task<DiffReport> ReportAsync(TempFolder temp, ChangeSeverity failOn = ChangeSeverity.Breaking)
    {
        var har = await RecordAsync(temp);
        var (before, after) = (await DiffDocs.LoadAsync(DiffDocs.Before), await DiffDocs.LoadAsync(DiffDocs.After));
        var changes = ContractDiff.Compare(before, after);
        var traffic = await (await TrafficReplay.CreateAsync(before, after, changes)).ReplayAsync([har]);
        var stable = traffic with { Broken = [.. traffic.Broken.Select(b => b with { File = "session.har", Url = Port().Replace(b.Url, "127.0.0.1:PORT") })] };
        return new DiffReport("origin/main", "schemas/docs", changes, stable, failOn);
    }

    /// <summary>Writes the recorded report in one format and holds it to its golden file.</summary>
    public static async Task MatchGoldenAsync(Func<DiffReport, string> write, string golden)
    {
        using var temp = new TempFolder();
        Golden.Match(golden, write(await ReportAsync(temp)));
    }

    /// <summary>A report of two docs that promise the same.</summary>
    public static DiffReport Unchanged => new("origin/main", "schemas/docs", [], ReplayResult.None, ChangeSeverity.Breaking);

    [GeneratedRegex(@"127\.0\.0\.1:\d+")]
    private static partial Regex Port();

    private static async Task<JsonObject> PostAsync(MockHost host, string url, string body)
    {
        using var response = await host.PostAsync(url, body);
        return Hars.Entry("POST", url, (int)response.StatusCode, Hars.Text(await response.Content.ReadAsStringAsync()), body);
    }

    private static async Task<JsonObject> GetAsync(MockHost host, string url)
    {
        using var response = await host.Client.GetAsync(url);
        return Hars.Entry("GET", url, (int)response.StatusCode, Hars.Text(await response.Content.ReadAsStringAsync()));
    }
}
