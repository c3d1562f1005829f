using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Tests.Support;

namespace OpMock.Tests.Schemas;

public sealed class ApiContractTests
{
    private static Task<ApiContract> Shipped() => ApiContract.LoadAsync(TestDocs.Base, TestDocs.BaseOverrides);

    private static ApiContract HouseContract() => ApiContract.Build(
        DocSet.FromTexts("docs", [("get-op-api/3.1.txt", HouseDocs.Orders), ("get-op-app/4.2.txt", HouseDocs.OrdersTransfer)]), []);

    private static JsonObject Node(JsonNode? node, string path) =>
        path.Split('/').Aggregate(node, (n, key) => n?[key]).ShouldBeOfType<JsonObject>();

    [Theory]
    [InlineData("get-op-api/2.19")]
    [InlineData("get-op-api/2.36")]
    [InlineData("get-op-app/2.9")]
    public async Task Build_ShippedDocExample_ValidatesAgainstItsResponseSchema(string id)
    {
        // Given the shipped docs with the decisions of overrides.yaml
        var contract = await Shipped();
        var endpoint = contract.Endpoints.Single(e => e.Endpoint.Id == id);

        // When the doc's own example is checked with NJsonSchema against its generated schema
        var checker = await SchemaChecker.CompileAsync(endpoint.Response);
        var violations = checker.Check(endpoint.Endpoint.Doc.Example!.Text);

        // Then it passes
        violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Build_ShippedDocs_HaveNoErrors()
    {
        var contract = await Shipped();

        contract.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
        contract.Endpoints.Select(e => (e.Endpoint.Method, e.Endpoint.Route)).ShouldBe(
            [("POST", "/op/v2/receives"), ("POST", "/op/v2/getChatInfoByUserId"), ("POST", "/opapp/transfer")]);
    }

    [Fact]
    public async Task Build_TransferDocLinkingToDirectDoc_SharesItsDataAndNamesItsTarget()
    {
        var contract = await Shipped();
        var transfer = contract.Endpoints.Single(e => e.Endpoint.IsTransfer);
        var direct = contract.Direct("/op/v2/getChatInfoByUserId")!;

        transfer.Endpoint.TransferTarget.ShouldBe("/op/v2/getChatInfoByUserId");
        transfer.Endpoint.ResponseSource.ShouldBe("get-op-api/2.36");
        transfer.Response["properties"]!["data"]!["properties"]!.ToJsonString()
            .ShouldBe(direct.Response["properties"]!["data"]!["properties"]!.ToJsonString());
    }

    [Fact]
    public async Task Build_Overrides_AreApplied()
    {
        var contract = await Shipped();
        var data = Node(contract.Direct("/op/v2/getChatInfoByUserId")!.Response, "properties/data/properties");

        data["createTime"]!.ToJsonString().ShouldContain("\"epoch-millis\"");
        data["clientType"]!["type"]!.ToJsonString().ShouldBe("""["integer","null"]""");
    }

    [Fact]
    public async Task Build_Envelope_IsInferredFromTheExamples()
    {
        var envelope = (await Shipped()).Envelope;

        envelope["required"]!.ToJsonString().ShouldBe("""["code","message","data","page","foot"]""");
        Node(envelope, "properties/foot/properties/operationTime")["format"]!.GetValue<string>().ShouldBe("op-datetime");
        Node(envelope, "properties/code")["type"]!.GetValue<string>().ShouldBe("integer");
        Node(envelope, "properties/page").ContainsKey("type").ShouldBeFalse();
    }

    [Fact]
    public void Build_NewHouseDoc_GivesCorrectSchemasWithoutCodeChanges()
    {
        // Given a doc written in the house format that OpMock has never seen, and a transfer doc linking to it
        var contract = HouseContract();

        // Then it reads with only the misspelled reference reported
        contract.Findings.ShouldHaveSingleItem().Message.ShouldContain("`Shpo`, which is misspelled");
        var orders = contract.Direct("/op/v2/getOrdersByUserId").ShouldNotBeNull();
        var data = Node(orders.Response, "properties/data/properties");
        data["total"]!["type"]!.ToJsonString().ShouldBe("""["integer","null"]""");
        data["orders"]!.ToJsonString().ShouldContain("""{"type":["array","null"],"items":{"$ref":"#/definitions/Order"}""");
        data["updatedAt"]!["format"]!.GetValue<string>().ShouldBe("op-datetime");
        data["shop"]!.ToJsonString().ShouldContain("#/definitions/Shop");
        data["extra"]!["type"]!.ToJsonString().ShouldBe("""["object","null"]""");
        var order = Node(orders.Response, "definitions/Order/properties");
        order.Select(p => p.Key).ShouldBe(["orderId", "amount", "paid", "payTime", "items", "count"]);
        order["amount"]!["type"]!.ToJsonString().ShouldBe("""["number","null"]""");
        order["paid"]!["type"]!.ToJsonString().ShouldBe("""["boolean","null"]""");
        order["items"]!.ToJsonString().ShouldContain("#/definitions/items");
        Node(orders.Response, "definitions/items")["description"]!.GetValue<string>().ShouldBe("商品集合");

        var request = orders.Request;
        request["required"]!.ToJsonString().ShouldBe("""["userId"]""");
        Node(request, "properties/userId")["minLength"]!.GetValue<int>().ShouldBe(1);
        Node(request, "properties/pageSize")["type"]!.ToJsonString().ShouldBe("""["integer","null"]""");

        var transfer = contract.Endpoints.Single(e => e.Endpoint.IsTransfer);
        transfer.Endpoint.TransferTarget.ShouldBe("/op/v2/getOrdersByUserId");
        transfer.Response["definitions"]!.ToJsonString().ShouldBe(orders.Response["definitions"]!.ToJsonString());
    }

    [Fact]
    public async Task Build_NewHouseDoc_ExampleValidates()
    {
        var orders = HouseContract().Direct("/op/v2/getOrdersByUserId")!;

        var checker = await SchemaChecker.CompileAsync(orders.Response);

        checker.Check(orders.Endpoint.Doc.Example!.Text).ShouldBeEmpty();
    }

    [Fact]
    public void Files_NewHouseDoc_MatchGolden()
    {
        var files = HouseContract().Files();

        files.Keys.ShouldBe([
            "envelope.schema.json",
            "get-op-api/3.1.request.schema.json", "get-op-api/3.1.response.schema.json",
            "get-op-app/4.2.request.schema.json", "get-op-app/4.2.response.schema.json"]);
        Golden.Match("house-doc/3.1.response.schema.json", files["get-op-api/3.1.response.schema.json"]);
        Golden.Match("house-doc/4.2.request.schema.json", files["get-op-app/4.2.request.schema.json"]);
    }

    [Fact]
    public async Task Files_AreDeterministicLfWithFinalNewlineAndChineseAsText()
    {
        var first = (await Shipped()).Files();
        var second = (await Shipped()).Files();

        foreach (var (path, text) in first)
        {
            text.ShouldBe(second[path]);
            text.ShouldNotContain("\r");
            text.ShouldEndWith("}\n");
            text.ShouldNotContain("\\u");
        }

        first["get-op-api/2.36.response.schema.json"].ShouldContain("获取用户最近会话信息");
    }
}
