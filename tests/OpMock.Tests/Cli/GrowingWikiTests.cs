using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Cli;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Tests.Support;

namespace OpMock.Tests.Cli;

/// <summary>
/// The user copies more of their wiki into the docs folder and runs the commands, with no code change in between:
/// the shipped docs (whatever they are), the wiki test docs, and two docs written here in yet another author's style.
/// </summary>
public sealed class GrowingWikiTests
{
    /// <summary>
    /// A POST route whose test URL carries no GET query at all, written with 请求地址/请求方式 labels, full-width
    /// colons, a 参数名/是否必填/描述 header and the sample body in a ```json fence.
    /// </summary>
    internal const string OnlineStatus = """
        * [Op Api接口文档](/markdown/get-op-api) > 6.1

        ## 6.1 修改OP在线状态

        ### 请求地址：
        http://120.55.94.183:8080/op/v2/setOnlineStatus

        ### 请求方式：
        POST

        ### 请求参数：
        |参数名|类型|是否必填|描述|
        |---|---|---|---|
        |staffId|String|是|OP的ID|
        |isOnline|Boolean|是|是否上线|

        ### 返回参数：
        |参数名|类型|描述|备注|
        |---|---|---|---|
        |staffId|String|OP的ID||
        |isOnline|Boolean|是否在线||
        |onlineCount|Integer|当前在线OP数||
        |updateTime|String|更新时间，格式为`yyyy-MM-dd HH:mm:ss`||

        ### 返回示例：
        ```json
        {
          "code": 200,
          "message": "成功",
          "data": {"staffId": "o0001c90a1d16c2d48a3f23b38ce5e53058a9", "isOnline": true, "onlineCount": 12, "updateTime": "2016-06-01 09:00:00"},
          "page": null,
          "foot": {"operationTime": "2016-06-01 09:00:00", "servicePhone": "400800400", "host": "op-test-02"}
        }
        ```

        ### 测试环境：

        http://120.55.94.183:8080/op/v2/setOnlineStatus

        ```json
        {"staffId":"o0001c90a1d16c2d48a3f23b38ce5e53058a9","isOnline":true}
        ```
        """;

    /// <summary>A third transfer doc, relaying to <see cref="OnlineStatus"/>.</summary>
    internal const string OnlineStatusTransfer = """
        * [Op App Api接口文档](/markdown/get-op-app) > 6.2

        ## 6.2 修改OP在线状态(中转)

        ### 请求地址：
        http://120.55.94.183:8086/opapp/transfer

        ### 请求方式：
        POST

        ### 请求参数：
        |参数名|类型|是否必填|描述|
        |---|---|---|---|
        |reqUrl|String|是|请求的url|
        |staffId|String|是|OP的ID|
        |isOnline|Boolean|是|是否上线|

        ### 返回参数：

        参见[OP Api 修改OP在线状态](/markdown/get-op-api/6.1.txt)

        ### 测试环境：

        http://120.55.94.183:8086/opapp/transfer

        ```json
        {"reqUrl":"/op/v2/setOnlineStatus","staffId":"o0001c90a1d16c2d48a3f23b38ce5e53058a9","isOnline":false}
        ```
        """;

    /// <summary>The routes the added docs document; the test's own, so it may name them.</summary>
    private static readonly string[] AddedRoutes = ["/op/v2/getUserDetail", "/op/v2/getChatPage", "/op/v2/getChatMessages", "/op/v2/setOnlineStatus"];

    [Fact]
    public async Task SchemasAndLint_ShippedDocsPlusNewDocs_WriteEverySchemaAndFindNoErrors()
    {
        // Given a copy of the shipped docs with the wiki docs and two more added
        using var temp = new TempFolder();
        var docs = Wiki(temp);
        var output = Path.Combine(temp.Path, "json");

        // When schemas are generated, checked and the docs linted
        var schemas = await Support.Cli.RunAsync("schemas", "--docs", docs, "--out", output);
        var check = await Support.Cli.RunAsync("schemas", "--docs", docs, "--out", output, "--check");
        var lint = await Support.Cli.RunAsync("lint", "--docs", docs);

        // Then every doc has its request and response schema, in sync, and lint finds no error (warnings allowed)
        schemas.ExitCode.ShouldBe(0, schemas.Out + schemas.Error);
        foreach (var id in TestDocs.Files(docs, "*.txt").Select(f => f[..^".txt".Length]))
        {
            File.Exists(Path.Combine(output, id + ".request.schema.json")).ShouldBeTrue(id);
            File.Exists(Path.Combine(output, id + ".response.schema.json")).ShouldBeTrue(id);
        }

        check.ExitCode.ShouldBe(0, check.Out + check.Error);
        lint.ExitCode.ShouldBe(0, lint.Out + lint.Error);
        lint.Out.ShouldContain($"{TestDocs.Count(docs)} docs, 0 errors, ");
    }

    [Fact]
    public async Task ServeAndValidate_ShippedDocsPlusNewDocs_AnswerEveryRouteValidly()
    {
        // Given the grown docs, their schemas as `opmock schemas` writes them, and `opmock serve` on free ports
        using var temp = new TempFolder();
        var docs = Wiki(temp);
        var output = Path.Combine(temp.Path, "json");
        (await Support.Cli.RunAsync("schemas", "--docs", docs, "--out", output)).ExitCode.ShouldBe(0);
        var asks = DocSamples.For(await ApiContract.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml")));
        AddedRoutes.ShouldBeSubsetOf(asks.Where(a => a.ReqUrl is null).Select(a => a.Route));
        new[] { "/op/v2/getUserDetail", "/op/v2/setOnlineStatus" }.ShouldBeSubsetOf(asks.Select(a => a.ReqUrl));
        var (port, appPort) = (StubHttpServer.FreePort(), StubHttpServer.FreePort());
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var serveOut = new WatchedWriter();
        using var serveError = new StringWriter();
        var serve = OpMockCli.RunAsync(["serve", "--docs", docs, "--fixtures", TestFixtures.Base, "--port", $"{port}", "--app-port", $"{appPort}"],
            serveOut, TextWriter.Synchronized(serveError), stop.Token);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var direct = $"http://127.0.0.1:{port}";
        var app = $"http://127.0.0.1:{appPort}";
        try
        {
            // (serve's last line, printed once both ports listen)
            await serveOut.UntilAsync(text => text.Contains("serving; Ctrl-C stops", StringComparison.Ordinal), serve, TimeSpan.FromSeconds(30));

            foreach (var (ask, i) in asks.Select((a, i) => (a, i)))
            {
                // When each documented route, and each transfer doc's target through the relay, is asked its doc's sample
                using var request = ask.ToRequest(ask.ReqUrl is null ? direct : app);
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();

                // Then it answers 200 with a body the doc's written schema accepts
                response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{ask.Label}: {body}");
                var schema = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, ask.Doc + ".response.schema.json")))!.AsObject();
                (await SchemaChecker.CompileAsync(schema)).Check(body).ShouldBeEmpty($"{ask.Label}: {body}");

                // And `opmock validate` on the saved answer passes, strictly
                var saved = temp.Write($"answers/{i}.json", body);
                string[] route = ask.ReqUrl is null ? ["--route", ask.Route] : ["--route", ask.Route, "--req-url", ask.ReqUrl];
                var files = await Support.Cli.RunAsync(["validate", "--docs", docs, .. route, saved, "--strict"]);
                files.ExitCode.ShouldBe(0, $"{ask.Label}: {files.Out}{files.Error}");
            }

            // And live validation of the served mock, every direct route directly and through the relay, passes strictly
            var directRoutes = asks.Count(a => a.ReqUrl is null);
            var live = await Support.Cli.RunAsync("validate", "--docs", docs, "--base-url", direct, "--app-url", app, "--strict");
            live.ExitCode.ShouldBe(0, live.Out + live.Error);
            live.Out.ShouldEndWith($"{2 * directRoutes} responses checked, 0 failed, 0 errors, 0 warnings, 0 skipped\n");
        }
        finally
        {
            await stop.CancelAsync();
            await serve.WaitAsync(TimeSpan.FromSeconds(10));
        }

        // And Ctrl-C stops the server cleanly
        (await serve).ShouldBe(0, serveError.ToString());
    }

    /// <summary>The shipped docs (schemas/docs as they are), the wiki test docs, and the two docs above.</summary>
    private static string Wiki(TempFolder temp)
    {
        var docs = TestDocs.ShippedWithWiki(temp);
        temp.Write("docs/get-op-api/6.1.txt", OnlineStatus);
        temp.Write("docs/get-op-app/6.2.txt", OnlineStatusTransfer);
        return docs;
    }
}
