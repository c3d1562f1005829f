using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World;
using OpMock.Core.World.Consistency;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Consistency;

/// <summary>Example instants move to the present as one block; everything else an example shows stays (issue 26.1).</summary>
public sealed class ExampleTimesTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 12, 7, 0, 0, 0, WorldOptions.ChinaOffset);

    [Fact]
    public void Offset_NewestExampleInstant_LandsOnTheDayBeforeTheAnchorAtItsTimeOfDay()
    {
        // Given two docs' examples, the newest instant 2016-03-05 21:15 China time in the second
        JsonNode?[] data =
        [
            JsonNode.Parse("""{"createTime": "2016-01-06 11:02:35", "items": [{"sendTime": "2016-02-01 08:00:00"}]}"""),
            JsonNode.Parse("""{"reviewTime": "2016-03-05 21:15:00", "expireTime": "2099-12-31 23:59:59"}"""),
        ];

        // When the offset is taken for a world anchored at 00:00 on 2026-12-07
        var offset = ExampleTimes.Offset(data, Anchor);

        // Then it is whole days and puts the newest (not the 2099 sentinel) on 2026-12-06 at 21:15, before now
        (offset.Ticks % TimeSpan.TicksPerDay).ShouldBe(0);
        ExampleTimes.Shift(data[1], offset)!["reviewTime"]!.GetValue<string>().ShouldBe("2026-12-06 21:15:00");
        ExampleTimes.Shift(data[0], offset)!["createTime"]!.GetValue<string>().ShouldBe("2026-10-08 11:02:35");
    }

    [Fact]
    public void Offset_NoInstantInAnyExample_IsZero()
    {
        ExampleTimes.Offset([JsonNode.Parse("""{"name": "空调清洗", "count": 3}"""), null], Anchor).ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("createTime", "\"2016-03-08 17:32:45\"", "\"2016-03-18 17:32:45\"")] // a date-time text anywhere
    [InlineData("remark", "\"2016-03-08 17:32:45\"", "\"2016-03-18 17:32:45\"")]
    [InlineData("payTime", "1457429565000", "1458293565000")] // epoch millis in a time-named field, still millis
    [InlineData("serviceDate", "\"2016-03-08\"", "\"2016-03-18\"")] // a day in a time-named field
    [InlineData("sendTime", "\"20160308173245\"", "\"20160318173245\"")] // a compact time in a time-named field
    [InlineData("birthday", "\"1986-04-12\"", "\"1986-04-12\"")] // a birthday is no moment of the story
    [InlineData("expireTime", "\"2099-12-31 23:59:59\"", "\"2099-12-31 23:59:59\"")] // a sentinel
    [InlineData("msgId", "\"m20160308173245001\"", "\"m20160308173245001\"")] // ids stay as documented
    [InlineData("orderId", "\"201601061102350017\"", "\"201601061102350017\"")]
    [InlineData("code", "\"20160308\"", "\"20160308\"")] // digits in a field no name calls a time
    [InlineData("amount", "1457429565000", "1457429565000")] // a number in a field no name calls a time
    [InlineData("waitTime", "120", "120")] // a length of time, not an instant
    public void Shift_ValueByFieldName_MovesOnlyInstants(string field, string example, string expected)
    {
        // Given an example value in a field, inside a list as well as directly
        var data = JsonNode.Parse($$"""{"{{field}}": {{example}}, "list": [{"{{field}}": {{example}}}]}""");

        // When it moves ten days on
        var shifted = ExampleTimes.Shift(data, TimeSpan.FromDays(10))!;

        // Then instants move in their own form and everything else stays as documented
        shifted[field]!.ToJsonString().ShouldBe(expected);
        shifted["list"]![0]![field]!.ToJsonString().ShouldBe(expected);
        data![field]!.ToJsonString().ShouldBe(example); // the doc's own example is not touched
    }

    private const string Order = "/op/v2/getServiceOrderDetail";
    private const string Review = "/op/v2/getUserReviewSummary";
    private const string OrderAsk = """{"userId":"u0001d2f1a0b9c8e7d6f5a4b3c2d1e0f9a8b7"}""";
    private const string ReviewAsk = """{"userId":"u0001a1b2c3d4e5f60718293a4b5c6d7e8f90"}""";

    public static TheoryData<bool> Ways => new() { false, true };

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Served_DocsExamples_AnswerTheirExampleMovedToThePresentAsOneBlock(bool viaTransfer)
    {
        // Given the present docs served beside the frozen shipped docs and the write docs, at 10:00 China time
        await using var host = await ActionsHost.StartAsync(moreDocs: TestDocs.Present);
        var comparison = new PresentExamples();
        foreach (var session in new[] { "a", "b" })
        {
            // When each doc's sample is sent, in two sessions
            var order = (await host.CallAsync(Order, OrderAsk, session, viaTransfer))["data"]!;
            var review = (await host.CallAsync(Review, ReviewAsk, session, viaTransfer))["data"]!;

            // Then each answers its documented example with every instant moved by one whole-day offset, the same for both docs
            var documented = Documented("26.1");
            documented["coverImg"] = order["coverImg"]!.DeepClone(); // an image is served by OpMock: ExampleImagesTests
            comparison.Matches(order, documented).ShouldBeTrue(order.ToJsonString());
            var reviewed = Documented("26.2");
            reviewed["photo"] = review["photo"]!.DeepClone();
            comparison.Matches(review, reviewed).ShouldBeTrue(review.ToJsonString());

            // And the instants moved (a birthday, a 2099 sentinel and the dated order number did not), into the recent past
            comparison.Offset.ShouldNotBeNull();
            order["birthday"]!.GetValue<string>().ShouldBe("1986-04-12");
            order["expireTime"]!.GetValue<string>().ShouldBe("2099-12-31 23:59:59");
            order["serviceOrderNo"]!.GetValue<string>().ShouldBe("SO201602191432100021");
            var reviewedAt = DateTimeOffset.ParseExact(review["reviewTime"]!.GetValue<string>() + " +08:00", "yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
            reviewedAt.ShouldBeLessThan(ActionsHost.Now);
            reviewedAt.ShouldBeGreaterThan(ActionsHost.Now.AddDays(-60));
            DateTimeOffset.FromUnixTimeMilliseconds(order["payTime"]!.GetValue<long>()).ShouldBeLessThan(ActionsHost.Now);
        }
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task Served_VerbatimFixture_KeepsTheExamplesInstantsAndImages(bool viaTransfer)
    {
        // Given a fixture keeping the examples as documented
        using var temp = new TempFolder();
        await using var host = await ActionsHost.StartAsync(fixtures: KeptExamples.Fixtures(temp), moreDocs: TestDocs.Present);
        foreach (var session in new[] { "a", "b" })
        {
            // When each doc's sample is sent, in two sessions
            var order = (await host.CallAsync(Order, OrderAsk, session, viaTransfer))["data"]!;
            var review = (await host.CallAsync(Review, ReviewAsk, session, viaTransfer))["data"]!;

            // Then each answers its example byte for byte, 2016 and the CDN's URLs included
            JsonNode.DeepEquals(order, Documented("26.1")).ShouldBeTrue(order.ToJsonString());
            JsonNode.DeepEquals(review, Documented("26.2")).ShouldBeTrue(review.ToJsonString());
        }
    }

    /// <summary>The data of a present doc's example: the code block after its 返回json格式示例 heading.</summary>
    internal static JsonObject Documented(string doc)
    {
        var lines = File.ReadAllLines(Path.Combine(TestDocs.Present, "get-op-api", doc + ".txt"));
        var heading = Array.FindIndex(lines, l => l.Contains("返回json格式示例", StringComparison.Ordinal));
        var example = lines.Skip(heading + 2).TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal));
        return JsonNode.Parse(string.Join('\n', example))!["data"]!.AsObject();
    }
}
