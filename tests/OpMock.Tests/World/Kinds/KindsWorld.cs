using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Core.Server;
using OpMock.Tests.Support;

namespace OpMock.Tests.World.Kinds;

/// <summary>
/// The frozen shipped docs plus the kinds docs (TestDocs/kinds: an OP's work tickets 9.1–9.5, its quick replies
/// 9.6–9.8) and the items docs (TestDocs/items: a user's coupons and cards, an OP's evaluations, listed only), answered in process by one engine, directly or through the transfer relay, in any session.
/// </summary>
public sealed class KindsWorld : EngineWorld
{
    public const string Tickets = "/op/v2/getStaffTickets";
    public const string TicketDetail = "/op/v2/getTicketDetail";
    public const string CreateTicket = "/op/v2/createTicket";
    public const string UpdateTicket = "/op/v2/updateTicket";
    public const string DeleteTicket = "/op/v2/deleteTicket";
    public const string Replies = "/op/v2/getQuickReplies";
    public const string AddReply = "/op/v2/addQuickReply";
    public const string DeleteReply = "/op/v2/deleteQuickReply";
    public const string Coupons = "/op/v2/getUserCouponList";
    public const string Cards = "/op/v2/getMemberCards";
    public const string Evaluations = "/op/v2/getStaffEvaluations";
    public const string Schedules = "/op/v2/getStaffSchedules";
    public const string UserOrders = "/op/v2/getUserServiceOrders";
    public const string OrderDetail = "/op/v2/getServiceOrderDetail";

    private protected override string WriteDocs(TempFolder temp) => TestDocs.BaseWithKindsAndItems(temp);

    /// <summary>A POST route's <c>data</c> and <c>page</c>, on the direct port or through /opapp/transfer, in a session.</summary>
    internal (JsonObject Data, JsonObject? Page) Post(string route, JsonObject body, string session = "default", bool transfer = false) =>
        Post(Engine, route, body, session, transfer);

    /// <summary>A GET route's <c>data</c> for query parameters.</summary>
    internal JsonObject Get(string route, IReadOnlyDictionary<string, string> query, string session = "default") => Get(Engine, route, query, session);

    /// <summary>A POST route's <c>data</c> and <c>page</c> from <paramref name="engine"/>, directly or through /opapp/transfer.</summary>
    internal static (JsonObject Data, JsonObject? Page) Post(MockEngine engine, string route, JsonObject body, string session = "default", bool transfer = false)
    {
        var sent = (JsonObject)body.DeepClone();
        if (transfer)
        {
            sent["reqUrl"] = route;
        }

        var answer = Send(engine, "POST", transfer ? "/opapp/transfer" : route, OpJson.ToCompactText(sent), ImmutableDictionary<string, string>.Empty, session, transfer);
        return (answer["data"]!.AsObject(), answer["page"] as JsonObject);
    }

    /// <summary>A GET route's <c>data</c> from <paramref name="engine"/> for query parameters.</summary>
    internal static JsonObject Get(MockEngine engine, string route, IReadOnlyDictionary<string, string> query, string session = "default") =>
        Send(engine, "GET", route, "", query.ToImmutableDictionary(), session, app: false)["data"]!.AsObject();

    private static JsonObject Send(MockEngine engine, string method, string route, string body, ImmutableDictionary<string, string> query, string session, bool app)
    {
        var (status, answer) = Answer(engine, method, route, body, query, session, app);
        status.ShouldBe(200, answer.ToJsonString());
        answer["code"]!.GetValue<int>().ShouldBe(200, answer.ToJsonString());
        return answer;
    }
}
