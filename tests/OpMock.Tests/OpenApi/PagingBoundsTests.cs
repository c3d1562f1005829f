using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.OpenApi;
using OpMock.Core.Schemas;
using OpMock.Tests.Support;

namespace OpMock.Tests.OpenApi;

/// <summary>pageNo and pageSize in the export carry the bounds and defaults the server pages by, and the server keeps them.</summary>
public sealed class PagingBoundsTests
{
    private static async Task<JsonNode> ExportAsync() =>
        JsonNode.Parse(OpenApiExport.ToJson(OpenApiExport.Build(await ApiContract.LoadAsync(TestDocs.OpenApi, null))))!;

    /// <summary>A paging field's schema in the export: a GET doc's query parameter, or a property of a POST doc's body.</summary>
    private static JsonObject Field(JsonNode export, string route, string name)
    {
        var item = export["paths"]![route]!.AsObject();
        if (item["get"] is { } get)
        {
            return get["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!["schema"]!.AsObject();
        }

        var body = item["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>().Split('/')[^1];
        return export["components"]!["schemas"]![body]!["properties"]![name]!.AsObject();
    }

    [Theory]
    // 6.1: int fields, 默认15，最大30 — the doc's default and maximum
    [InlineData("/op/v2/getFeedbackList", "pageNo", 1, 2147483647L, 1, "int32")]
    [InlineData("/op/v2/getFeedbackList", "pageSize", 1, 30L, 15, "int32")]
    // 6.3: a Long pageNo goes to Long's end; a pageSize without default or maximum: 20, up to int's end
    [InlineData("/op/v2/listFeedbackReplies", "pageNo", 1, 9223372036854775807L, 1, "int64")]
    [InlineData("/op/v2/listFeedbackReplies", "pageSize", 1, 2147483647L, 20, "int32")]
    public async Task Apply_PagingDoc_FieldsCarryMinimumMaximumAndDefaultAsServed(string route, string name, long minimum, long maximum, long fallback, string format)
    {
        // Given the export of docs that page
        var field = Field(await ExportAsync(), route, name);

        // Then the field says where pages start, how far they go and what a missing one is
        (field["minimum"]!.GetValue<long>(), field["maximum"]!.GetValue<long>(), field["default"]!.GetValue<long>(), field["format"]!.GetValue<string>())
            .ShouldBe((minimum, maximum, fallback, format));
    }

    [Fact]
    public async Task Apply_TransferBody_CarriesTheRoutesBoundsToo()
    {
        // Given the transfer variant relaying to 6.3 (no transfer doc: reqUrl and 6.3's params)
        var export = await ExportAsync();
        var variant = export["components"]!["schemas"]!["Transfer_OpFeedbackApi_6_3_Request"]!["properties"]!;

        // Then its paging fields are bounded as the direct route's
        variant["pageSize"]!["default"]!.GetValue<int>().ShouldBe(20);
        variant["pageNo"]!["minimum"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Apply_PageFieldsOfADocThatDoesNotPage_StayAsWritten()
    {
        // Given the shipped docs, whose pageNo-less routes do not page, and 6.2 (no page in its example)
        var export = await ExportAsync();
        var detail = export["components"]!["schemas"]!["OpFeedbackApi_6_2_Request"]!["properties"]!.AsObject();

        // Then nothing is added to a doc that does not page
        detail.Select(p => p.Key).ShouldBe(["feedbackId"]);
        detail["feedbackId"]!["minimum"].ShouldBeNull();
    }

    [Theory]
    [InlineData("/op/v2/getFeedbackList", "pageNo")]
    [InlineData("/op/v2/getFeedbackList", "pageSize")]
    [InlineData("/op/v2/listFeedbackReplies", "pageNo")]
    [InlineData("/op/v2/listFeedbackReplies", "pageSize")]
    public async Task Apply_EachBound_IsWhereTheServerStartsRefusing(string route, string name)
    {
        // Given the export's bounds for the field and a server of the same docs
        var field = Field(await ExportAsync(), route, name);
        var (minimum, maximum) = (field["minimum"]!.GetValue<long>(), field["maximum"]!.GetValue<decimal>());
        await using var host = await MockHost.StartAloneAsync(TestDocs.OpenApi);

        // When the field is sent at and past each bound, and left out
        async Task<(int Status, JsonObject Body)> SendAsync(decimal? value)
        {
            var text = value?.ToString(CultureInfo.InvariantCulture);
            using var response = route.EndsWith("List", StringComparison.Ordinal)
                ? await host.Client.GetAsync($"{host.Server.DirectUrl}{route}?staffId=o0003a71e5c2b9d48f6a0c3b7e1d2f4a5b6c7" + (text is null ? "" : $"&{name}={text}"))
                : await host.PostDirectAsync(route, "{\"feedbackId\":880012345678" + (text is null ? "" : $",\"{name}\":{text}") + "}");
            return ((int)response.StatusCode, await MockHost.JsonAsync(response));
        }

        // Then inside the bounds is a page, outside is the house 400 naming the field
        (await SendAsync(minimum)).Status.ShouldBe(200);
        (await SendAsync(maximum)).Status.ShouldBe(200);
        foreach (var outside in new[] { minimum - 1, maximum + 1 })
        {
            var (status, body) = await SendAsync(outside);
            status.ShouldBe(400, $"{name}={outside}");
            body["message"]!.GetValue<string>().ShouldContain(name);
        }

        // And a missing field is its default
        var (_, page) = await SendAsync(null);
        page["page"]![name]!.GetValue<long>().ShouldBe(field["default"]!.GetValue<long>());
    }
}
