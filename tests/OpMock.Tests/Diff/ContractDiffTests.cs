using OpMock.Core.Diff;
using OpMock.Core.Docs;
using OpMock.Core.Schemas;
using OpMock.Tests.Support;

namespace OpMock.Tests.Diff;

public sealed class ContractDiffTests
{
    private const string Base = "in:|staffId|String|OP的ID|否 | |\nout:|recordId|String|记录ID||";

    /// <summary>One row per change kind: a doc before, the same doc after one edit, the kind and severity expected.</summary>
    [Theory]
    [InlineData("none", Base, "RouteAdded", "safe")]
    [InlineData(Base, "none", "RouteRemoved", "breaking")]
    [InlineData(Base, Base + "\nurl:/op/v2/getServiceRecordList", "UrlChanged", "breaking")]
    [InlineData(Base, Base + "\nmethod:GET", "MethodChanged", "breaking")]
    [InlineData(Base, Base + "\nin:|shopId|String|店铺ID|否 | |", "RequestFieldAddedRequired", "breaking")]
    [InlineData(Base, Base + "\nin:|shopId|String|店铺ID|是 | |", "RequestFieldAddedOptional", "safe")]
    [InlineData(Base + "\nin:|shopId|String|店铺ID|是 | |", Base, "RequestFieldRemoved", "potentially-breaking")]
    [InlineData(Base + "\nin:|shopId|String|店铺ID|是 | |", Base + "\nin:|shopId|String|店铺ID|否 | |", "RequestFieldMadeRequired", "breaking")]
    [InlineData(Base + "\nin:|shopId|String|店铺ID|否 | |", Base + "\nin:|shopId|String|店铺ID|是 | |", "RequestFieldMadeOptional", "safe")]
    [InlineData(Base + "\nin:|state|int|状态|是 | |", Base + "\nin:|state|String|状态|是 | |", "RequestTypeChanged", "breaking")]
    [InlineData(Base + "\nin:|pageSize|int|每页条数|是 |最大50|", Base + "\nin:|pageSize|int|每页条数|是 |最大20|", "RequestConstraintNarrowed", "breaking")]
    [InlineData(Base + "\nin:|state|int|状态|是 |1-待处理 2-处理中 3-已完成|", Base + "\nin:|state|int|状态|是 |1-待处理 2-处理中|", "RequestConstraintNarrowed", "breaking")]
    [InlineData(Base + "\nin:|beginDate|String|开始日期|是 | |", Base + "\nin:|beginDate|String|开始日期|是 |格式为`yyyy-MM-dd`|", "RequestConstraintNarrowed", "breaking")]
    [InlineData(Base + "\nin:|pageSize|int|每页条数|是 |最大20|", Base + "\nin:|pageSize|int|每页条数|是 |最大50|", "RequestConstraintWidened", "safe")]
    [InlineData(Base + "\nin:|state|int|状态|是 |1-待处理 2-处理中|", Base + "\nin:|state|int|状态|是 |1-待处理 2-处理中 3-已完成|", "RequestConstraintWidened", "safe")]
    [InlineData(Base + "\nin:|pageSize|int|每页条数|是 |默认20|", Base + "\nin:|pageSize|int|每页条数|是 |默认10|", "DefaultChanged", "potentially-breaking")]
    [InlineData(Base, Base + "\nout:|remark|String|备注||", "ResponseFieldAdded", "safe")]
    [InlineData(Base + "\nout:|remark|String|备注||", Base, "ResponseFieldRemoved", "breaking")]
    [InlineData(Base + "\nout:|realName|String|真实姓名||", Base + "\nout:|fullName|String|真实姓名||", "ResponseFieldRenamed", "breaking")]
    [InlineData(Base + "\nout:|amount|int|金额||", Base + "\nout:|amount|String|金额||", "ResponseTypeChanged", "breaking")]
    [InlineData(Base + "\nout:|amount|int|金额||\nnullable:amount=false", Base + "\nout:|amount|int|金额||", "ResponseMadeNullable", "breaking")]
    [InlineData(Base + "\nout:|amount|int|金额||", Base + "\nout:|amount|int|金额||\nnullable:amount=false", "ResponseMadeNotNullable", "safe")]
    [InlineData(Base + "\nout:|amount|int|金额||", Base + "\nout:|amount|int|金额||\nrequired:amount=false", "ResponseMadeOptional", "breaking")]
    [InlineData(Base + "\nout:|amount|int|金额||\nrequired:amount=false", Base + "\nout:|amount|int|金额||", "ResponseMadeRequired", "safe")]
    [InlineData(Base + "\nout:|gender|int|性别|0-未知 1-男 2-女|", Base + "\nout:|gender|int|性别|0-未知 1-男 2-女 3-保密|", "ResponseConstraintWidened", "potentially-breaking")]
    [InlineData(Base + "\nout:|score|int|评分|0~5|", Base + "\nout:|score|int|评分|0~10|", "ResponseConstraintWidened", "potentially-breaking")]
    [InlineData(Base + "\nout:|gender|int|性别|0-未知 1-男 2-女|", Base + "\nout:|gender|int|性别|1-男 2-女|", "ResponseConstraintNarrowed", "safe")]
    [InlineData(Base + "\nout:|visitDate|String|到访日期|格式为`yyyy-MM-dd`|", Base + "\nout:|visitDate|String|到访日期|格式为`yyyy-MM-dd HH:mm:ss`|", "ResponseFormatChanged", "breaking")]
    [InlineData(Base + "\nout:|remark|String|备注||", Base + "\nout:|remark|String|服务备注||", "DescriptionChanged", "safe")]
    [InlineData(Base + "\nitem:|price|int|价格||", Base + "\nitem:|price|Number|价格||", "ResponseTypeChanged", "breaking")]
    public void Compare_OneEdit_ReportsItsKindAndSeverity(string before, string after, string kind, string severity)
    {
        // Given a doc and the same doc with one edit
        // When the two contracts are compared
        var changes = ContractDiff.Compare(DiffDocs.Contract(before), DiffDocs.Contract(after));

        // Then exactly that change is reported, with the severity the table gives it
        changes.Select(c => c.Kind.ToString()).ShouldBe([kind]);
        ChangeRules.Name(changes[0].Severity).ShouldBe(severity);
    }

    [Fact]
    public void Compare_SectionFieldRetyped_NamesItsPathAtDepth()
    {
        // Given a list of items whose price changes type
        var before = DiffDocs.Contract(Base + "\nitem:|price|int|价格||");
        var after = DiffDocs.Contract(Base + "\nitem:|price|Number|价格||");

        // When compared
        var change = ContractDiff.Compare(before, after).ShouldHaveSingleItem();

        // Then the change names the response path through the list, before and after
        change.ShouldBe(new Change("/op/v2/getServiceRecords", "response", "data.items[].price", ChangeKind.ResponseTypeChanged, "integer", "number", DiffDocs.DocPath));
    }

    [Fact]
    public void Compare_ObjectRemoved_ReportsTheObjectNotEachField()
    {
        // Given a response whose list of items is dropped
        var before = DiffDocs.Contract(Base + "\nitem:|price|int|价格||\nitem:|name|String|名称||");
        var after = DiffDocs.Contract(Base);

        // When compared
        var changes = ContractDiff.Compare(before, after);

        // Then one change says so: the fields under it went with it
        changes.ShouldHaveSingleItem().Path.ShouldBe("data.items");
    }

    public static TheoryData<string, Func<string, string>> Noise => new()
    {
        { "response rows reordered", doc => doc.Replace("|points|Integer|积分||\n", "").Replace("|memberId|String|会员ID||\n|realName", "|memberId|String|会员ID||\n|points|Integer|积分||\n|realName") },
        { "whitespace in cells and between lines", doc => doc.Replace("|memberId|String|会员ID|否 | |", "|  memberId |  String  | 会员ID   |否| |").Replace("###返回数据:", "\n\n###返回数据:  ") },
        { "a Markdown comment", doc => doc.Replace("###返回数据:", "<!-- 2016-06: 字段顺序按APP展示调整 -->\n\n###返回数据:") },
        { "a row added to the version history", doc => doc.Replace("|01 |2016-04-11 |基础版 |林雨欣 |", "|01 |2016-04-11 |基础版 |林雨欣 |\n|02 |2016-07-01 |补充说明 |林雨欣 |") },
        { "the section renamed", doc => doc.Replace("List<MemberTag>", "List<Tag>").Replace("详见`MemberTag`", "详见`Tag`").Replace("#MemberTag", "#Tag") },
        { "types spelt another way", doc => doc.Replace("|String|", "|string|").Replace("|gender|Integer|", "|gender|int|") },
        { "the example rewritten", doc => doc.Replace("\"realName\": \"林雨欣\"", "\"realName\": \"周子墨\"") },
    };

    [Theory]
    [MemberData(nameof(Noise))]
    public void Compare_EditThatPromisesNothingNew_ReportsNothing(string edit, Func<string, string> change)
    {
        // Given a doc of the base folder, and the same doc after an edit that changes no promise
        var text = File.ReadAllText(Path.Combine(DiffDocs.Before, "get-op-api", "9.1.txt"));
        var edited = change(text);
        edited.ShouldNotBe(text, edit);

        // When the two are compared
        var changes = ContractDiff.Compare(Read(text), Read(edited));

        // Then nothing is reported
        changes.ShouldBeEmpty(edit);
    }

    [Fact]
    public async Task Compare_TargetOfATransferChanged_ReportsItUnderTheTransferToo()
    {
        // Given the diff folders: 9.9 relays to 9.1, whose response renamed realName
        var changes = ContractDiff.Compare(await DiffDocs.LoadAsync(DiffDocs.Before), await DiffDocs.LoadAsync(DiffDocs.After));

        // When the transfer's changes are picked out
        var transfer = changes.Where(c => c.Route == "/opapp/transfer → /op/v2/getMemberProfile").ToList();

        // Then the relayed response's changes show there, with the transfer doc named
        transfer.ShouldContain(c => c.Kind == ChangeKind.ResponseFieldRenamed && c.Path == "data.realName" && c.After == "data.fullName");
        transfer.ShouldAllBe(c => c.Doc == "get-op-app/9.9.txt");
    }

    [Fact]
    public async Task Compare_TransferRelaysToAnotherRoute_IsBreaking()
    {
        // Given the transfer doc 9.9 made to relay to 9.2 instead of 9.1
        using var temp = new TempFolder();
        foreach (var file in TestDocs.Files(DiffDocs.Before))
        {
            temp.Write(Path.Combine("docs", file), File.ReadAllText(Path.Combine(DiffDocs.Before, file)));
        }

        var relay = Path.Combine(temp.Path, "docs", "get-op-app", "9.9.txt");
        File.WriteAllText(relay, File.ReadAllText(relay).Replace("get-op-api/9.1.txt", "get-op-api/9.2.txt").Replace("/op/v2/getMemberProfile", "/op/v2/getWorkOrders"));

        // When compared with the base
        var changes = ContractDiff.Compare(await DiffDocs.LoadAsync(DiffDocs.Before), await DiffDocs.LoadAsync(Path.Combine(temp.Path, "docs")));

        // Then the new target is a breaking change of the transfer doc
        var change = changes.Where(c => c.Kind == ChangeKind.TransferTargetChanged).ShouldHaveSingleItem();
        (change.Before, change.After, change.Severity).ShouldBe(("/op/v2/getMemberProfile", "/op/v2/getWorkOrders", ChangeSeverity.Breaking));
    }

    [Fact]
    public async Task Compare_TwoVersionsOfTheWiki_ListsEveryChangeOnce()
    {
        // Given the base folder and its later version (see TestDocs/diff/README.md)
        // When compared
        var changes = ContractDiff.Compare(await DiffDocs.LoadAsync(DiffDocs.Before), await DiffDocs.LoadAsync(DiffDocs.After));

        // Then the direct routes' changes are exactly those the README lists
        changes.Where(c => !c.Route.StartsWith("/opapp", StringComparison.Ordinal)).Select(c => $"{c.Route} {c.Path} {ChangeRules.Id(c.Kind)}").Order().ShouldBe(
        [
            "/op/v2/getCoupons  route-added",
            "/op/v2/getMemberProfile channel request-field-added-required",
            "/op/v2/getMemberProfile data.gender response-constraint-widened",
            "/op/v2/getMemberProfile data.realName response-field-renamed",
            "/op/v2/getMemberProfile data.tags[].tagColor response-field-added",
            "/op/v2/getMemberProfile lang request-constraint-widened",
            "/op/v2/getQuickReplies  route-removed",
            "/op/v2/getWorkOrders data.orders[].priority response-constraint-widened",
            "/op/v2/getWorkOrders pageSize default-changed",
            "/op/v2/getWorkOrders pageSize request-constraint-narrowed",
        ]);
    }

    [Fact]
    public void Compare_EnvelopeMemberDropped_ReportsItUnderTheEnvelope()
    {
        // Given two docs whose examples differ in the envelope: the later one has no foot
        const string Example = "\n###返回json格式示例：\n```\n{\"code\": 200, \"message\": \"成功\", \"data\": {\"recordId\": \"r1\"}, \"page\": null{0}}\n```\n";
        var before = ApiContract.Build(DocSet.FromTexts("docs", [(DiffDocs.DocPath, Doc() + Example.Replace("{0}", ", \"foot\": {\"host\": \"op-test-01\"}"))]), []);
        var after = ApiContract.Build(DocSet.FromTexts("docs", [(DiffDocs.DocPath, Doc() + Example.Replace("{0}", ""))]), []);

        // When compared
        var change = ContractDiff.Compare(before, after).ShouldHaveSingleItem();

        // Then the envelope lost a member, which breaks every route's response
        (change.Route, change.Path, change.Kind).ShouldBe((ContractDiff.EnvelopeRoute, "foot", ChangeKind.ResponseFieldRemoved));

        static string Doc() => "##9.50 查询服务记录\n###URL:\n/op/v2/getServiceRecords\n###方式:\npost\n###返回数据:\n|字段|类型|描述|\n|:--|:--|:--|\n|recordId|String|记录ID|\n";
    }

    private static ApiContract Read(string text) => ApiContract.Build(DocSet.FromTexts("docs", [("get-op-api/9.1.txt", text)]), []);
}
