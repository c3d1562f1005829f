using System.Text.Json.Nodes;
using OpMock.Core.Schemas;
using OpMock.Core.Server;
using OpMock.Core.World;
using OpMock.Core.World.Kinds;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Kinds;

public sealed class KindDiscoveryTests
{
    [Fact]
    public async Task Discover_TicketAndReplyDocs_FindsBothKindsWithTheirRoutes()
    {
        var table = await DiscoverAsync(TestDocs.BaseWithKinds);

        table.Discovered.Select(r => r.Name).ShouldBe(["reply", "ticket"]);
        table.Named("ticket")!.Routes.ShouldBe(["/op/v2/createTicket", "/op/v2/deleteTicket", "/op/v2/getStaffTickets", "/op/v2/getTicketDetail", "/op/v2/updateTicket"], ignoreOrder: true);
        table.Named("ticket")!.Source.ShouldStartWith("get-op-api/9.");
        table.Named("reply")!.Routes.ShouldBe(["/op/v2/getQuickReplies", "/op/v2/addQuickReply", "/op/v2/deleteQuickReply"], ignoreOrder: true);
    }

    [Fact]
    public async Task Discover_TicketDocs_HandlerWithTheListsWordsIsTheOwner()
    {
        var ticket = (await DiscoverAsync(TestDocs.BaseWithKinds)).Named("ticket")!;

        // 9.1 asks by staffId 处理人OP的ID: the handler, not the update's 操作人 staffId.
        ticket.Owner!.Field.ShouldBe("handlerId");
        ticket.Owner.Target.ShouldBe(EntityKind.Op);
        ticket.RelationOf("handlerId")!.Beside["handlerName"].ShouldBe(Attr.Name);
        ticket.RelationOf("userId")!.Target.ShouldBe(EntityKind.User);
        ticket.RelationOf("userId")!.Beside["userName"].ShouldBe(Attr.UserName);
        ticket.StartField.ShouldBe("createTime");
        ticket.Attributes.ShouldContain("logs", "a history list is an attribute too");
        ticket.Attributes.ShouldContain("remark", "an update's fields are the kind's");
    }

    [Fact]
    public async Task Discover_RepliesListedByAnOpTheyDoNotShow_OwnerIsTheListsField()
    {
        var reply = (await DiscoverAsync(TestDocs.BaseWithKinds)).Named("reply")!;

        reply.Owner!.Field.ShouldBe("staffId");
        reply.Owner.Target.ShouldBe(EntityKind.Op);
    }

    [Theory]
    [InlineData("ticket", "GD", "yyyyMMdd", 4)]
    [InlineData("reply", "r", "", 4)]
    [InlineData("coupon", "", "", 6)]
    [InlineData("card", "MC", "yyyyMMdd", 3)]
    [InlineData("evaluation", "PJ", "yyyyMMdd", 4)]
    public async Task Discover_ExampleIds_ShapeTheKindsIds(string kind, string prefix, string date, int digits)
    {
        var shape = (await DiscoverAsync(TestDocs.BaseWithKindsAndItems)).Named(kind)!.Shape;

        (shape.Prefix, shape.DateFormat, shape.Digits).ShouldBe((prefix, date, digits));
    }

    [Theory]
    [InlineData("coupon", "userId", "User", "/op/v2/getUserCouponList")]
    [InlineData("card", "holderId", "User", "/op/v2/getMemberCards")]
    [InlineData("evaluation", "staffId", "Op", "/op/v2/getStaffEvaluations")]
    public async Task Discover_IdOnlyInItemsThatNameWhoseTheyAre_IsAKindListedByTheRequestsEntity(string kind, string owner, string target, string route)
    {
        var row = (await DiscoverAsync(TestDocs.BaseWithKindsAndItems)).Named(kind).ShouldNotBeNull();

        row.Owner!.Field.ShouldBe(owner);
        row.Owner.Target.ShouldBe(Enum.Parse<EntityKind>(target));
        row.Routes.ShouldBe([route]);
    }

    [Fact]
    public async Task Discover_SecondIdOfAnObjectNamingAnotherKind_IsARelationToThatKind()
    {
        var table = await DiscoverAsync(TestDocs.BaseWithKindsAndItems);
        var order = table.Named("order").ShouldNotBeNull();
        var evaluation = table.Named("evaluation")!;

        // An evaluation shows its own evaluationId, then the order it is about: a relation, not an object of the order's.
        evaluation.RelationOf("orderId")!.Target.ShouldBe(order.Kind);
        order.Routes.ShouldBe(["/op/v2/getUserServiceOrders", "/op/v2/getServiceOrderDetail"], ignoreOrder: true);
        order.Attributes.ShouldNotContain("score");
        order.Owner!.Field.ShouldBe("userId");
        // An evaluation is made when it is written: its start is its evaluateTime, so its PJ id carries that day.
        evaluation.StartField.ShouldBe("evaluateTime");
    }

    [Theory]
    [InlineData("base")]
    [InlineData("actions")]
    [InlineData("lists")]
    [InlineData("wiki")]
    public async Task Discover_DocsOfTheBuiltInKindsOnly_FindsNoOtherKind(string folder)
    {
        var table = await DiscoverAsync(temp => folder switch
        {
            "actions" => TestDocs.BaseWithActions(temp),
            "lists" => TestDocs.BaseWithLists(temp),
            "wiki" => TestDocs.BaseWithWiki(temp),
            _ => TestDocs.Base,
        });

        table.Discovered.ShouldBeEmpty();
        table.ShouldBeSameAs(KindTable.BuiltIn);
    }

    [Fact]
    public async Task Discover_AddedDocFolder_FindsItsKindAndServesItWithNoCodeChange()
    {
        using var temp = new TempFolder();
        var docs = TestDocs.BaseWithKinds(temp);
        // A third author: 请求地址/请求参数/返回参数 labels with full-width colons, a 参数名|类型|必填|说明 header, coupons of a user.
        temp.Write("docs/get-op-api/9.9.txt", Coupons);
        temp.Write("docs/get-op-api/9.10.txt", CouponDetail);
        var state = await MockState.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml"), fixtures: null, seed: null);
        var world = state.Data.World;

        var coupon = world.Kinds.Named("coupon");
        coupon.ShouldNotBeNull();
        coupon.Owner!.Target.ShouldBe(EntityKind.User);
        var user = Enumerable.Range(0, 100).Select(world.UserId).First(u => state.Data.For(state.Direct("/op/v2/getUserCoupons")!.Endpoint, new JsonObject { ["userId"] = u }, null).Data["coupons"]!.AsArray().Count > 0);
        var listed = state.Data.For(state.Direct("/op/v2/getUserCoupons")!.Endpoint, new JsonObject { ["userId"] = user }, null).Data["coupons"]!.AsArray();
        foreach (var item in listed.Select(c => c!.AsObject()))
        {
            item["userId"]!.GetValue<string>().ShouldBe(user);
            item["couponId"]!.GetValue<string>().ShouldStartWith("CP");
            var detail = state.Data.For(state.Direct("/op/v2/getCouponDetail")!.Endpoint, new JsonObject { ["couponId"] = item["couponId"]!.GetValue<string>() }, null).Data;
            foreach (var (name, value) in item)
            {
                JsonNode.DeepEquals(detail[name], value).ShouldBeTrue(name);
            }
        }
    }

    private static async Task<KindTable> DiscoverAsync(Func<TempFolder, string> docs)
    {
        using var temp = new TempFolder();
        var contract = await ApiContract.LoadAsync(docs(temp), null);
        return KindDiscovery.Discover(contract.Endpoints.Select(e => e.Endpoint));
    }

    // The coupon's fields, as both docs list them (the list's items, the detail's answer).
    private const string CouponFields = """
        | 参数名 | 类型 | 必填 | 说明 | 备注 |
        |:---|:---|:---|:---|:---|
        | couponId | string | 是 | 券号 | |
        | userId | string | 是 | 用户ID | |
        | amount | number | 是 | 面额(元) | |
        | validUntil | string | 是 | 有效期至 | yyyy-MM-dd |
        """;

    private const string Coupon = """{"couponId": "CP100233", "userId": "u0001d68d5da979194a4b831097de49db3dd2", "amount": 20.00, "validUntil": "2016-06-30"}""";

    private const string Foot = """ "page": null, "foot": {"operationTime": "2016-03-09 17:00:00", "servicePhone": "400800400", "host": "op-test-01"}""";

    private const string Coupons = $$"""
        * [Op Api接口文档](/markdown/get-op-api) > 9.9

        ## 9.9 用户的优惠券
        ### 请求地址：
        http://120.55.94.183:8080/op/v2/getUserCoupons

        ### 请求方式：
        POST

        ### 请求参数：
        | 参数名 | 类型 | 必填 | 说明 | 备注 |
        |:---|:---|:---|:---|:---|
        | userId | string | 是 | 用户ID | |

        ### 返回参数：
        | 参数名 | 类型 | 必填 | 说明 | 备注 |
        |:---|:---|:---|:---|:---|
        | coupons | List<Coupon> | 是 | 优惠券 | |

        #Coupon
        {{CouponFields}}

        ### 返回示例：
        ```
        {"code": 200, "message": "成功", "data": {"coupons": [{{Coupon}}]}, {{Foot}}}
        ```
        """;

    private const string CouponDetail = $$"""
        * [Op Api接口文档](/markdown/get-op-api) > 9.10

        ## 9.10 优惠券详情
        ### 请求地址：
        http://120.55.94.183:8080/op/v2/getCouponDetail

        ### 请求方式：
        POST

        ### 请求参数：
        | 参数名 | 类型 | 必填 | 说明 | 备注 |
        |:---|:---|:---|:---|:---|
        | couponId | string | 是 | 券号 | |

        ### 返回参数：
        {{CouponFields}}

        ### 返回示例：
        ```
        {"code": 200, "message": "成功", "data": {{Coupon}}, {{Foot}}}
        ```
        """;
}
