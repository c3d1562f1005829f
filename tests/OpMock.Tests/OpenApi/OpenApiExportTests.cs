using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OpMock.Core.OpenApi;
using OpMock.Core.Schemas;
using OpMock.Tests.Support;

namespace OpMock.Tests.OpenApi;

public sealed class OpenApiExportTests
{
    [Fact]
    public async Task ToJson_ShippedDocs_ReadsBackAsOpenApi30WithoutErrorsOrWarnings()
    {
        // Given the shipped docs exported
        var json = await ShippedDocs.ExportAsync();

        // When Microsoft.OpenApi's reader reads the document back and validates it
        var (document, diagnostic) = ShippedDocs.Read(json);

        // Then it is OpenAPI 3.0, with nothing to complain about
        diagnostic.ShouldNotBeNull();
        diagnostic.SpecificationVersion.ShouldBe(OpenApiSpecVersion.OpenApi3_0);
        diagnostic.Errors.ShouldBeEmpty(string.Join("\n", diagnostic.Errors));
        diagnostic.Warnings.ShouldBeEmpty(string.Join("\n", diagnostic.Warnings));
        document.ShouldNotBeNull();
        document.Validate(ValidationRuleSet.GetDefaultRuleSet()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/op/v2/receives", "2.19 服务中会话用户列表", "GetOpApi_2_19_Request", "http://127.0.0.1:8080")]
    [InlineData("/op/v2/getChatInfoByUserId", "2.36 获取用户最近会话信息", "GetOpApi_2_36_Request", "http://127.0.0.1:8080")]
    [InlineData("/opapp/transfer", "中转：按 reqUrl 转发到直连接口", null, "http://127.0.0.1:8086")]
    public async Task ToJson_ShippedDocs_EveryRouteHasItsChineseSummaryBodyAndServer(string route, string summary, string? requestComponent, string server)
    {
        // Given the shipped docs exported and read back
        var (document, _) = ShippedDocs.Read(await ShippedDocs.ExportAsync());

        // When the route's operation is looked up
        var path = document!.Paths[route];
        var operation = path.Operations![HttpMethod.Post];

        // Then it carries the doc's Chinese title, its request body and the port it is served on
        operation.Summary.ShouldBe(summary);
        var body = operation.RequestBody!.Content!["application/json"].Schema;
        if (requestComponent is not null)
        {
            body.ShouldBeOfType<OpenApiSchemaReference>().Reference.Id.ShouldBe(requestComponent);
        }

        operation.Responses!["200"].Content!["application/json"].Schema.ShouldNotBeNull();
        path.Servers!.Single().Url.ShouldBe(server);
    }

    [Fact]
    public async Task ToJson_ShippedDocs_ListsExactlyTheDocumentedRoutes()
    {
        var (document, _) = ShippedDocs.Read(await ShippedDocs.ExportAsync());

        document!.Paths.Keys.ShouldBe(["/op/v2/receives", "/op/v2/getChatInfoByUserId", "/opapp/transfer"]);
        document.Servers!.Select(s => s.Url).ShouldBe(["http://127.0.0.1:8080", "http://127.0.0.1:8086"]);
    }

    [Fact]
    public async Task ToJson_NullableField_BecomesNullableTrue()
    {
        // Given 2.36, whose operatorId is {"type": ["string", "null"]} in its JSON Schema
        var json = await ShippedDocs.ExportAsync();

        // When the exported JSON and the document read back are inspected
        var operatorId = JsonNode.Parse(json)!["components"]!["schemas"]!["GetOpApi_2_36_Data"]!["properties"]!["operatorId"]!;
        var (document, _) = ShippedDocs.Read(json);
        var read = document!.Components!.Schemas!["GetOpApi_2_36_Response"].Properties!["data"].Properties!["operatorId"];

        // Then 3.0 says it the 3.0 way: one type and nullable, never a type list
        operatorId["type"]!.GetValue<string>().ShouldBe("string");
        operatorId["nullable"]!.GetValue<bool>().ShouldBeTrue();
        read.Type.ShouldBe(JsonSchemaType.String | JsonSchemaType.Null);
        json.ShouldNotContain("\"null\"");
    }

    [Fact]
    public async Task ToJson_NullableSection_IsAllOfTheSectionsNullableCopy()
    {
        // Given 2.36's user: {"anyOf": [{"$ref": "#/definitions/User"}, {"type": "null"}]}
        var json = await ShippedDocs.ExportAsync();

        // When it is read from the export
        var schemas = JsonNode.Parse(json)!["components"]!["schemas"]!;
        var user = schemas["GetOpApi_2_36_Data"]!["properties"]!["user"]!;
        var copy = schemas["GetOpApi_2_36_User_OrNull"]!;

        // Then it points at a copy of the section whose type lets null through, a form Prism and 3.0.3 read alike
        user["allOf"]!.AsArray().Single()!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/GetOpApi_2_36_User_OrNull");
        user["description"]!.GetValue<string>().ShouldBe("用户相关信息 详细信息参考`User`");
        copy["type"]!.GetValue<string>().ShouldBe("object");
        copy["nullable"]!.GetValue<bool>().ShouldBeTrue();
        copy["properties"]!["userId"].ShouldNotBeNull();
    }

    [Fact]
    public async Task ToJson_SectionsOfARelayedResponse_AreListedOnceUnderTheDocDefiningThem()
    {
        var (document, _) = ShippedDocs.Read(await ShippedDocs.ExportAsync());

        // 2.9's response is 2.36's: its sections are 2.36's components, not copies
        // (sections met only as nullable are listed in their nullable form only)
        document!.Components!.Schemas!.Keys.ShouldBe(
        [
            "GetOpApi_2_19_chats", "GetOpApi_2_19_Request", "GetOpApi_2_19_Response",
            "GetOpApi_2_36_Address", "GetOpApi_2_36_Channel_OrNull", "GetOpApi_2_36_Client_OrNull", "GetOpApi_2_36_Contact",
            "GetOpApi_2_36_Location_OrNull", "GetOpApi_2_36_Request", "GetOpApi_2_36_Response", "GetOpApi_2_36_User_OrNull",
            "GetOpApp_2_9_Request", "GetOpApp_2_9_Response", "Transfer_GetOpApi_2_19_Request",
            "GetOpApi_2_19_Data", "GetOpApi_2_19_Data_OrNull", "GetOpApi_2_19_BusinessError",
            "GetOpApi_2_36_Data", "GetOpApi_2_36_Data_OrNull", "GetOpApi_2_36_BusinessError",
            "OpMockError", "OpMockBusinessError",
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task ToJson_TransferRoute_IsOneBodyPerDirectRoutePickedByReqUrl()
    {
        // Given the shipped docs: 2.9 relays to /op/v2/getChatInfoByUserId; /op/v2/receives has no transfer doc
        var json = await ShippedDocs.ExportAsync();

        // When the transfer operation's body is read
        var body = JsonNode.Parse(json)!["paths"]!["/opapp/transfer"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var schemas = JsonNode.Parse(json)!["components"]!["schemas"]!;

        // Then every direct route has its variant, the transfer doc's own where there is one, each naming its reqUrl
        body["oneOf"]!.AsArray().Select(s => s!["$ref"]!.GetValue<string>())
            .ShouldBe(["#/components/schemas/Transfer_GetOpApi_2_19_Request", "#/components/schemas/GetOpApp_2_9_Request"]);
        body["discriminator"]!["propertyName"]!.GetValue<string>().ShouldBe("reqUrl");
        body["discriminator"]!["mapping"]!["/op/v2/getChatInfoByUserId"]!.GetValue<string>().ShouldBe("#/components/schemas/GetOpApp_2_9_Request");
        body["discriminator"]!["mapping"]!["/op/v2/receives"]!.GetValue<string>().ShouldBe("#/components/schemas/Transfer_GetOpApi_2_19_Request");
        schemas["GetOpApp_2_9_Request"]!["properties"]!["reqUrl"]!["enum"]!.AsArray().Single()!.GetValue<string>().ShouldBe("/op/v2/getChatInfoByUserId");
        var receives = schemas["Transfer_GetOpApi_2_19_Request"]!;
        receives["properties"]!["reqUrl"]!["enum"]!.AsArray().Single()!.GetValue<string>().ShouldBe("/op/v2/receives");
        receives["properties"]!["staffId"].ShouldNotBeNull();
        receives["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["reqUrl"]);
        receives["title"]!.GetValue<string>().ShouldBe("中转 → 2.19 服务中会话用户列表");
    }

    [Fact]
    public async Task ToJson_ShippedDocs_IsStableUtf8TextWithLfAndFinalNewline()
    {
        // Given the shipped docs exported twice
        var first = await ShippedDocs.ExportAsync();
        var second = await ShippedDocs.ExportAsync();

        // Then the bytes agree, Chinese is text, and lines end in LF with one final newline
        second.ShouldBe(first);
        first.ShouldContain("获取用户最近会话信息");
        first.ShouldNotContain("\\u");
        first.ShouldNotContain("\r");
        first.ShouldEndWith("}\n");
    }

    [Fact]
    public async Task ToJson_ShippedDocs_MatchesTheGoldenFile()
    {
        Golden.Match("openapi.json", await ShippedDocs.ExportAsync());
    }

    [Fact]
    public async Task ToJson_GetDoc_HasItsInputsInTheQueryAndNoBody()
    {
        // Given a doc like 2.36 but read with GET
        var json = await ShippedDocs.ExportWithAsync(("get-op-api/3.1.txt", ShippedDocs.Doc236As("/op/v2/getThing", "get")));

        // When it is read back
        var (document, diagnostic) = ShippedDocs.Read(json);
        var operation = document!.Paths["/op/v2/getThing"].Operations![HttpMethod.Get];

        // Then its input fields are query parameters, as tools send a GET, and the document is still clean
        diagnostic!.Errors.ShouldBeEmpty();
        operation.RequestBody.ShouldBeNull();
        var userId = operation.Parameters!.Where(p => p.In == ParameterLocation.Query).ShouldHaveSingleItem();
        (userId.Name, userId.In, userId.Required, userId.Description).ShouldBe(("userId", ParameterLocation.Query, true, "用户ID"));
    }

    [Theory]
    [InlineData("minScore", "null", 200)]
    [InlineData("minScore", "", 200)]
    [InlineData("minScore", "4", 200)]
    [InlineData("keyword", "null", 200)]
    [InlineData("minScore", "many", 400)]
    public async Task ToJson_NullableQueryField_SaysHowNullIsWrittenAndTheServerReadsItSo(string name, string value, int status)
    {
        // Given a GET doc with a nullable int (minScore) and a nullable text (keyword), exported
        var json = JsonNode.Parse(OpenApiExport.ToJson(OpenApiExport.Build(await ApiContract.LoadAsync(TestDocs.OpenApi, null))))!;
        var parameters = json["paths"]!["/op/v2/getFeedbackList"]!["get"]!["parameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);

        // Then the number may be null and says how a query writes it; the text has no null in a query and says so
        parameters["minScore"]!["schema"]!["nullable"]!.GetValue<bool>().ShouldBeTrue();
        parameters["minScore"]!["description"]!.GetValue<string>().ShouldContain("`minScore=null` 或 `minScore=`");
        parameters["keyword"]!["schema"]!["nullable"].ShouldBeNull();
        parameters["keyword"]!["description"]!.GetValue<string>().ShouldContain("不传即为空");

        // And the server of the same doc answers as stated
        await using var host = await MockHost.StartAloneAsync(TestDocs.OpenApi);
        using var response = await host.Client.GetAsync($"{host.Server.DirectUrl}/op/v2/getFeedbackList?staffId=o0003a71e5c2b9d48f6a0c3b7e1d2f4a5b6c7&{name}={value}");
        ((int)response.StatusCode).ShouldBe(status, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ToJson_EveryOperation_ListsTheSessionAndScenarioHeadersAsOptional()
    {
        // Given the shipped docs plus a GET doc, exported and read back
        var json = await ShippedDocs.ExportWithAsync(("get-op-api/3.1.txt", ShippedDocs.Doc236As("/op/v2/getThing", "get")));
        var (document, _) = ShippedDocs.Read(json);

        // When every operation's header parameters are read
        var operations = document!.Paths.Values.SelectMany(p => p.Operations!.Values).ToList();

        // Then each has X-OpMock-Session and X-OpMock-Scenario, optional, so typed clients can send them
        operations.Count.ShouldBeGreaterThan(3);
        foreach (var operation in operations)
        {
            var headers = operation.Parameters!.Where(p => p.In == ParameterLocation.Header).ToList();
            headers.Select(h => h.Name).ShouldBe(["X-OpMock-Session", "X-OpMock-Scenario"]);
            headers.ShouldAllBe(h => h.Required == false);
        }
    }

    [Fact]
    public async Task ToJson_DocIdsGivingTheSameName_GetDistinctNames()
    {
        // Given a second doc whose id reads the same once made a name (get_op_api/2.36 beside get-op-api/2.36)
        var json = await ShippedDocs.ExportWithAsync(("get_op_api/2.36.txt", ShippedDocs.Doc236As("/op/v2/other", "post")));

        // When it is read back
        var (document, diagnostic) = ShippedDocs.Read(json);

        // Then operations and components stay unique (identical sections shared), and the document clean
        diagnostic!.Errors.ShouldBeEmpty();
        document.ShouldNotBeNull();
        document.Validate(ValidationRuleSet.GetDefaultRuleSet()).ShouldBeEmpty();
        document.Paths.Values.SelectMany(p => p.Operations!.Values).Select(o => o.OperationId)
            .ShouldBe(["GetOpApi_2_19", "GetOpApi_2_36", "GetOpApi_2_36_2", "Transfer"], ignoreOrder: true);
        document.Components!.Schemas!.Keys.ShouldContain("GetOpApi_2_36_Response_2");
        document.Components.Schemas.Keys.ShouldNotContain("GetOpApi_2_36_User_2"); // same sections, listed once
    }
}
