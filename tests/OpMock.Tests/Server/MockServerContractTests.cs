using System.Net;
using System.Text.Json.Nodes;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

public sealed class MockServerContractTests
{
    internal const string NewDoc = """
        * [Op Api接口文档](/markdown/get-op-api) > 3.1

        ##3.1 OP订单列表

        ###URL:
        /op/v2/orderList
        ###方式:
        post

        ###输入参数:
        |字段 |类型 |描述 |可为空 |备注 |
        |:----|:----|:----|:----|:----|
        |staffId|String|OP的ID|否| |
        |pageNo|Integer|页码|是| |

        ###返回数据:
        |字段 |类型 |描述 |备注 |
        |:----|:----|:----|:----|
        |orders|List|订单集合|详见`Order`|
        |totalCount|Integer|订单总数| |
        |updateTime|String|更新时间,格式为`yyyy-MM-dd HH:mm:ss`| |

        #Order
        |字段 |类型 |描述 |备注 |
        |:----|:----|:----|:----|
        |orderId|String|订单ID| |
        |userId|String|用户ID| |
        |userName|String|用户姓名| |
        |phone|String|手机号| |
        |address|String|地址| |
        |amount|Double|金额| |
        |createTime|Long|下单时间| |
        |lat|Double|纬度| |
        |lng|Double|经度| |
        |logo|String|商户logo| |
        |tags|List|标签| |
        |itemCount|Integer|商品数| |
        |isPaid|Boolean|是否已付款| |

        ###返回json格式示例：
        ```
        {"code": 200, "message": "成功", "data": null, "page": null, "foot": {"operationTime": "2016-03-08 17:32:45", "servicePhone": "400800400", "host": "ldx-pc"}}
        ```
        """;

    [Fact]
    public async Task NewDoc_DroppedIntoTheDocsFolder_IsServedValidOnBothRoutes()
    {
        // Given the shipped docs plus a new doc nobody wrote code for
        using var temp = new TempFolder();
        var docs = temp.CopyShippedDocs();
        temp.Write("docs/get-op-api/3.1.txt", NewDoc);
        await using var host = await MockHost.StartAsync(docs: docs, overrides: Path.Combine(temp.Path, "overrides.yaml"));
        var contract = host.Server.Engine.State.Contract;
        var checker = await SchemaChecker.CompileAsync(contract.Direct("/op/v2/orderList")!.Response);

        // When it is asked directly and through the transfer, for an OP of the world that has orders: the orders are a
        // kind the docs describe (their items name a user, the list is asked by an OP), and an unknown OP has none.
        var world = host.Server.Engine.State.Data.World;
        var op = Enumerable.Range(0, 50).Select(world.OpId).First(o => world.ThingsOf(world.Kinds.Named("order")!, o).Count > 0);
        using var direct = await host.PostDirectAsync("/op/v2/orderList", $$"""{"staffId":"{{op}}","pageNo":1}""");
        using var transfer = await host.PostTransferAsync($$"""{"reqUrl":"/op/v2/orderList","staffId":"{{op}}","pageNo":1}""");

        // Then both answer the same valid, realistic data
        direct.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await direct.Content.ReadAsStringAsync();
        checker.Check(body).ShouldBeEmpty();
        MockHost.SameImageHost(await transfer.Content.ReadAsStringAsync()).ShouldBe(MockHost.SameImageHost(body));
        var order = JsonNode.Parse(body)!["data"]!["orders"]![0]!;
        order["phone"]!.GetValue<string>().ShouldMatch(@"^1[3-9]\d{9}$");
        order["userId"]!.GetValue<string>().ShouldMatch("^u0001[0-9a-f]{32}$");
        order["lat"]!.GetValue<double>().ShouldBeInRange(18.0, 54.0);
        order["createTime"]!.GetValue<long>().ShouldBeGreaterThan(1_600_000_000_000);
        JsonNode.Parse(body)!["data"]!["updateTime"]!.GetValue<string>().ShouldMatch(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$");
    }

    [Fact]
    public async Task ManyResponses_AcrossRoutesAndSeeds_AllValidateAgainstTheGeneratedSchemas()
    {
        var contract = await ApiContract.LoadAsync(TestDocs.Base, TestDocs.BaseOverrides);
        var chatInfo = await SchemaChecker.CompileAsync(contract.Direct("/op/v2/getChatInfoByUserId")!.Response);
        var receives = await SchemaChecker.CompileAsync(contract.Direct("/op/v2/receives")!.Response);
        var transfer = await SchemaChecker.CompileAsync(contract.Endpoints.Single(e => e.Endpoint.IsTransfer).Response);
        var checkedCount = 0;
        foreach (var seed in new[] { 1, 42, 20160308 })
        {
            // Given a server per seed
            await using var host = await MockHost.StartAsync(seed: seed);
            var world = host.Server.Engine.State.Data.World;
            for (var i = 0; i < 150; i++)
            {
                // When users and OPs are asked on every route
                var userId = world.UserId(i * 13);
                var info = await (await host.PostDirectAsync("/op/v2/getChatInfoByUserId", $$"""{"userId":"{{userId}}"}""")).Content.ReadAsStringAsync();
                var relayed = await (await host.PostTransferAsync($$"""{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"{{userId}}"}""")).Content.ReadAsStringAsync();
                var list = await (await host.PostDirectAsync("/op/v2/receives", $$"""{"staffId":"{{world.OpId(i % 50)}}"}""")).Content.ReadAsStringAsync();

                // Then every answer validates against its schema
                chatInfo.Check(info).ShouldBeEmpty(info);
                transfer.Check(relayed).ShouldBeEmpty(relayed);
                receives.Check(list).ShouldBeEmpty(list);
                checkedCount += 3;
            }
        }

        checkedCount.ShouldBeGreaterThanOrEqualTo(1000);
    }

    [Fact]
    public async Task TwoServers_SameSeed_AnswerIdentically()
    {
        // Given two servers started with one seed
        await using var first = await MockHost.StartAsync(seed: 7);
        await using var second = await MockHost.StartAsync(seed: 7);
        await using var other = await MockHost.StartAsync(seed: 8);
        var differs = 0;
        for (var i = 0; i < 40; i++)
        {
            var body = $$"""{"userId":"{{first.Server.Engine.State.Data.World.UserId(i)}}"}""";

            // When each is asked the same
            var a = await (await first.PostDirectAsync("/op/v2/getChatInfoByUserId", body)).Content.ReadAsStringAsync();
            var b = await (await second.PostDirectAsync("/op/v2/getChatInfoByUserId", body)).Content.ReadAsStringAsync();
            var c = await (await other.PostDirectAsync("/op/v2/getChatInfoByUserId", body)).Content.ReadAsStringAsync();

            // Then the answers are byte-identical (images linked on each server's port), and another seed makes another world
            MockHost.SameImageHost(b).ShouldBe(MockHost.SameImageHost(a));
            differs += a == c ? 0 : 1;
        }

        differs.ShouldBe(40);
    }

    [Fact]
    public async Task Admin_WithCredentials_RequiresThem()
    {
        // Given admin credentials
        await using var host = await MockHost.StartAsync(adminUsername: "ops", adminPassword: "secret");

        // When the admin API is asked without them, then it refuses
        using var anonymous = await host.Client.GetAsync(host.Server.DirectUrl + "/__admin/mappings");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // And with them it answers
        using var request = new HttpRequestMessage(HttpMethod.Get, host.Server.DirectUrl + "/__admin/mappings");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("ops:secret"u8.ToArray()));
        using var authorized = await host.Client.SendAsync(request);
        authorized.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RequestLog_ManyRequests_StaysBounded()
    {
        // Given a server whose request log keeps 5 entries
        await using var host = await MockHost.StartAsync(new OpMock.Core.Server.MockServerOptions(
            TestDocs.Base, TestDocs.BaseOverrides, TestFixtures.Base, Port: 0, AppPort: 0, MaxRequestLogCount: 5));

        // When 30 requests are made
        for (var i = 0; i < 30; i++)
        {
            using var _ = await host.PostDirectAsync("/op/v2/getChatInfoByUserId", $$"""{"userId":"u0001{{i}}"}""");
        }

        // Then the admin API holds no more than 5
        var log = JsonNode.Parse(await host.Client.GetStringAsync(host.Server.DirectUrl + "/__admin/requests"))!.AsArray();
        log.Count.ShouldBeInRange(1, 5);
    }
}
