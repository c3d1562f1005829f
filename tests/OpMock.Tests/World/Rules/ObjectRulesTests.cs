using System.Collections.Immutable;
using OpMock.Core.Docs;
using OpMock.Core.World;
using OpMock.Core.World.Rules;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Rules;

/// <summary>Which rules an object follows, found from its fields' names and structure alone: the rule table.</summary>
public sealed class ObjectRulesTests
{
    [Theory]
    [InlineData("Op", "amount:BigDecimal items:List", "quantity:Integer price:BigDecimal", "SumRule { Field = 0, List = 1, Item = price, Quantity = quantity, Money = True }")]
    [InlineData("User", "totalAmount:BigDecimal orders:List", "orderId:String amount:BigDecimal", "SumRule { Field = 0, List = 1, Item = amount, Quantity = , Money = True }")]
    [InlineData("User", "amount:Double orders:List", "sku:String price:Double", "SumRule { Field = 0, List = 1, Item = price, Quantity = , Money = True }")]
    [InlineData("User", "totalQuantity:Integer items:List", "quantity:Integer", "SumRule { Field = 0, List = 1, Item = quantity, Quantity = , Money = False }")]
    [InlineData("User", "total:Long orders:List", "orderId:String", "CountRule { Field = 0, List = 1 }")]
    [InlineData("None", "totalCount:Integer records:List", "id:String", "CountRule { Field = 0, List = 1 }")]
    [InlineData("User", "itemCount:Integer tags:List items:List", "name:String", "CountRule { Field = 0, List = 2 }")]
    [InlineData("Op", "servingCount:Integer maxServing:Integer", "", "ServedRule { Field = 0 }|MaxRule { Field = 1, Current = 0 }")]
    [InlineData("User", "servingCount:Integer", "", "")]
    [InlineData("None", "subtotal:Double quantity:Integer unitPrice:Double", "", "ProductRule { Field = 0, Quantity = 1, Price = 2 }")]
    [InlineData("User", "addresses:List", "address:String isDefault:Boolean", "DefaultRule { List = 0, Flag = isDefault }")]
    [InlineData("None", "address:String lat:Double lng:Double", "", "GeoRule { Address = 0, Lat = 1, Lng = 2 }")]
    [InlineData("User", "birthday:String age:Integer", "", "LifeRule { Birthday = 0, Age = 1 }")]
    [InlineData("None", "name:String remark:String count:Integer", "", "")]
    public void For_ObjectFields_FollowTheRulesTheirNamesGive(string kind, string fields, string items, string expected)
    {
        // Given an object with these fields, whose lists' items have those
        var (endpoint, docFields) = Shape(fields, items);
        var plans = docFields.Select(f => new FieldPlan(null, f.Name, null, false)).ToList();

        // When its rules are found
        var rules = ObjectRules.For(endpoint, Enum.Parse<EntityKind>(kind), "", docFields, plans);

        // Then they are the table's
        string.Join("|", rules.All.Select(r => r.ToString())).ShouldBe(expected);
    }

    [Theory]
    [InlineData("type:Integer:类型:1:投诉 2:售后|typeName:String:类型名称", "", "CodeNameRule")]
    [InlineData("replyCount:Integer:条数|list:List:快捷回复，按sort升序", "replyId:String:ID|sort:Integer:排序", "CountRule|OrderRule")]
    [InlineData("notices:List:通知，降序", "noticeId:String:ID|createTime:String:时间", "OrderRule")]
    [InlineData("status:Integer:状态:0:待处理 1:处理中|logs:List:处理记录", "logTime:Long:时间|operatorName:String:操作人|action:String:操作", "HistoryRule")]
    [InlineData("status:Integer:状态|logs:List:处理记录", "logTime:Long:时间|operatorName:String:操作人|action:String:操作", "")]
    [InlineData("title:String:标题|items:List:明细", "name:String:名称", "")]
    public void For_LabelsHistoriesAndOrderWords_FollowIssue25sRules(string fields, string items, string expected)
    {
        // Given an object whose fields carry doc words and hints (issue 25's rules 5–8)
        var output = RuleFields.Read(fields).Select(f => f.Type.Kind == FieldKind.List ? f with { Target = "Item" } : f).ToImmutableArray();
        var endpoint = new Endpoint(new ApiDoc { Path = "x.txt", Number = "1", Title = "t", Url = "/x", Route = "/x", Method = "POST" }, [], output,
            [new DocSection("Item", "Item", 1, RuleFields.Read(items))], "x");

        // When its rules are found
        var rules = ObjectRules.For(endpoint, EntityKind.None, "", output, [.. output.Select(f => new FieldPlan(null, f.Name, null, false))]);

        // Then they are the table's
        string.Join("|", rules.All.Select(r => r.GetType().Name)).ShouldBe(expected);
    }

    [Fact]
    public void For_WriteAnswerNamingACodeOnlyTheRequestLabels_NamesItByTheRequestsLabels()
    {
        // Given an update whose request lists handleStatus's labels and whose answer shows the code and its name unlabelled
        var input = RuleFields.Read("handleStatus:Integer:处理状态:1-处理中 2-已处理 3-已关闭");
        var output = RuleFields.Read("handleStatus:Integer:处理状态|handleStatusName:String:处理状态名称");
        var endpoint = new Endpoint(new ApiDoc { Path = "x.txt", Number = "1", Title = "t", Url = "/x", Route = "/x", Method = "POST" }, input, output, [], "x");

        // When its rules are found
        var rule = ObjectRules.For(endpoint, EntityKind.None, "", output, [.. output.Select(f => new FieldPlan(null, f.Name, null, false))]).All.OfType<CodeNameRule>().ShouldHaveSingleItem();

        // Then the name shows the request's label of the code
        CodeNames.Label(rule.Labels!, System.Text.Json.Nodes.JsonValue.Create(1)).ShouldBe("处理中");
    }

    [Theory]
    [InlineData("GD", "yyyyMMdd", 12, "IdRule { Id = 0, Shape = IdShape { Prefix = GD, DateFormat = yyyyMMdd, Digits = 4, LeadingZero = True, IsDated = True }, Time = 1 }")]
    [InlineData("r", "", 4, "IdRule { Id = 0, Shape = IdShape { Prefix = r, DateFormat = , Digits = 4, LeadingZero = False, IsDated = False }, Time = 1 }")]
    [InlineData("", "", 10, "")]
    public void For_AnIdWithAnExamplesShape_IsShapedAndDatedByItsCreationTime(string prefix, string date, int length, string expected)
    {
        var (endpoint, fields) = Shape("ticketId:String createTime:Long", "");
        var kind = prefix.Length == 0 ? ShapeKind.Digits : ShapeKind.PrefixedDigits;
        var plans = fields.Select((f, k) => new FieldPlan(null, f.Name, null, false)
        {
            Value = k == 0 ? new ValuePlan(ValueKind.None) { Shape = new ValueShape(kind, prefix, length, DateFormat: date) } : ValuePlan.None,
        }).ToList();

        var rules = ObjectRules.For(endpoint, EntityKind.None, "", fields, plans);

        string.Join("|", rules.All.OfType<IdRule>().Select(r => r.ToString().Replace(", Times = System.Collections.Immutable.ImmutableArray`1[System.Int32]", "", StringComparison.Ordinal))).ShouldBe(expected);
    }

    [Fact]
    public void For_TimesAndADuration_AreOneTimelineInStageOrder()
    {
        var (endpoint, fields) = Shape("finishTime:String createTime:String duration:Integer payTime:String title:String", "");

        var rules = ObjectRules.For(endpoint, EntityKind.Chat, "", fields, [.. fields.Select(f => new FieldPlan(null, f.Name, null, false))]);

        var timeline = rules.All.ShouldHaveSingleItem().ShouldBeOfType<TimelineRule>();
        timeline.Staged.ShouldBe([(1, 0), (3, 1), (0, 4)]);
        timeline.Spans.ShouldBe([2]);
    }

    [Fact]
    public void For_ValuesTheWorldGives_NeedNoRule()
    {
        // Given an object whose numbers and times are all attributes of its entity (a chat's createTime and location)
        var (endpoint, fields) = Shape("createTime:String address:String lat:Double lng:Double", "");
        var plans = fields.Select(f => new FieldPlan(WorldMap.Attribute(EntityKind.Chat, f.Name), f.Name, null, false)).ToList();

        // Then no rule runs for it: the request path costs what it did
        ObjectRules.For(endpoint, EntityKind.Chat, "", fields, plans).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task For_TheFrozenShippedDocs_AddNoRuleToAnyObject()
    {
        // Given the shipped docs as frozen for the tests (2.19, 2.36): every value they show is the world's
        var contract = await OpMock.Core.Schemas.ApiContract.LoadAsync(TestDocs.Base, TestDocs.BaseOverrides);
        foreach (var endpoint in contract.Endpoints.Select(e => e.Endpoint).Where(e => !e.IsTransfer))
        {
            // Then none of their objects has a rule to apply, at any depth
            var plan = EndpointPlan.Build(endpoint, null);
            foreach (var kind in Enum.GetValues<EntityKind>())
            {
                Objects(plan.Top(kind)).ShouldAllBe(o => o.Rules.IsEmpty, endpoint.Id);
            }
        }
    }

    private static IEnumerable<ObjectPlan> Objects(ObjectPlan plan) =>
        plan.Fields.Where(f => f.Child is not null).SelectMany(f => Objects(f.Child!)).Prepend(plan);

    /// <summary>An endpoint whose output is "name:Type …", every list's items the section "Item" with "name:Type …".</summary>
    private static (Endpoint Endpoint, ImmutableArray<DocField> Fields) Shape(string fields, string items)
    {
        ImmutableArray<DocField> Read(string text) => [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((f, k) =>
            new DocField(f.Split(':')[0], TypeReader.Read(f.Split(':')[1]), "", "", null, null, true, true, k + 1) { Target = f.EndsWith(":List", StringComparison.Ordinal) ? "Item" : null })];
        var output = Read(fields);
        var endpoint = new Endpoint(new ApiDoc { Path = "x.txt", Number = "1", Title = "t", Url = "/x", Route = "/x", Method = "POST" }, [], output,
            [new DocSection("Item", "Item", 1, Read(items))], "x");
        return (endpoint, output);
    }
}
