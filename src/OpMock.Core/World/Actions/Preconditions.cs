using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Docs;
using OpMock.Core.World.Catalog;

namespace OpMock.Core.World.Actions;

/// <summary>Why a write is refused: the state its transition needs is not there, or it names nothing of the world.</summary>
internal enum Refusal
{
    /// <summary>Sending to, transferring or closing a chat that is no longer open (已结束, 超时关闭, 用户取消).</summary>
    ChatClosed,

    /// <summary>A chatId not shaped like the world's chat ids (nor an example's or a fixture's).</summary>
    ChatNotFound,

    /// <summary>A userId not shaped like the world's user ids.</summary>
    UserNotFound,

    /// <summary>An OP id (staffId, operatorId, toStaffId …) not shaped like the world's OP ids.</summary>
    OpNotFound,
}

/// <summary>One refusal: its fixture key (`errors.chatClosed`), default business code and message, and when it applies.</summary>
internal sealed record RefusalRow(Refusal Case, string Key, int Code, string Message, string When);

/// <summary>
/// The states a write needs, checked before it changes anything, as a backend checks them: a write that fails one is
/// answered with the house envelope (HTTP 200, a business code, data null) and changes nothing. The table is the one
/// place the cases, their fixture keys and default answers are written; fixtures change the answers (`errors:`, per
/// route under `errors.routes`).
/// </summary>
internal static class Preconditions
{
    public static readonly ImmutableArray<RefusalRow> Table =
    [
        new(Refusal.ChatClosed, "chatClosed", 4001, "会话已结束", "when the chat is no longer open (已结束, 超时关闭, 用户取消): send, transfer, close"),
        new(Refusal.ChatNotFound, "chatNotFound", 4004, "会话不存在", "when chatId is not shaped like a chat id"),
        new(Refusal.UserNotFound, "userNotFound", 4005, "用户不存在", "when userId is not shaped like a user id"),
        new(Refusal.OpNotFound, "opNotFound", 4006, "OP不存在", "when an OP id is not shaped like an OP id"),
    ];

    public static RefusalRow Row(Refusal refusal) => Table[(int)refusal];

    public static RefusalRow? Row(string key) => Table.FirstOrDefault(r => r.Key == key);

    /// <summary>The refusals a write route can answer, from its effect and its request fields, in the table's order.</summary>
    public static IEnumerable<Refusal> Cases(Effect effect, IEnumerable<string> inputs)
    {
        if (!effect.IsWrite)
        {
            return [];
        }

        var cases = new HashSet<Refusal>();
        if (NeedsOpen(effect))
        {
            cases.Add(Refusal.ChatClosed);
        }

        foreach (var name in inputs)
        {
            if (KindNamed(effect, name) is { } kind && NotFound(kind) is { } refusal)
            {
                cases.Add(refusal);
            }
        }

        return cases.Order();
    }

    /// <summary>The first precondition the request fails, or null: ids first (a chat that is not there is not closed), then the chat's state.</summary>
    public static Refusal? Check(Effect effect, JsonObject request, OpWorld world)
    {
        if (!effect.IsWrite)
        {
            return null;
        }

        foreach (var (name, value) in request)
        {
            if (KindNamed(effect, name) is { } kind && NotFound(kind) is { } refusal
                && value is JsonValue sent && FieldWrite.Text(sent) is { Length: > 0 } id && !Known(kind, id, world))
            {
                return refusal;
            }
        }

        return NeedsOpen(effect) && ActionRunner.ChatNamed(request, world) is { } chat && !ChatStatuses.IsOpen(chat.Status)
            ? Refusal.ChatClosed : null;
    }

    /// <summary>Routes named under `errors.routes` must be documented direct routes: a file:line error otherwise.</summary>
    public static void CheckRoutes(IEnumerable<Endpoint> endpoints, IEnumerable<(string Route, string File, int Line)> routes, List<Finding> findings)
    {
        var direct = endpoints.Where(e => !e.IsTransfer).Select(e => e.Route).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (route, file, line) in routes.Where(r => !direct.Contains(r.Route)))
        {
            findings.Add(new Finding(file, line, Severity.Error,
                $"errors.routes: `{route}` is not a documented route; documented: {string.Join(", ", direct.Order(StringComparer.Ordinal))}"));
        }
    }

    private static bool NeedsOpen(Effect effect) =>
        effect.Target == EffectTarget.Chat && effect.Transition is Transition.Send or Transition.Transfer or Transition.Close;

    /// <summary>The kind a request field names by id: the world's id fields, and a transfer's target OP.</summary>
    private static EntityKind? KindNamed(Effect effect, string name)
    {
        if (effect.ToField is { } to && string.Equals(name, to, StringComparison.OrdinalIgnoreCase))
        {
            return EntityKind.Op;
        }

        foreach (var (field, kind) in WorldMap.Ids)
        {
            if (string.Equals(field, name, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }

    // Message ids are left out: their shapes follow the examples (m + a time + a sequence), which the value rules own.
    private static Refusal? NotFound(EntityKind kind) => kind switch
    {
        EntityKind.Chat => Refusal.ChatNotFound,
        EntityKind.User => Refusal.UserNotFound,
        EntityKind.Op => Refusal.OpNotFound,
        _ => null,
    };

    /// <summary>An id the world has: one an example or a fixture shows, or one shaped like the world's own ids of its kind.</summary>
    private static bool Known(EntityKind kind, string id, OpWorld world) => kind switch
    {
        EntityKind.Chat => world.Facts.Chat(id) is not null || world.Pins.Chats.Any(c => c.ChatId == id)
            || Rules.IdShape.Fits(id, WorldIds.UserPrefix + new ChatIds(world.Options.Seed).GroupId(0)),
        EntityKind.User => world.Facts.Of(EntityKind.User, id) is not null || world.Facts.ChatOf(id) is not null
            || world.Pins.Chats.Any(c => c.UserId == id) || Rules.IdShape.Fits(id, world.UserId(0)),
        EntityKind.Op => world.Facts.Op(id) is not null || world.Facts.Of(EntityKind.Op, id) is not null
            || world.Pins.Ops.Any(o => o.Id == id) || world.Pins.Chats.Any(c => c.OperatorId == id) || Rules.IdShape.Fits(id, world.OpId(0)),
        _ => true,
    };
}
