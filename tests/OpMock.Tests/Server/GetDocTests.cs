using System.Text.Json.Nodes;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

/// <summary>A doc whose 方式 is get: its route answers GET with its params in the query, as its sample URL sends them.</summary>
public sealed class GetDocTests : IAsyncLifetime
{
    private const string Route = "/op/v2/getOpStatus";
    private const string StaffId = "o0001ae5932cc8c8684d6d01f8ee2b56715dc";

    private const string Doc = """
        ##7.1 查询OP在线状态
        ###URL:
        http://120.55.94.183:8080/op/v2/getOpStatus
        ###方式:
        get
        ###输入参数:
        |字段|类型|描述|可为空|备注|
        |:----|:----|:----|:----|:----|
        |staffId|String|OP的ID|否| |
        |withName|Boolean|是否返回姓名|是| |
        |days|Integer|统计天数|是|1~30|

        ###返回数据:
        |字段|类型|描述|备注|
        |:----|:----|:----|:----|
        |staffId|String|OP的ID| |
        |name|String|OP姓名| |
        |isOnline|Boolean|是否在线| |

        ###返回json格式示例：
        ```
        {"code": 200, "message": "成功", "data": {"staffId": "o0001ae5932cc8c8684d6d01f8ee2b56715dc", "name": "周晓东", "isOnline": true},
         "page": null, "foot": {"operationTime": "2016-04-02 10:20:00", "servicePhone": "400800400", "host": "op-test-01"}}
        ```

        ####测试环境：

        http://120.55.94.183:8080/op/v2/getOpStatus?apiVersion=01&staffId=o0001ae5932cc8c8684d6d01f8ee2b56715dc&token=o0001ae5932cc8c8684d6d01f8ee2b56715dc
        """;

    private readonly TempFolder temp = new();
    private MockHost host = null!;
    private string docs = null!;

    public async Task InitializeAsync()
    {
        docs = temp.CopyShippedDocs();
        temp.Write(Path.Combine("docs", "get-op-api", "7.1.txt"), Doc);
        host = await MockHost.StartAsync(docs: docs, overrides: Path.Combine(temp.Path, "overrides.yaml"));
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task Get_SampleQuery_AnswersTheDocsExample()
    {
        // When the doc's sample URL is asked with GET, its params in the query
        using var response = await host.Client.GetAsync($"{host.Server.DirectUrl}{Route}?apiVersion=01&staffId={StaffId}&token=t1");

        // Then the answer is the documented example's data
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var data = (await MockHost.JsonAsync(response))["data"]!;
        OpMock.Core.Json.OpJson.ToCompactText(data).ShouldBe("""{"staffId":"o0001ae5932cc8c8684d6d01f8ee2b56715dc","name":"周晓东","isOnline":true}""");
    }

    [Fact]
    public async Task Get_AnotherOp_EchoesItsIdAndTypesTheQuery()
    {
        // When another OP is asked, with typed params written as query text
        using var response = await host.Client.GetAsync($"{host.Server.DirectUrl}{Route}?staffId=o0001c90a1d16c2d48a3f23b38ce5e53058a9&withName=true&days=7");

        // Then the requested id comes back
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await MockHost.JsonAsync(response))["data"]!["staffId"]!.GetValue<string>().ShouldBe("o0001c90a1d16c2d48a3f23b38ce5e53058a9");
    }

    [Theory]
    [InlineData("withName=true", "staffId")]
    [InlineData("staffId=o0001x&days=99", "days")]
    [InlineData("staffId=o0001x&days=abc", "days")]
    [InlineData("staffId=o0001x&withName=yes", "withName")]
    public async Task Get_QueryBreaksTheRequestSchema_IsA400NamingTheField(string query, string field)
    {
        // When a param is missing, out of its range or not of its type
        using var response = await host.Client.GetAsync($"{host.Server.DirectUrl}{Route}?{query}");

        // Then the house error envelope names it
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await MockHost.JsonAsync(response))["data"]!["field"]!.GetValue<string>().ShouldBe(field);
    }

    [Fact]
    public async Task Post_ToAGetDoc_Is405NamingTheDocumentedMethod()
    {
        // When the GET route is POSTed to
        using var response = await host.PostDirectAsync(Route, $$"""{"staffId":"{{StaffId}}"}""");

        // Then the answer says which method the doc documents
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.MethodNotAllowed);
        (await MockHost.JsonAsync(response))["message"]!.GetValue<string>().ShouldContain($"{Route} takes GET, not POST");
    }

    [Fact]
    public async Task ValidateLive_AgainstTheMock_SendsTheGetDocsSampleAndPasses()
    {
        // When live mode replays every doc's sample, the GET doc's in its query
        var result = await Support.Cli.RunAsync("validate", "--docs", docs, "--base-url", host.Server.DirectUrl, "--strict");

        // Then every answer passes
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        result.Out.ShouldContain($"{Route}: 1 response checked, all passed");
    }

    [Fact]
    public async Task CurlExamples_GetDoc_IsAGetWithItsParamsInTheQueryThatAnswers200()
    {
        // Given the curl serve prints for the GET route
        var curl = OpMock.Core.Server.CurlExamples.For(host.Server).Single(c => c.Route == Route).Curl;
        curl.ShouldStartWith($"curl -s '{host.Server.DirectUrl}{Route}?staffId=");

        // When it is run (loopback only)
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", curl]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        // Then the mock answers it with its data
        JsonNode.Parse(output)!["code"]!.GetValue<int>().ShouldBe(200, output);
    }

    [Fact]
    public async Task ValidateCases_AgainstTheMock_GetDocsCasesTravelInTheQueryAndPass()
    {
        // When generated cases run against every route, the GET doc's in its query, directly and through the relay
        var result = await Support.Cli.RunAsync("validate", "--docs", docs, "--base-url", host.Server.DirectUrl, "--app-url", host.Server.AppUrl,
            "--cases", "30", "--format", "json");

        // Then every case passes, valid and invalid alike, and the GET doc's cases were GETs with no body
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        var cases = JsonNode.Parse(result.Out)!["responses"]!.AsArray().Select(r => r!.AsObject())
            .Where(r => r["route"]!.GetValue<string>() == Route).ToList();
        cases.Count.ShouldBe(30);
        cases.ShouldAllBe(c => c["source"]!.GetValue<string>().StartsWith("GET ", StringComparison.Ordinal));
        cases.Select(c => c["case"]!["kind"]!.GetValue<string>()).Distinct().ShouldContain("invalid");
        cases.ShouldAllBe(c => !c["curl"]!.GetValue<string>().Contains("--data-binary", StringComparison.Ordinal));
    }
}
