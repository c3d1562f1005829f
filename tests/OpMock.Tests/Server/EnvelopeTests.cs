using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Core.Server;

namespace OpMock.Tests.Server;

public sealed class EnvelopeTests
{
    public static TheoryData<string, string?, string?> Bodies => new()
    {
        { "成功", """{"chatId":"u0001ab","user":{"nickName":"王小明","age":31,"vip":true,"tags":["新客","<b>&'"]}}""", null },
        { "成功", """{"list":[{"price":12.5,"big":9007199254740993,"neg":-0.0001,"e":1E+30}]}""", """{"pageNo":1,"pageSize":20,"total":1}""" },
        { "参数错误: \"quoted\"\t\\ and\u0001control", """{"field":"a\"b\\c\nd\u2028e\ud83d\ude00"}""", null },
        { "", null, null },
        { "ok", "[]", "null" },
        { "ok", "\"text\"", null },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Head_AnyData_TheBytesOfTheTextForm(string message, string? data, string? page)
    {
        // Given the data and page of an answer
        var dataNode = data is null ? null : JsonNode.Parse(data);
        var pageNode = page is null ? null : JsonNode.Parse(page);

        // When its head is written
        var head = Envelope.Head(200, message, dataNode, pageNode);

        // Then it is byte for byte what compact text with the house escaping gives (Chinese as UTF-8 text)
        var text = $"{{\"code\":200,\"message\":{OpJson.ToCompactText(JsonValue.Create(message))},\"data\":{OpJson.ToCompactText(dataNode)},\"page\":{OpJson.ToCompactText(pageNode)},\"foot\":";
        Encoding.UTF8.GetString(head).ShouldBe(text);
    }

    [Fact]
    public void Complete_AHead_IsOneJsonObjectWithTheFoot()
    {
        // Given a head
        var envelope = new Envelope(new OpMock.Core.Fixtures.Foot("400-000-0000", "op.example"), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

        // When the foot is added
        var body = JsonNode.Parse(envelope.Complete(Envelope.Head(200, "成功", new JsonObject { ["a"] = 1 })))!;

        // Then the whole is the envelope, its time in China's time zone
        body["message"]!.GetValue<string>().ShouldBe("成功");
        body["data"]!["a"]!.GetValue<int>().ShouldBe(1);
        body["foot"]!["operationTime"]!.GetValue<string>().ShouldBe("2026-12-07 18:00:00");
        body["foot"]!["host"]!.GetValue<string>().ShouldBe("op.example");
    }

    [Theory]
    [InlineData("2026-12-07T10:00:00Z")]
    [InlineData("2026-12-31T16:00:00Z")]
    [InlineData("2000-02-29T15:59:59Z")]
    [InlineData("9999-12-30T23:59:59Z")]
    public void Complete_AnyTime_TheBytesOfTheTextForm(string utc)
    {
        // Given an envelope whose foot has Chinese text, at a time (the last two cross a China day, one a leap day)
        var at = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        var envelope = new Envelope(new OpMock.Core.Fixtures.Foot("400-中文-0000", "op.example"), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(at));
        var head = Envelope.Head(200, "成功", null);

        // When the foot is added
        var body = envelope.Complete(head);

        // Then it is the text form's bytes: the time in China's zone, the foot's text as UTF-8
        var time = at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Encoding.UTF8.GetString(body).ShouldBe($"{Encoding.UTF8.GetString(head)}{{\"operationTime\":\"{time}\",\"servicePhone\":\"400-中文-0000\",\"host\":\"op.example\"}}}}");
    }
}
