using System.Globalization;
using OpMock.Core.Docs;
using OpMock.Core.Server;
using OpMock.Core.World;

namespace OpMock.Tests.Server;

public sealed class CurlExamplesTests
{
    private static readonly WorldOptions Options = WorldOptions.Default with { Seed = 5 };

    // Another author's input table: a month, a day to the minute, a plain date, a millisecond instant, free text.
    private const string Doc = """
        ##52.4 查询排班
        ###URL:
        /op/v2/getShifts
        ###方式:
        post
        ###输入参数:
        |字段|类型|描述|可为空|备注|
        |:--|:--|:--|:--|:--|
        |staffId|String|OP的ID|否| |
        |month|String|月份|否|格式yyyy-MM|
        |bookTime|String|预约时间|是|yyyy-MM-dd HH:mm|
        |day|String|日期|是|yyyy-MM-dd|
        |note|String|备注|是| |
        ###返回数据:
        |字段|类型|描述|备注|
        |:--|:--|:--|:--|
        |count|Integer|数量| |
        """;

    [Fact]
    public void Body_DatedInputFields_AreTheWorldsTodayInTheirFormats()
    {
        var docs = DocSet.FromTexts("t", [("t/52.4.txt", Doc)]);
        docs.HasErrors.ShouldBeFalse(string.Join("\n", docs.Findings));
        var endpoint = docs.Endpoints.Single();
        var world = new OpWorld(Options, Pins.None, ExampleFacts.Read([endpoint], Options));

        var body = CurlExamples.Body(endpoint, world);

        var today = Options.Anchor.ToOffset(WorldOptions.ChinaOffset);
        body["staffId"]!.GetValue<string>().ShouldBe(world.OpId(0));
        body["month"]!.GetValue<string>().ShouldBe(today.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        body["bookTime"]!.GetValue<string>().ShouldBe(today.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        body["day"]!.GetValue<string>().ShouldBe(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        body["note"]!.GetValue<string>().ShouldBe("示例");
    }
}
