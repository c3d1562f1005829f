using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpMock.Core.Json;
using OpMock.Core.Server;

namespace OpMock.Tests.Support;

/// <summary>
/// A server on the frozen shipped docs plus the write docs (TestDocs/actions), with time frozen after the world's
/// anchor, and a client that sends a route's params directly or through the transfer relay, in a session.
/// </summary>
internal sealed class ActionsHost : IAsyncDisposable
{
    /// <summary>10:00 China time on the fixtures' anchor day: after every chat of the world started.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>2.19's example OP (the token of its sample URL): offline, serving the example's four chats.</summary>
    public const string Op = "o0001403351be22c648efa24c20e842fd7351";

    /// <summary>The first chat on <see cref="Op"/>'s list in 2.19's example.</summary>
    public const string Chat = "u0001d68d5da979194a4b831097de49db3dd2";

    public const string Receives = "/op/v2/receives";
    public const string SetOnline = "/op/v2/setOnline";
    public const string CloseChat = "/op/v2/closeChat";
    public const string TransferChat = "/op/v2/transferChat";
    public const string SendMessage = "/op/v2/sendMessage";
    public const string MessagePage = "/op/v2/getMessagePage";
    public const string AddAddress = "/op/v2/addUserAddress";
    public const string Addresses = "/op/v2/getUserAddresses";
    public const string UpdateRemark = "/op/v2/updateChatRemark";
    public const string ChatDetail = "/op/v2/getChatDetail";
    public const string AcceptChat = "/op/v2/acceptChat";
    public const string DeleteAddress = "/op/v2/deleteUserAddress";
    public const string AddressDetail = "/op/v2/getUserAddress";

    private readonly TempFolder temp;

    private ActionsHost(TempFolder temp, MockHost host, FakeTimeProvider time)
    {
        this.temp = temp;
        Host = host;
        Time = time;
    }

    public MockHost Host { get; }

    public FakeTimeProvider Time { get; }

    public string Docs => Path.Combine(temp.Path, "docs");

    /// <param name="state">A shared state store (`--state redis://…`): replicas started on it with the same docs share sessions.</param>
    /// <param name="moreDocs">A test docs folder whose docs are served too (TestDocs/world).</param>
    public static async Task<ActionsHost> StartAsync(string? fixtures = null, int? seed = null, string? state = null, string? moreDocs = null)
    {
        var temp = new TempFolder();
        var docs = TestDocs.BaseWithActions(temp);
        foreach (var file in moreDocs is null ? [] : TestDocs.Files(moreDocs, "*.txt"))
        {
            temp.Write(Path.Combine("docs", file), File.ReadAllText(Path.Combine(moreDocs!, file)));
        }

        var time = new FakeTimeProvider(Now);
        var host = await MockHost.StartAsync(
            new MockServerOptions(docs, Path.Combine(temp.Path, "overrides.yaml"), fixtures ?? TestFixtures.Base, Port: 0, AppPort: 0, Seed: seed, State: state), time);
        return new ActionsHost(temp, host, time);
    }

    /// <summary>A world OP other than <see cref="Op"/>: the k-th of the seeded world.</summary>
    public string WorldOp(int k) => Host.Server.Engine.State.Data.World.OpId(k);

    public string WorldUser(int k) => Host.Server.Engine.State.Data.World.UserId(k);

    /// <summary>Sends a route's params (directly, or through /opapp/transfer) in a session; the whole answer.</summary>
    public async Task<JsonObject> CallAsync(string route, string body, string? session, bool viaTransfer = false, string? token = Op)
    {
        using var response = await SendAsync(route, body, session, viaTransfer, token);
        return await MockHost.JsonAsync(response);
    }

    public async Task<string> TextAsync(string route, string body, string? session, bool viaTransfer = false, string? token = Op)
    {
        using var response = await SendAsync(route, body, session, viaTransfer, token);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<HttpResponseMessage> SendAsync(string route, string body, string? session, bool viaTransfer = false, string? token = Op)
    {
        var query = token is null ? "" : "?token=" + token;
        var url = viaTransfer ? Host.Server.AppUrl + "/opapp/transfer" + query : Host.Server.DirectUrl + route + query;
        if (viaTransfer)
        {
            var relayed = JsonNode.Parse(body)!.AsObject();
            relayed.Insert(0, "reqUrl", route);
            body = OpJson.ToCompactText(relayed);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (session is not null)
        {
            request.Headers.Add(SessionName.Header, session);
        }

        return await Host.Client.SendAsync(request);
    }

    /// <summary>An admin call on the direct port (loopback, so the guard lets it through).</summary>
    public async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, Host.Server.DirectUrl + path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await Host.Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        temp.Dispose();
    }
}
