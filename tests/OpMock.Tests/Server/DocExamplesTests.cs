using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Core.Schemas;
using OpMock.Tests.Support;
using OpMock.Tests.World;

namespace OpMock.Tests.Server;

/// <summary>Every doc's own sample request answers its documented example, page included, with no fixture for it.</summary>
public sealed class DocExamplesTests(WikiWorld wiki) : IClassFixture<WikiWorld>
{
    [Fact]
    public async Task EveryDoc_SampleRequest_ReturnsItsExampleDirectlyAndThroughTransfer()
    {
        // Given every doc of the wiki copy with a sample request and an example (its own, or its transfer target's)
        var contract = await ApiContract.LoadAsync(wiki.Docs, wiki.Overrides);
        // (examples live in the present: each instant moved by one offset for every doc, images served by OpMock)
        var present = new PresentExamples();
        var checkedDocs = new List<string>();
        foreach (var endpoint in contract.Endpoints.Select(e => e.Endpoint).Where(e => e.Doc.Sample is not null))
        {
            var target = endpoint.IsTransfer ? contract.Direct(endpoint.TransferTarget!)!.Endpoint : endpoint;
            // A write's example shows the world after some write (a closeTime, a fresh id), not what its sample must
            // answer now; writes are walked in MockServerActionsTests, and sending them here would change the shared world.
            if ((endpoint.Doc.Example ?? target.Doc.Example) is not { } example || wiki.Host.Server.Engine.State.Effects.Writes(target.Route))
            {
                continue;
            }

            var documented = OpJson.TryParse(example.Text, out _, out _)!.AsObject();
            var sample = endpoint.Doc.Sample!;
            var body = sample.Body is { } text ? OpJson.TryParse(text.Text, out _, out _)!.AsObject() : [];
            var token = sample.Query.FirstOrDefault(q => q.Key == "token").Value;
            var query = token is null ? "" : "?token=" + token;

            // When its sample request is sent as the doc says, and the same parameters through the other route
            body.Remove("reqUrl");
            var direct = await wiki.DirectAsync(target.Route, body, query);
            var relayed = body.DeepClone().AsObject();
            relayed.Insert(0, "reqUrl", target.Route);
            var transfer = await MockHost.JsonAsync(await wiki.Host.PostTransferAsync(OpJson.ToCompactText(relayed), query: query));

            // Then both answer the documented data and page
            foreach (var answer in new[] { direct, transfer })
            {
                present.Matches(answer["data"], documented["data"]).ShouldBeTrue($"{endpoint.Id}: {answer["data"]?.ToJsonString()}");
                present.Matches(answer["page"], documented["page"]).ShouldBeTrue($"{endpoint.Id}: {answer["page"]?.ToJsonString()}");
            }

            checkedDocs.Add(endpoint.Id);
        }

        // The wiki's docs are among them: a user-detail doc, a paging doc, a messages doc, a second transfer doc
        checkedDocs.ShouldContain("get-op-api/5.1");
        checkedDocs.ShouldContain("get-op-api/5.2");
        checkedDocs.ShouldContain("get-op-api/5.3");
        checkedDocs.ShouldContain("get-op-app/5.9");
    }

    /// <summary>
    /// The test doc folders whose docs serve beside the frozen shipped ones, with the fixture their kinds need: each
    /// doc's sample (its 测试环境 request with the example's own ids) answers its example there, whatever kinds its
    /// list items are (a discovered kind's example items are entities of the example's owner).
    /// </summary>
    public static TheoryData<string, string?> Folders => new()
    {
        { "kinds", null },
        { "items", null },
        { "declared", World.Kinds.KindGroupTests.Declared },
        { "ledger", null },
        { "invoices", null },
        { "states", null },
    };

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task EveryDoc_SampleBesideTheBaseDocs_ReturnsItsExampleDirectlyAndThroughTransfer(string folder, string? kinds)
    {
        // Given the frozen shipped docs with a test folder's docs beside them (and its kinds fixture)
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWith(temp, Path.Combine(TestDocs.Folder, folder));
        foreach (var file in Directory.EnumerateFiles(TestFixtures.Base, "*.yaml"))
        {
            temp.Write(Path.Combine("fixtures", Path.GetFileName(file)), File.ReadAllText(file));
        }

        if (kinds is not null)
        {
            temp.Write("fixtures/kinds.yaml", kinds);
        }

        var overrides = Path.Combine(temp.Path, "overrides.yaml");
        await using var host = await MockHost.StartAsync(docs: docs, overrides: overrides, fixtures: Path.Combine(temp.Path, "fixtures"));
        var contract = await ApiContract.LoadAsync(docs, overrides);
        var present = new PresentExamples();
        var (mismatches, checkedDocs) = (new List<string>(), new List<string>());
        foreach (var endpoint in contract.Endpoints.Select(e => e.Endpoint).Where(e => !e.IsTransfer && e.Doc.Sample is not null && e.Doc.Example is not null))
        {
            if (host.Server.Engine.State.Effects.Writes(endpoint.Route))
            {
                continue;
            }

            // When its sample is sent as the doc says (a GET's in its query), and the same params through /opapp/transfer
            var documented = OpJson.TryParse(endpoint.Doc.Example!.Text, out _, out _)!.AsObject();
            var body = OpMock.Core.Docs.DocSample.Params(endpoint)!;
            body.Remove("reqUrl");
            var token = endpoint.Doc.Sample!.Query.FirstOrDefault(q => q.Key == "token").Value;
            var sample = await BothAsync(host, endpoint, body, token);

            // (an example showing a page in part, 3 items of 14: its items are among the whole list's, where its order puts them)
            var whole = Total(documented) is { } total && endpoint.Input.Any(f => f.Name == "pageSize")
                ? await BothAsync(host, endpoint, new JsonObject(body.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))) { ["pageNo"] = 1, ["pageSize"] = total }, token)
                : sample;

            // Then both answer the documented data and page, field by field, the instants moved to the present as one block
            foreach (var ((port, answer), (_, all)) in sample.Zip(whole))
            {
                if (!present.Matches(Shown(all["data"], documented), documented["data"]) || !present.Matches(answer["page"], documented["page"]))
                {
                    mismatches.Add($"{endpoint.Id} ({port}): {all["data"]?.ToJsonString()} {answer["page"]?.ToJsonString()}");
                }
            }

            checkedDocs.Add(endpoint.Id);
        }

        mismatches.ShouldBeEmpty(string.Join("\n", mismatches));
        checkedDocs.ShouldContain(id => TestDocs.Files(Path.Combine(TestDocs.Folder, folder), "*.txt").Any(f => f.StartsWith(id, StringComparison.Ordinal)));
    }

    /// <summary>A request's answer on the direct port (a GET's params in its query) and through /opapp/transfer.</summary>
    private static async Task<(string Port, JsonObject Answer)[]> BothAsync(MockHost host, OpMock.Core.Docs.Endpoint endpoint, JsonObject body, string? token)
    {
        var ask = new DocSamples.Ask(endpoint.Id, endpoint.Method, endpoint.Route, null, OpJson.ToCompactText(body));
        using var request = ask.ToRequest(host.Server.DirectUrl);
        if (token is not null)
        {
            request.RequestUri = new Uri(request.RequestUri + (request.RequestUri!.Query.Length > 0 ? "&" : "?") + "token=" + token);
        }

        var direct = await MockHost.JsonAsync(await host.Client.SendAsync(request));
        var relayed = body.DeepClone().AsObject();
        relayed.Insert(0, "reqUrl", endpoint.Route);
        var transfer = await MockHost.JsonAsync(await host.PostTransferAsync(OpJson.ToCompactText(relayed), query: token is null ? "" : "?token=" + token));
        return [("direct", direct), ("transfer", transfer)];
    }

    /// <summary>The example page's totalCount when the example shows a list in part (fewer items than that); null otherwise.</summary>
    private static int? Total(JsonObject documented) =>
        documented["page"] is JsonObject page && page["totalCount"] is JsonValue count && count.TryGetValue<int>(out var total)
        && documented["data"] is JsonObject data && data.Any(p => p.Value is JsonArray items && items.Count < total) ? total : null;

    /// <summary>
    /// The answer's data with each list the example shows in part (fewer items than its page's totalCount) cut to the
    /// items the example shows, found by their first field (their id) in the whole list: the example's items are the
    /// owner's, where the list's order puts them among the generated rest. A list shown whole is compared whole, in the
    /// example's order: where an example lists its items against its doc's order words (11.1 lists 按过期时间升序 items
    /// newest first), the answer follows the words.
    /// </summary>
    private static JsonNode? Shown(JsonNode? data, JsonObject documented)
    {
        var total = Total(documented);
        if (data is not JsonObject answer || documented["data"] is not JsonObject example)
        {
            return data;
        }

        var cut = answer.DeepClone().AsObject();
        foreach (var (name, value) in example)
        {
            if (value is JsonArray { Count: > 0 } items && items[0] is JsonObject { Count: > 0 } first && cut[name] is JsonArray listed)
            {
                var id = first.First().Key;
                var order = items.Select(i => i?[id]?.ToJsonString()).ToList();
                var kept = listed.Where(i => total is null || order.Contains(i?[id]?.ToJsonString()));
                cut[name] = new JsonArray([.. kept.OrderBy(i => order.IndexOf(i?[id]?.ToJsonString()) is var at and >= 0 ? at : int.MaxValue).Select(i => i?.DeepClone())]);
            }
        }

        return cut;
    }

    [Fact]
    public async Task Fixture_PinnedView_WinsOverTheDocsExample()
    {
        // Given a fixture pinning another view of 5.1's example user's chat for 2.36
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithWiki(temp);
        foreach (var file in Directory.EnumerateFiles(TestFixtures.Base, "*.yaml"))
        {
            temp.Write(Path.Combine("fixtures", Path.GetFileName(file)), File.ReadAllText(file));
        }

        temp.Write("fixtures/zz-pins.yaml", """
            pins:
              chats:
                - userId: u0001248512029e4eb9d971c77e35f37f3506
                  operatorId: o0001aaaabbbbccccddddeeeeffff00001111
                  views:
                    /op/v2/getChatInfoByUserId: {"subtitle": "固定的标题", "chatId": "u0001999999999999999999", "user": {"nickName": "固定昵称"}}
            """);
        await using var host = await MockHost.StartAsync(docs: docs, overrides: Path.Combine(temp.Path, "overrides.yaml"), fixtures: Path.Combine(temp.Path, "fixtures"));

        // When 2.36 is asked for that user
        var data = (await MockHost.JsonAsync(await host.PostDirectAsync(Routes.ChatInfo, """{"userId":"u0001248512029e4eb9d971c77e35f37f3506"}""")))["data"]!;

        var detail = (await MockHost.JsonAsync(await host.PostDirectAsync(WikiWorld.UserDetail, """{"userId":"u0001248512029e4eb9d971c77e35f37f3506"}""")))["data"]!;

        // Then the fixture's view, OP and nickName win, and the user keeps 5.1's other example attributes
        data["subtitle"]!.GetValue<string>().ShouldBe("固定的标题");
        detail["nickName"]!.GetValue<string>().ShouldBe("固定昵称");
        detail["phone"]!.GetValue<string>().ShouldBe("13911372208");
        data["chatId"]!.GetValue<string>().ShouldBe("u0001999999999999999999");
        data["operatorId"]!.GetValue<string>().ShouldBe("o0001aaaabbbbccccddddeeeeffff00001111");
        data["user"]!["userName"]!.GetValue<string>().ShouldBe("周晓东");
    }
}
