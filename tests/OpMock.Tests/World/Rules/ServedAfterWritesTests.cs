using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Core.Server;
using OpMock.Tests.Support;
using static OpMock.Tests.Support.Routes;

namespace OpMock.Tests.World.Rules;

/// <summary>
/// A count follows what a session's writes change: an OP's servingCount (8.2) is its chat list (2.19) after a
/// transfer (7.3) too, in the session that made it and not in another.
/// </summary>
public sealed class ServedAfterWritesTests : IAsyncLifetime
{
    private const string From = "o0001403351be22c648efa24c20e842fd7351";
    private const string To = "o0001c90a1d16c2d48a3f23b38ce5e53058a9";
    private const string Chat = "u0001d68d5da979194a4b831097de49db3dd2";

    private readonly TempFolder temp = new();
    private MockEngine engine = null!;

    public async Task InitializeAsync()
    {
        var docs = TestDocs.BaseWithActions(temp);
        File.Copy(Path.Combine(TestDocs.Lists, "get-op-api", "8.2.txt"), Path.Combine(docs, "get-op-api", "8.2.txt"));
        engine = new MockEngine(await MockState.LoadAsync(docs, Path.Combine(temp.Path, "overrides.yaml"), fixtures: null, seed: null), TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ServedRule_AfterATransferInASession_CountsEachOpsListAsTheSessionSeesIt()
    {
        // Given both OPs' counts before
        var before = (await ServingAsync(From, "s1"), await ServingAsync(To, "s1"));

        // When session s1 transfers 2.19's first example chat from one OP to the other
        var transfer = await SendAsync("/op/v2/transferChat", new JsonObject { ["chatId"] = Chat, ["staffId"] = From, ["toStaffId"] = To }, "s1");
        transfer["code"]!.GetValue<int>().ShouldBe(200, transfer.ToJsonString());

        // Then in s1 each OP's servingCount is its list, one fewer and one more; another session still sees the seeded world
        var after = (await ServingAsync(From, "s1"), await ServingAsync(To, "s1"));
        after.Item1.ShouldBe(before.Item1 - 1);
        after.Item2.ShouldBe(before.Item2 + 1);
        (await ServingAsync(From, "s2")).ShouldBe(before.Item1);
    }

    /// <summary>An OP's servingCount (8.2), checked against the length of its list (2.19) in the same session.</summary>
    private async Task<int> ServingAsync(string staffId, string session)
    {
        var profile = (await SendAsync("/op/v2/getOpProfile", new JsonObject { ["staffId"] = staffId }, session))["data"]!;
        var list = (await SendAsync(Receives, new JsonObject { ["staffId"] = staffId }, session))["data"]!["chats"]!.AsArray();
        profile["servingCount"]!.GetValue<int>().ShouldBe(list.Count, $"{staffId} in {session}");
        return list.Count;
    }

    private async Task<JsonObject> SendAsync(string route, JsonObject body, string session)
    {
        var request = MockRequest.Create("POST", route, "application/json", Encoding.UTF8.GetBytes(OpJson.ToCompactText(body)), ImmutableDictionary<string, string>.Empty, scenario: null) with { Session = session };
        var reply = await engine.HandleAsync(request, app: false, default);
        return JsonNode.Parse(reply.Body)!.AsObject();
    }
}
