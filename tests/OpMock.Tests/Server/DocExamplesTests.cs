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
