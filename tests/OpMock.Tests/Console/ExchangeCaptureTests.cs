using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Console;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.Console;

public sealed class ExchangeCaptureTests
{
    [Theory]
    [InlineData("""{"userId":"u1","chatId":"c1"}""", "staffId=o1", "chatId=c1 userId=u1 staffId=o1")]
    [InlineData("""{"operatorId":12345}""", "", "operatorId=12345")]
    [InlineData("""{"USERID":"u1"}""", "userId=u2", "userId=u1")]
    [InlineData("not json", "userId=u2", "userId=u2")]
    [InlineData("""{"userId":{"nested":1},"chatId":""}""", "", "")]
    public void Ids_BodyAndQuery_TheEntityIdsTheRequestNamed(string body, string query, string expected)
    {
        var ids = ExchangeCapture.Ids(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), Encoding.UTF8.GetBytes(body));

        string.Join(' ', ids.Select(i => $"{i.Key}={i.Value}")).ShouldBe(expected);
    }

    [Fact]
    public void Ids_AnIdOfBytesThatAreNotUtf8_NamesNothingAndThrowsNothing()
    {
        byte[] body = [.. "{\"userId\":\"u"u8, 0xFF, 0xFE, .. "1\",\"chatId\":\"c1\"}"u8];

        var ids = ExchangeCapture.Ids(new QueryCollection(), body);

        ids.Select(i => $"{i.Key}={i.Value}").ShouldBe(["chatId=c1"]);
    }

    [Fact]
    public async Task Record_AnsweredByTheFastPath_ExchangeWithBothBodiesAndStatus()
    {
        await using var host = await MockHost.StartAsync();
        using var client = host.Server.Feed.Subscribe(null, out _)!;

        using var answer = await host.PostDirectAsync(Routes.ChatInfo, """{"userId":"u00012b2e588bd93843168dfb67ae12cc2ee9"}""", scenario: null, query: "?token=t");
        var row = await NextAsync(client);

        row["status"]!.GetValue<int>().ShouldBe(200);
        row["app"]!.GetValue<bool>().ShouldBeFalse();
        row["path"]!.ToString().ShouldBe(Routes.ChatInfo);
        row["session"]!.ToString().ShouldBe(SessionName.Default);
        row["answeredBy"]!.ToString().ShouldBe("opmock");
        row["request"]!["body"]!.ToString().ShouldBe("""{"userId":"u00012b2e588bd93843168dfb67ae12cc2ee9"}""");
        row["response"]!["body"]!.ToString().ShouldBe(await answer.Content.ReadAsStringAsync());
        row["response"]!["headers"]!.AsArray().ShouldContain(h => h![0]!.ToString() == "Content-Type");
    }

    [Fact]
    public async Task Record_ABodyOverTheLogBound_KeptToItsStartWithItsSize()
    {
        await using var host = await MockHost.StartAsync();
        using var client = host.Server.Feed.Subscribe(null, out _)!;
        var body = $$"""{"userId":"u00012b2e588bd93843168dfb67ae12cc2ee9","pad":"{{new string('x', 10_000)}}"}""";

        using var answer = await host.PostDirectAsync(Routes.ChatInfo, body);
        var row = await NextAsync(client);

        row["request"]!["size"]!.GetValue<long>().ShouldBe(Encoding.UTF8.GetByteCount(body));
        row["request"]!["truncated"]!.GetValue<bool>().ShouldBeTrue();
        row["request"]!["body"]!.ToString().Length.ShouldBe(RequestBody.LoggedBytes);
    }

    [Fact]
    public async Task Record_AScenarioDropsTheConnection_StatusZeroWithTheScenarioNamed()
    {
        await using var host = await MockHost.StartAsync();
        using var client = host.Server.Feed.Subscribe(null, out _)!;

        await Should.ThrowAsync<HttpRequestException>(() => host.PostDirectAsync(Routes.ChatInfo, """{"userId":"u1"}""", scenario: "drop-connection"));
        var row = await NextAsync(client);

        row["status"]!.GetValue<int>().ShouldBe(0);
        row["scenario"]!.ToString().ShouldBe("drop-connection");
    }

    [Fact]
    public async Task Record_AdminRequests_MarkedAsAdmin()
    {
        await using var host = await MockHost.StartAsync();
        using var client = host.Server.Feed.Subscribe(null, out _)!;

        using var answer = await host.Client.GetAsync($"{host.Server.DirectUrl}/__admin/mappings");
        var row = await NextAsync(client);

        row["answeredBy"]!.ToString().ShouldBe("admin");
        row["status"]!.GetValue<int>().ShouldBe(200);
    }

    private static async Task<JsonObject> NextAsync(FeedClient client)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var entry = await client.Reader.ReadAsync(deadline.Token);
        return JsonNode.Parse(entry.Json)!.AsObject();
    }
}
