using System.Text.Json.Nodes;
using OpMock.Core.Console;
using OpMock.Core.Json;
using OpMock.Core.Schemas;
using OpMock.Core.World;
using OpMock.Tests.Support;

namespace OpMock.Tests.Console;

public sealed class RouteCatalogTests
{
    [Fact]
    public async Task For_Contract_EveryDirectRouteOnceWithItsDocAndTheTransferDocsRelayingToIt()
    {
        using var temp = new TempFolder();
        var contract = await ApiContract.LoadAsync(TestDocs.BaseWithWiki(temp), Path.Combine(temp.Path, "overrides.yaml"));

        var routes = Routes(RouteCatalog.For(contract, world: null));

        var direct = contract.Endpoints.Where(e => !e.Endpoint.IsTransfer).Select(e => e.Endpoint).DistinctBy(e => e.Route, StringComparer.OrdinalIgnoreCase).ToList();
        routes.Select(r => r["route"]!.ToString()).ShouldBe(direct.Select(e => e.Route));
        foreach (var (route, endpoint) in routes.Zip(direct))
        {
            route["number"]!.ToString().ShouldBe(endpoint.Doc.Number);
            route["title"]!.ToString().ShouldBe(endpoint.Doc.Title);
            route["method"]!.ToString().ShouldBe(endpoint.Method.ToUpperInvariant());
            route["transfers"]!.AsArray().Select(t => t!["doc"]!.ToString()).ShouldBe(contract.Endpoints
                .Where(t => t.Endpoint.IsTransfer && t.Endpoint.TransferTarget == endpoint.Route).Select(t => t.Endpoint.Id));
            route["fields"]!.AsArray().Select(f => f!["name"]!.ToString()).ShouldBe(endpoint.Input.Select(f => f.Name));
        }

        routes.ShouldContain(r => r["transfers"]!.AsArray().Count > 0, "the wiki's 5.9 relays to 5.1, 2.9 to 2.36");
    }

    [Fact]
    public async Task Fields_HintedRequestFields_RulesAsTheRequestSchemaStatesThem()
    {
        using var temp = new TempFolder();
        var contract = await ApiContract.LoadAsync(TestDocs.BaseWithWiki(temp), Path.Combine(temp.Path, "overrides.yaml"));
        var schema = contract.Direct("/op/v2/getChatPage")!.Request;

        var fields = RouteCatalog.Fields(schema).Select(f => f!.AsObject()).ToDictionary(f => f["name"]!.ToString());

        fields["pageSize"]["type"]!.ToString().ShouldBe("integer");
        fields["pageSize"]["default"]!.GetValue<long>().ShouldBe(20);
        fields["pageSize"]["maximum"]!.GetValue<long>().ShouldBe(50);
        fields["pageSize"]["required"]!.GetValue<bool>().ShouldBeFalse();
        OpJson.ToCompactText(fields["status"]["enum"]).ShouldBe("""[{"value":1,"label":"待接入"},{"value":2,"label":"服务中"},{"value":3,"label":"已结束"}]""");
        fields["status"]["nullable"]!.GetValue<bool>().ShouldBeTrue();
        fields["staffId"]["description"]!.ToString().ShouldContain("OP的ID");
    }

    [Fact]
    public async Task For_Samples_TheDocsOwnOrElseIdsOfTheWorld()
    {
        using var temp = new TempFolder();
        var contract = await ApiContract.LoadAsync(TestDocs.BaseWithWiki(temp), Path.Combine(temp.Path, "overrides.yaml"));
        var world = new OpWorld(WorldOptions.Default, Pins.None);

        var routes = Routes(RouteCatalog.For(contract, world));

        foreach (var route in routes)
        {
            var endpoint = contract.Direct(route["route"]!.ToString())!.Endpoint;
            var sample = route["sample"]!.AsObject();
            if (endpoint.Doc.Sample is null)
            {
                route["sampleSource"]!.ToString().ShouldBe("world");
                sample.Select(p => p.Key).ShouldBe(endpoint.Input.Select(f => f.Name));
            }
            else
            {
                route["sampleSource"]!.ToString().ShouldBe("doc");
                JsonNode.DeepEquals(sample, Core.Docs.DocSample.Params(endpoint)).ShouldBeTrue(route["route"]!.ToString());
                route["query"]!.ToString().ShouldNotContain("%", Case.Sensitive, "the house's query pairs are plain ASCII");
            }
        }
    }

    private static List<JsonObject> Routes(JsonObject catalog) => [.. catalog["routes"]!.AsArray().Select(r => r!.AsObject())];
}
