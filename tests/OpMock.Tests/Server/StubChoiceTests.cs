using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Tests.Support;
using WireMock.Server;
using WireMock.Settings;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.Server;

/// <summary>
/// The stub that answers, and the one the request log names, is WireMock's own choice: the same stubs and
/// requests given to OpMock's direct port and to a bare WireMock.Net server are answered by the same stubs,
/// logged alike and found alike.
/// </summary>
public sealed class StubChoiceTests(StubChoiceTests.Logged logged) : IClassFixture<StubChoiceTests.Logged>
{
    private const string A = "00000000-0000-0000-0000-00000000000a";
    private const string B = "00000000-0000-0000-0000-00000000000b";
    private const string C = "00000000-0000-0000-0000-00000000000c";

    /// <summary>A request: method, path and query, headers (`Name: value` lines), JSON body.</summary>
    public sealed record Call(string Method, string Target, string Body = "", params string[] Headers);

    public static TheoryData<string, string, Call[], string?[]> Cases()
    {
        var hour = TimeSpan.FromHours(1);
        var post = new Call("POST", ChatInfo, """{"userId":"u1","kind":"vip"}""", "X-Team: blue");
        var other = new Call("POST", Receives, """{"staffId":"o1"}""");
        return new()
        {
            { "priority: the lower number answers", List(Stub(A, 2, ChatInfo), Stub(B, 1, ChatInfo)), [post, other], [B, null] },
            { "tie: the stub that matched more of the request answers",
                List(Stub(A, 1, ChatInfo), Stub(B, 1, ChatInfo, request: """, "Methods": ["POST"], "Headers": [{"Name": "X-Team", "Matchers": [{"Name": "ExactMatcher", "Pattern": "blue"}]}]""")),
                [post], [B] },
            { "TTL without a start: counted from each request, it never runs out",
                List(Stub(A, 1, ChatInfo, extra: """, "TimeSettings": {"TTL": 1}""")), [post], [A] },
            { "TTL from a start an hour ago: over",
                List(Stub(A, 1, ChatInfo, extra: Window(start: DateTime.Now - hour, ttl: 60))), [post], [null] },
            { "time window around now (local time): open",
                List(Stub(A, 1, ChatInfo, extra: Window(start: DateTime.Now - hour, end: DateTime.Now + hour))), [post], [A] },
            { "time window that ended: closed, the lower priority answers",
                List(Stub(A, 1, ChatInfo, extra: Window(end: DateTime.Now - hour)), Stub(B, 5, ChatInfo)), [post], [B] },
            { "probability 0 never answers, 1 always",
                List(Stub(A, 1, ChatInfo, extra: """, "Probability": 0"""), Stub(B, 1, Receives, extra: """, "Probability": 1""")), [post, other], [null, B] },
            { "scenario: each state's stub in turn, then none",
                List(Stub(A, 1, ChatInfo, extra: """, "Scenario": "s", "SetStateTo": "two" """), Stub(B, 1, ChatInfo, extra: """, "Scenario": "s", "WhenStateIs": "two", "SetStateTo": "three" """), Stub(C, 1, ChatInfo, extra: """, "Scenario": "s", "WhenStateIs": "three", "SetStateTo": "done" """)),
                [post, post, post, post], [A, B, C, null] },
            { "disabled stub: never", List(Stub(A, 1, ChatInfo, extra: """, "IsDisabled": true""")), [post], [null] },
            { "matchers: wildcard path, regex param, exact cookie",
                Fill("""
                    [{"Guid": "@A", "Request": {"Path": {"Matchers": [{"Name": "WildcardMatcher", "Pattern": "/op/v2/get*"}]}, "Params": [{"Name": "page", "Matchers": [{"Name": "RegexMatcher", "Pattern": "^[0-9]+$"}]}]}, "Response": {"Body": "a"}},
                    {"Guid": "@B", "Request": {"Path": {"Matchers": [{"Name": "ExactMatcher", "Pattern": "@RECEIVES"}]}, "Cookies": [{"Name": "sid", "Matchers": [{"Name": "ExactMatcher", "Pattern": "s1"}]}]}, "Response": {"Body": "b"}}]
                    """),
                [new("GET", "/op/v2/getThing?page=12"), new("GET", "/op/v2/getThing?page=x"), new("POST", Receives, "{}", "Cookie: sid=s1"), new("POST", Receives, "{}", "Cookie: sid=s2")],
                [A, null, B, null] },
            { "body matchers: JSON partial, JSON path, exact text",
                Fill("""
                    [{"Guid": "@A", "Request": {"Path": "@CHAT", "Body": {"Matcher": {"Name": "JsonPartialMatcher", "Pattern": {"kind": "vip"}}}}, "Response": {"Body": "a"}},
                    {"Guid": "@B", "Request": {"Path": "@RECEIVES", "Body": {"Matcher": {"Name": "JsonPathMatcher", "Pattern": "$.staffId"}}}, "Response": {"Body": "b"}},
                    {"Guid": "@C", "Request": {"Path": "/op/v2/text", "Body": {"Matcher": {"Name": "ExactMatcher", "Pattern": "hello"}}}, "Response": {"Body": "c"}}]
                    """),
                [post, new("POST", ChatInfo, """{"userId":"u1","kind":"plain"}"""), other, new("POST", Receives, """{"userId":"o2"}"""), new("POST", "/op/v2/text", "hello", "Content-Type: text/plain")],
                [A, null, B, null, C] },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Answer_SameStubsAndRequests_SameChoiceAndLogAsWireMock(string rule, string stubs, Call[] calls, string?[] expected)
    {
        // Given the same stubs on OpMock's direct port and on a bare WireMock.Net server
        await using var pair = await Pair.StartAsync(stubs);

        // When each request is sent to both, in turn
        foreach (var call in calls)
        {
            await pair.SendAsync(call);
        }

        // Then both logs name the same stub for each request, the one WireMock's rules choose
        var (opMock, wireMock) = await pair.ChoicesAsync();
        opMock.ShouldBe(wireMock, rule);
        opMock.ShouldBe(expected, rule);
    }

    public static TheoryData<string, string> Finds() => new()
    {
        { "path wildcard", """{"Path": {"Matchers": [{"Name": "WildcardMatcher", "Pattern": "/op/v2/get*"}]}}""" },
        { "methods", """{"Methods": ["GET"]}""" },
        { "methods rejected", """{"Methods": ["GET"], "MethodsRejectOnMatch": true}""" },
        { "header exact", """{"Headers": [{"Name": "X-Team", "Matchers": [{"Name": "ExactMatcher", "Pattern": "blue"}]}]}""" },
        { "cookie", """{"Cookies": [{"Name": "sid", "Matchers": [{"Name": "ExactMatcher", "Pattern": "s1"}]}]}""" },
        { "param regex", """{"Params": [{"Name": "page", "Matchers": [{"Name": "RegexMatcher", "Pattern": "^[0-9]+$"}]}]}""" },
        { "body JSON partial", """{"Body": {"Matcher": {"Name": "JsonPartialMatcher", "Pattern": {"kind": "vip"}}}}""" },
        { "body JSON path", """{"Body": {"Matcher": {"Name": "JsonPathMatcher", "Pattern": "$.staffId"}}}""" },
        { "body exact text", """{"Body": {"Matcher": {"Name": "ExactMatcher", "Pattern": "hello"}}}""" },
        { "body wildcard", """{"Body": {"Matchers": [{"Name": "WildcardMatcher", "Pattern": "*u1*"}]}}""" },
        { "url regex and path", """{"Url": {"Matchers": [{"Name": "RegexMatcher", "Pattern": "page=1"}]}, "Path": "/op/v2/getThing"}""" },
        { "the .NET client's model, unset keys null",
            """{"ClientIP": null, "Path": {"Matchers": [{"Name": "ExactMatcher", "Pattern": "/op/v2/receives"}]}, "Url": null, "Methods": null, "MethodsRejectOnMatch": null, "MethodsMatchOperator": null, "HttpVersion": null, "Headers": null, "Cookies": null, "Params": null, "Body": null}""" },
    };

    [Theory]
    [MemberData(nameof(Finds))]
    public async Task Find_SameLog_FindsWhatWireMockFinds(string kind, string model)
    {
        // Given the same requests sent to OpMock and to a bare WireMock.Net server (once for every model: finding reads the log)
        var pair = logged.Pair;

        // When both are asked to find by the same request model
        var (opMock, wireMock) = await pair.FindAsync(model);

        // Then they find the same requests, and find some but not all
        opMock.ShouldBe(wireMock, kind);
        opMock.Count.ShouldBeInRange(1, Logged.Calls.Length - 1, kind);
    }

    /// <summary>OpMock and a bare WireMock.Net server, no stubs, that were sent the same requests: what the finds read.</summary>
    public sealed class Logged : IAsyncLifetime
    {
        internal static readonly Call[] Calls =
        [
            new("POST", ChatInfo, """{"userId":"u1","kind":"vip"}""", "X-Team: blue"),
            new("POST", ChatInfo, """{"userId":"u2","kind":"plain"}""", "X-Team: red"),
            new("GET", "/op/v2/getThing?page=12"),
            new("GET", "/op/v2/getThing?page=x"),
            new("POST", Receives, """{"staffId":"o1"}""", "Cookie: sid=s1"),
            new("POST", "/op/v2/text", "hello", "Content-Type: text/plain"),
        ];

        internal Pair Pair { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Pair = await Pair.StartAsync("[]");
            foreach (var call in Calls)
            {
                await Pair.SendAsync(call);
            }
        }

        public async Task DisposeAsync() => await Pair.DisposeAsync();
    }

    /// <param name="extra">More of the stub's keys, each after a comma.</param>
    /// <param name="request">More of its request's keys, each after a comma.</param>
    private static string Stub(string guid, int priority, string path, string extra = "", string request = "") =>
        $$$"""{"Guid": "{{{guid}}}", "Priority": {{{priority}}}, "Request": {"Path": "{{{path}}}"{{{request}}}}, "Response": {"StatusCode": 200, "Body": "{{{guid[^1]}}}"}{{{extra}}}}""";

    /// <summary>A stub's time window; WireMock reads it against its own local clock, so it is written in local time.</summary>
    private static string Window(DateTime? start = null, DateTime? end = null, int? ttl = null)
    {
        static string Local(DateTime? at) => at is { } time ? $"\"{time.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)}\"" : "null";
        return $", \"TimeSettings\": {{\"Start\": {Local(start)}, \"End\": {Local(end)}, \"TTL\": {(ttl is { } t ? t.ToString(CultureInfo.InvariantCulture) : "null")}}}";
    }

    private static string List(params string[] stubs) => "[" + string.Join(", ", stubs) + "]";

    private static string Fill(string stubs) =>
        stubs.Replace("@CHAT", ChatInfo, StringComparison.Ordinal).Replace("@RECEIVES", Receives, StringComparison.Ordinal)
            .Replace("@A", A, StringComparison.Ordinal).Replace("@B", B, StringComparison.Ordinal).Replace("@C", C, StringComparison.Ordinal);

    /// <summary>OpMock (frozen clock) and a bare WireMock.Net server on loopback, given the same stubs.</summary>
    internal sealed class Pair : IAsyncDisposable
    {
        private readonly MockHost host;
        private readonly WireMockServer bare;

        private Pair(MockHost host, WireMockServer bare) => (this.host, this.bare) = (host, bare);

        public static async Task<Pair> StartAsync(string stubs)
        {
            var host = await MockHost.StartAsync();
            var bare = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], StartAdminInterface = true });
            var pair = new Pair(host, bare);
            foreach (var url in new[] { host.Server.DirectUrl, bare.Url! })
            {
                using var added = await host.Client.PostAsync(url + "/__admin/mappings", new StringContent(stubs, Encoding.UTF8, "application/json"));
                added.IsSuccessStatusCode.ShouldBeTrue(await added.Content.ReadAsStringAsync());
            }

            return pair;
        }

        public async Task SendAsync(Call call)
        {
            foreach (var url in new[] { host.Server.DirectUrl, bare.Url! })
            {
                using var request = new HttpRequestMessage(new HttpMethod(call.Method), url + call.Target);
                var contentType = call.Headers.FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.Ordinal))?[13..].Trim() ?? "application/json";
                if (call.Body.Length > 0)
                {
                    request.Content = new StringContent(call.Body, Encoding.UTF8, contentType);
                    request.Content.Headers.ContentType!.CharSet = null;
                }

                foreach (var header in call.Headers.Where(h => !h.StartsWith("Content-Type:", StringComparison.Ordinal)))
                {
                    var at = header.IndexOf(':', StringComparison.Ordinal);
                    request.Headers.TryAddWithoutValidation(header[..at], header[(at + 1)..].Trim());
                }

                using var _ = await host.Client.SendAsync(request);
            }
        }

        /// <summary>The stub each logged request was answered by, oldest first: OpMock's log, WireMock's log.</summary>
        public async Task<(string?[] OpMock, string?[] WireMock)> ChoicesAsync()
        {
            var opMock = await ListAsync(host.Client.GetAsync(host.Server.DirectUrl + "/__admin/requests"));
            var wireMock = bare.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).Select(e => e.MappingGuid?.ToString()).ToArray();
            return ([.. opMock.Select(e => e!["MappingGuid"]?.GetValue<string>())], wireMock);
        }

        /// <summary>What each finds by the model: method, URL path and query, body of each request found, in order.</summary>
        public async Task<(List<string> OpMock, List<string> WireMock)> FindAsync(string model)
        {
            var found = new List<string>[2];
            var urls = new[] { host.Server.DirectUrl, bare.Url! };
            for (var i = 0; i < urls.Length; i++)
            {
                var entries = await ListAsync(host.Client.PostAsync(urls[i] + "/__admin/requests/find", new StringContent(model, Encoding.UTF8, "application/json")));
                found[i] = [.. entries.Select(e => $"{e!["Request"]!["Method"]} {e["Request"]!["Path"]} {e["Request"]!["Body"]}").Order(StringComparer.Ordinal)];
            }

            return (found[0], found[1]);
        }

        public async ValueTask DisposeAsync()
        {
            bare.Stop();
            bare.Dispose();
            await host.DisposeAsync();
        }

        private static async Task<JsonArray> ListAsync(Task<HttpResponseMessage> sending)
        {
            using var response = await sending;
            var text = await response.Content.ReadAsStringAsync();
            response.IsSuccessStatusCode.ShouldBeTrue(text);
            return JsonNode.Parse(text)!.AsArray();
        }
    }
}
