using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OpMock.Core.OpenApi;
using OpMock.Core.Schemas;
using OpMock.Tests.Support;

namespace OpMock.Tests.OpenApi;

/// <summary>What a client really gets, described: the error envelope, business errors, and one transfer body per route.</summary>
public sealed class OpenApiContractTests
{
    /// <summary>The shipped docs plus the test wiki (5.1, 5.2, 5.3 and the transfer doc 5.9 relaying to 5.1).</summary>
    private static async Task<string> ExportWikiAsync()
    {
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        var wiki = Path.Combine(Repo.Root, "tests", "OpMock.Tests", "TestDocs", "wiki");
        foreach (var file in Directory.EnumerateFiles(wiki, "*.txt", SearchOption.AllDirectories))
        {
            temp.Write(Path.Combine("docs", Path.GetRelativePath(wiki, file)), File.ReadAllText(file));
        }

        var contract = await ApiContract.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml"));
        return OpenApiExport.ToJson(OpenApiExport.Build(contract));
    }

    [Fact]
    public async Task ToJson_Wiki_ReadsBackWithoutErrorsOrWarnings()
    {
        var (document, diagnostic) = ShippedDocs.Read(await ExportWikiAsync());

        diagnostic!.Errors.ShouldBeEmpty(string.Join("\n", diagnostic.Errors));
        diagnostic.Warnings.ShouldBeEmpty(string.Join("\n", diagnostic.Warnings));
        document!.Validate(ValidationRuleSet.GetDefaultRuleSet()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ToJson_Wiki_EveryOperationDescribesTheHouseErrorsAndBusinessErrors()
    {
        // Given the export of a wiki with several docs
        var json = JsonNode.Parse(await ExportWikiAsync())!;

        // When every operation's responses are read
        var operations = json["paths"]!.AsObject().Select(p => (Route: p.Key, Operation: p.Value!["post"]!)).ToList();

        // Then each lists 400, 404, 405 and 500 as the error envelope, and its 200 may be a business error
        operations.Count.ShouldBeGreaterThan(3);
        foreach (var (route, operation) in operations)
        {
            var responses = operation["responses"]!.AsObject();
            responses.Select(r => r.Key).ShouldBe(["200", "400", "404", "405", "500"], ignoreOrder: true, route);
            foreach (var status in new[] { "400", "404", "405", "500" })
            {
                responses[status]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/OpMockError", route);
            }

            var success = responses["200"]!["content"]!["application/json"]!["schema"]!["anyOf"]!.AsArray().Select(s => s!["$ref"]!.GetValue<string>()).ToList();
            // The route's own business error: its data typed as the route's, nullable, and never an object (the
            // transfer's 200 is many routes' data: its business error is the shared one, data an enum of null)
            if (route == Routes.TransferRoute)
            {
                success.Last().ShouldBe("#/components/schemas/OpMockBusinessError", route);
                continue;
            }

            success.Last().ShouldEndWith("_BusinessError", Case.Sensitive, route);
            var business = json["components"]!["schemas"]![success.Last().Split('/')[^1]]!["properties"]!["data"]!;
            business["not"]!["type"]!.GetValue<string>().ShouldBe("object", route);
            business["allOf"]![0]!["$ref"]!.GetValue<string>().ShouldEndWith("_Data_OrNull", Case.Sensitive, route);
            success.Count.ShouldBeGreaterThan(1, route);
        }
    }

    [Fact]
    public async Task ToJson_BusinessError_IsCodeOtherThan200AndDataNull()
    {
        var schemas = JsonNode.Parse(await ShippedDocs.ExportAsync())!["components"]!["schemas"]!;

        var business = schemas["OpMockBusinessError"]!;
        var error = schemas["OpMockError"]!;

        // The envelope's five fields, required; code never 200; data only null (an enum of null alone, no object type
        // a typed client would read as `{}`)
        business["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["code", "message", "data", "page", "foot"]);
        business["properties"]!["code"]!["not"]!["enum"]!.AsArray().Single()!.GetValue<int>().ShouldBe(200);
        var data = business["properties"]!["data"]!.AsObject();
        data["enum"]!.AsArray().ShouldBe([null]);
        data.Select(p => p.Key).ShouldBe(["enum", "description"], ignoreOrder: true);
        business["properties"]!["foot"]!["required"]!.AsArray().Count.ShouldBe(3);
        // The error envelope's data names the field, or the known routes or scenarios
        error["properties"]!["data"]!["properties"]!.AsObject().Select(p => p.Key).ShouldBe(["field", "expected", "actual", "knownRoutes", "scenarios"]);
        error["properties"]!["data"]!["nullable"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task ToJson_Wiki_TransferHasOneVariantPerDirectRouteWithTheTransferDocsTitles()
    {
        // Given the wiki: 5.9 relays to 5.1's route, 2.9 to 2.36's; the others have no transfer doc
        var json = JsonNode.Parse(await ExportWikiAsync())!;
        var schemas = json["components"]!["schemas"]!;
        var direct = json["paths"]!.AsObject().Select(p => p.Key).Where(r => r != "/opapp/transfer").ToList();

        // When the transfer body's variants are read
        var body = json["paths"]!["/opapp/transfer"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var variants = body["oneOf"]!.AsArray().Select(v => schemas[v!["$ref"]!.GetValue<string>().Split('/')[^1]]!).ToList();
        var reqUrls = variants.Select(v => v["properties"]!["reqUrl"]!["enum"]!.AsArray().Single()!.GetValue<string>()).ToList();

        // Then there is exactly one per direct route, reqUrl required, the mapping agreeing
        reqUrls.ShouldBe(direct, ignoreOrder: true);
        variants.ShouldAllBe(v => v["required"]!.AsArray().Any(r => r!.GetValue<string>() == "reqUrl"));
        body["discriminator"]!["mapping"]!.AsObject().Select(m => m.Key).ShouldBe(direct, ignoreOrder: true);
        var byRoute = reqUrls.Zip(variants).ToDictionary(p => p.First, p => p.Second["title"]!.GetValue<string>());
        byRoute.Values.ShouldContain(t => t.Contains("(中转)") || t.Contains("中转"));
        byRoute.Values.Where(t => t.StartsWith("中转 → ", StringComparison.Ordinal)).Count().ShouldBe(direct.Count - 2);
    }

    [Fact]
    public async Task ToJson_SectionMetBothNullableAndAsListItems_KeepsBothForms()
    {
        // Given a doc like 2.36 whose User is also the item of a list (friends)
        var doc = ShippedDocs.Doc236As("/op/v2/getThing", "post").Replace(
            "|user|Object|用户相关信息|详细信息参考`User` |",
            "|user|Object|用户相关信息|详细信息参考`User` |\n|friends|List<Object>|好友|详细信息参考`User` |",
            StringComparison.Ordinal);
        var json = JsonNode.Parse(await ShippedDocs.ExportWithAsync(("get-op-api/3.1.txt", doc)))!;

        // When its data's fields are read
        var schemas = json["components"]!["schemas"]!;
        var data = schemas["GetOpApi_3_1_Data"]!["properties"]!;

        // Then the list's items are the plain section and the field the nullable copy, both listed
        data["friends"]!["items"]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/GetOpApi_3_1_User");
        data["user"]!["allOf"]![0]!["$ref"]!.GetValue<string>().ShouldBe("#/components/schemas/GetOpApi_3_1_User_OrNull");
        schemas["GetOpApi_3_1_User"]!["nullable"].ShouldBeNull();
        schemas["GetOpApi_3_1_User_OrNull"]!["nullable"]!.GetValue<bool>().ShouldBeTrue();
    }
}
