using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Tests.Support;

namespace OpMock.Tests.World;

/// <summary>
/// One server over a copy of the shipped docs plus the wiki test docs (TestDocs/wiki: 5.1 user detail, 5.2 paging,
/// 5.3 messages, 5.9 a transfer to 5.1), shared by the tests that only read from it.
/// </summary>
public sealed class WikiWorld : IAsyncLifetime
{
    public const string UserDetail = "/op/v2/getUserDetail";
    public const string ChatPage = "/op/v2/getChatPage";
    public const string ChatMessages = "/op/v2/getChatMessages";

    private readonly TempFolder temp = new();

    internal MockHost Host { get; private set; } = null!;

    internal string Docs { get; private set; } = null!;

    internal string Overrides => Path.Combine(temp.Path, "overrides.yaml");

    public async Task InitializeAsync()
    {
        Docs = TestDocs.BaseWithWiki(temp);
        Host = await MockHost.StartAsync(docs: Docs, overrides: Overrides);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        temp.Dispose();
    }

    internal async Task<JsonObject> DirectAsync(string route, JsonObject body, string query = "") =>
        await MockHost.JsonAsync(await Host.PostDirectAsync(route, OpJson.ToCompactText(body), query: query));

    internal async Task<JsonObject> DataAsync(string route, JsonObject body) =>
        (await DirectAsync(route, body))["data"]!.AsObject();
}
