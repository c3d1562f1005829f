using System.Net;
using System.Text.Json.Nodes;
using OpMock.Tests.Support;

namespace OpMock.Tests.Server;

/// <summary>The mock over the shipped docs plus the wiki docs: doc hints bound what it sends and accepts.</summary>
public sealed class MockServerHintTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private readonly Lazy<string> docs;

    public MockServerHintTests() => docs = new(() => TestDocs.BaseWithWiki(temp));

    private Task<MockHost> StartAsync() =>
        MockHost.StartAsync(seed: 42, docs: docs.Value, overrides: Path.Combine(temp.Path, "overrides.yaml"));

    [Fact]
    public async Task UserDetail_ManyUsers_GenderAndLevelOnlyTakeHintedValuesAndVary()
    {
        // Given the mock serving 5.1 (gender 0-未知 1-男 2-女, level 0~5)
        await using var host = await StartAsync();

        // When 200 different users are asked for
        var genders = new List<long>();
        var levels = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            using var response = await host.PostDirectAsync("/op/v2/getUserDetail", $$"""{"userId":"u0001{{i:D32}}"}""");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var data = (await MockHost.JsonAsync(response))["data"]!;
            genders.Add(data["gender"]!.GetValue<long>());
            levels.Add(data["level"]!.GetValue<long>());
        }

        // Then gender is only ever 0, 1 or 2 and each appears; level stays in 0..5 and is not one value
        genders.Distinct().Order().ShouldBe([0, 1, 2]);
        levels.ShouldAllBe(l => l >= 0 && l <= 5);
        levels.Distinct().Count().ShouldBeGreaterThan(3);
    }

    [Fact]
    public async Task UserDetail_DirectAndThroughTransfer_SameSeedSameBytesInsideHints()
    {
        // Given two servers with the same seed over the same docs
        await using var first = await StartAsync();
        await using var second = await StartAsync();
        var ids = Enumerable.Range(0, 20).Select(i => $"u0001{i:D32}").ToList();

        // When both are asked for the same users, directly and through 5.9's transfer
        foreach (var id in ids)
        {
            var direct = await TextAsync(first.PostDirectAsync("/op/v2/getUserDetail", $$"""{"userId":"{{id}}"}"""));
            var again = await TextAsync(second.PostDirectAsync("/op/v2/getUserDetail", $$"""{"userId":"{{id}}"}"""));
            var relayed = await TextAsync(first.PostTransferAsync($$"""{"reqUrl":"/op/v2/getUserDetail","userId":"{{id}}"}"""));

            // Then the bytes are the same, and the relayed answer keeps the hints too
            MockHost.SameImageHost(again).ShouldBe(MockHost.SameImageHost(direct));
            var gender = JsonNode.Parse(relayed)!["data"]!["gender"]!.GetValue<long>();
            gender.ShouldBeInRange(0, 2);
        }
    }

    private static async Task<string> TextAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData("""{"status":9}""", "status", "expected one of 1 (待接入), 2 (服务中), 3 (已结束), found integer 9")]
    [InlineData("""{"pageSize":80}""", "pageSize", "expected at most 50, found integer 80")]
    public async Task ChatPage_RequestOutsideHints_Gets400NamingTheField(string body, string field, string message)
    {
        // Given the mock serving 5.2 (status `1`:待接入 …, pageSize 默认20，最大50)
        await using var host = await StartAsync();

        // When a request breaks a hint
        using var response = await host.PostDirectAsync("/op/v2/getChatPage", body);

        // Then it is refused with the error envelope naming the field and what it allows
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var json = await MockHost.JsonAsync(response);
        json["message"]!.GetValue<string>().ShouldEndWith($"{field}: {message}");
        json["data"]!["field"]!.GetValue<string>().ShouldBe(field);
    }

    [Fact]
    public async Task ChatPage_RequestInsideHints_IsServed()
    {
        await using var host = await StartAsync();

        using var response = await host.PostDirectAsync("/op/v2/getChatPage", """{"status":2,"pageNo":1,"pageSize":50}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var chats = (await MockHost.JsonAsync(response))["data"]!["chats"]!.AsArray();
        chats.Select(c => c!["msgType"]!.GetValue<string>()).ShouldAllBe(t => t == "text" || t == "image" || t == "voice");
        chats.Select(c => c!["status"]!.GetValue<long>()).ShouldAllBe(s => s >= 1 && s <= 3);
    }
}
