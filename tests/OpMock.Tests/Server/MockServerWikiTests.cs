using System.Net;
using System.Text.Json.Nodes;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

/// <summary>The mock on the shipped docs plus the wiki test docs, served with no code written for the new ones.</summary>
public sealed class MockServerWikiTests
{
    [Fact]
    public async Task ManyResponses_EveryWikiRouteAcrossUsersAndSeeds_AllValidateStrictly()
    {
        // Given the frozen shipped docs and the wiki docs, and what they say the mock answers
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithWiki(temp);
        var overrides = Path.Combine(temp.Path, "overrides.yaml");
        var contract = await ApiContract.LoadAsync(docs, overrides);
        var validator = await ContractValidator.CreateAsync(contract, strict: true);
        var asks = DocSamples.For(contract);
        asks.Select(a => a.Label).ShouldBe(
        [
            "/op/v2/receives", "/op/v2/getChatInfoByUserId", "/op/v2/getUserDetail", "/op/v2/getChatPage", "/op/v2/getChatMessages",
            "/opapp/transfer → /op/v2/getChatInfoByUserId", "/opapp/transfer → /op/v2/getUserDetail",
        ], ignoreOrder: true);
        var checkedCount = 0;
        foreach (var seed in new[] { 1, 42, 20160308 })
        {
            // And a server per seed
            await using var host = await MockHost.StartAsync(seed: seed, docs: docs, overrides: overrides);
            var world = host.Server.Engine.State.Data.World;
            for (var i = 0; i < 40; i++)
            {
                foreach (var ask in asks)
                {
                    // When each route is asked its doc's sample, about another user, OP and page each time
                    var body = JsonNode.Parse(ask.Body)!.AsObject();
                    Replace(body, "userId", world.UserId(i * 13));
                    Replace(body, "staffId", world.OpId(i % 50));
                    Replace(body, "pageNo", i % 4 + 1);
                    using var request = ask.ToRequest(ask.ReqUrl is null ? host.Server.DirectUrl : host.Server.AppUrl, body.ToJsonString());
                    using var response = await host.Client.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();

                    // Then every answer is a 200 its documented schema accepts, without undocumented fields
                    response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{ask.Label} {body.ToJsonString()}: {text}");
                    validator.Check(ask.Route, ask.ReqUrl, ask.Doc, 200, text).Violations.ShouldBeEmpty($"{ask.Label} {body.ToJsonString()}: {text}");
                    checkedCount++;
                }
            }
        }

        checkedCount.ShouldBe(3 * 40 * 7);
    }

    private static void Replace(JsonObject body, string name, JsonNode value)
    {
        if (body.ContainsKey(name))
        {
            body[name] = value;
        }
    }
}
