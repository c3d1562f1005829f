using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.World;
using OpMock.Core.World.State;

namespace OpMock.Core.Fixtures;

/// <summary>How a scenario breaks the connection. WireMock.Net has the first two; a drop aborts the socket.</summary>
internal enum Fault
{
    None,
    EmptyResponse,
    MalformedChunk,
    DropConnection,
}

/// <summary>
/// A named variation of the normal answer, chosen by the X-OpMock-Scenario header or by request
/// fields (<see cref="Match"/>). Unset parts keep the normal answer.
/// </summary>
internal sealed record Scenario(string Name, string File, int Line)
{
    public int? Code { get; init; }
    public string? Message { get; init; }
    public Optional<JsonNode?> Data { get; init; }
    public int? Status { get; init; }
    public int DelayMs { get; init; }
    public int DelayMaxMs { get; init; }
    public Fault Fault { get; init; }
    public bool EmptyLists { get; init; }
    public bool Offline { get; init; }
    public ImmutableDictionary<string, string> Match { get; init; } = ImmutableDictionary<string, string>.Empty;
}

/// <summary>The envelope code and message, and the HTTP status, of one kind of error answer.</summary>
internal sealed record ErrorReply(int Code, string Message, int Status);

/// <summary>The defaults are documented in docs/fixtures.md; fixtures may change each.</summary>
internal sealed record ErrorReplies(ErrorReply Validation, ErrorReply NotFound, ErrorReply MethodNotAllowed, ErrorReply UnknownScenario)
{
    public static ErrorReplies Default { get; } = new(
        new ErrorReply(400, "参数错误", 400),
        new ErrorReply(404, "接口不存在", 404),
        new ErrorReply(405, "请求方式不支持", 405),
        new ErrorReply(400, "未知的场景", 400));

    /// <summary>A write refused because the session state is full (too many sessions, records, messages); not configurable yet.</summary>
    public ErrorReply StateFull { get; init; } = new(503, "会话状态已满", 503);

    /// <summary>A write (or sessions admin call) while the shared state store (Redis) cannot be reached; not configurable yet.</summary>
    public ErrorReply StateUnavailable { get; init; } = new(503, "状态存储不可用", 503);

    /// <summary>Refused writes' answers by case (HTTP 200, a business code): <see cref="World.Actions.Preconditions"/>'s defaults unless `errors:` says.</summary>
    public ImmutableDictionary<World.Actions.Refusal, ErrorReply> Refusals { get; init; } =
        World.Actions.Preconditions.Table.ToImmutableDictionary(r => r.Case, r => new ErrorReply(r.Code, r.Message, 200));

    /// <summary>Refusal answers of one route, where `errors.routes` gives its own.</summary>
    public ImmutableDictionary<string, RouteErrors> Routes { get; init; } = ImmutableDictionary<string, RouteErrors>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>The answer a route gives for a refusal: its own if a fixture sets one, else the case's.</summary>
    public ErrorReply Refusal(World.Actions.Refusal refusal, string route) =>
        Routes.TryGetValue(route, out var own) && own.Replies.TryGetValue(refusal, out var reply) ? reply : Refusals[refusal];
}

/// <summary>One route's own refusal answers (`errors.routes./op/v2/sendMessage.chatClosed`), and where a fixture sets them.</summary>
internal sealed record RouteErrors(string Route, ImmutableDictionary<World.Actions.Refusal, ErrorReply> Replies, string File, int Line);

/// <summary>The envelope's foot, apart from operationTime, which follows the clock.</summary>
internal sealed record Foot(string ServicePhone, string Host)
{
    public static Foot Default { get; } = new("400800400", "opmock");
}

/// <summary>Everything the fixtures folder configures, merged from its files in name order.</summary>
/// <param name="State">Where session state lives (`state:`), when a file says; the command line wins over it.</param>
internal sealed record FixtureSet(
    WorldOptions World,
    Pins Pins,
    ImmutableDictionary<string, Scenario> Scenarios,
    ErrorReplies Errors,
    Foot Foot,
    ImmutableArray<string> CorsOrigins,
    StateFixture? State = null)
{
    /// <summary>What write routes do, where a fixture says it (`effects:`); the rest is inferred.</summary>
    public ImmutableDictionary<string, World.Actions.DeclaredEffect> Effects { get; init; } =
        ImmutableDictionary<string, World.Actions.DeclaredEffect>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>Kinds the fixtures name, merge or split (`kinds:`), in file order; checked against the docs at load.</summary>
    public ImmutableArray<World.Kinds.DeclaredKind> Kinds { get; init; } = [];

    public static FixtureSet Default { get; } = new(WorldOptions.Default, Pins.None,
        ImmutableDictionary<string, Scenario>.Empty, ErrorReplies.Default, Foot.Default, ["*"]);
}
