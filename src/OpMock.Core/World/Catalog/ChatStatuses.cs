using System.Collections.Immutable;

namespace OpMock.Core.World.Catalog;

/// <summary>A state of a chat: its code as 2.36 writes it ("5") and its name as 2.19 writes it ("Service").</summary>
internal sealed record ChatStatus(string Code, string Name, string Label)
{
    /// <summary>Still waiting for or with an OP: such a chat was created within the last day.</summary>
    public bool IsOpen => this == ChatStatuses.Queue || this == ChatStatuses.Transfer || this == ChatStatuses.Service;
}

/// <summary>
/// The chat life cycle of the OP backend. The docs show two encodings of one state: 2.36 writes the
/// code ("5" in its example, a chat being served) and 2.19, which lists the chats an OP is serving,
/// writes the name ("Service"). The model:
/// <code>
///   1 Queue     排队中   the user wrote, no OP has taken the chat yet
///   3 Transfer  转接中   being handed over to another OP
///   5 Service   服务中   an OP is serving it — exactly the chats on OPs' 2.19 lists
///   7 Closed    已结束   the OP closed it after serving
///   8 Timeout   超时关闭 the user went silent and the backend closed it
///   9 Cancelled 用户取消 the user left the queue
/// </code>
/// A user's latest chat is "5" when it is on its OP's list and otherwise drawn from <see cref="NotServed"/>:
/// most latest chats of a large user base are finished ones.
/// </summary>
internal static class ChatStatuses
{
    public static readonly ChatStatus Queue = new("1", "Queue", "排队中");
    public static readonly ChatStatus Transfer = new("3", "Transfer", "转接中");
    public static readonly ChatStatus Service = new("5", "Service", "服务中");
    public static readonly ChatStatus Closed = new("7", "Closed", "已结束");
    public static readonly ChatStatus Timeout = new("8", "Timeout", "超时关闭");
    public static readonly ChatStatus Cancelled = new("9", "Cancelled", "用户取消");

    public static readonly ImmutableArray<ChatStatus> All = [Queue, Transfer, Service, Closed, Timeout, Cancelled];

    /// <summary>Shares (in %) of the chats no OP is serving right now.</summary>
    public static readonly Weighted<ChatStatus> NotServed = new((Closed, 70), (Timeout, 14), (Queue, 8), (Cancelled, 5), (Transfer, 3));

    /// <summary>The status with this code ("5") or name ("Service"), e.g. to write a chat's status the way a route does.</summary>
    public static ChatStatus? Find(string codeOrName) =>
        All.FirstOrDefault(s => s.Code == codeOrName || string.Equals(s.Name, codeOrName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a chat in this state (by code) is still waiting for or with an OP.</summary>
    public static bool IsOpen(string code) => Find(code)?.IsOpen ?? false;

    /// <summary>
    /// The state a doc's enum label names, in the doc's own words (`1`:待接入 `2`:服务中 `3`:已结束): how a doc with
    /// its own codes shows a chat's state, and how a write in those codes sets it.
    /// </summary>
    public static ChatStatus? ByLabel(string label) =>
        Labels.FirstOrDefault(l => l.Words.Any(w => label.Contains(w, StringComparison.Ordinal))).Status;

    /// <summary>The option of a doc's enum that stands for <paramref name="status"/>, by its label.</summary>
    public static Docs.EnumOption? Option(ImmutableArray<Docs.EnumOption> options, ChatStatus status) =>
        options.FirstOrDefault(o => ByLabel(o.Label) == status);

    /// <summary>A duration kept in milliseconds, in the unit a doc's words name: 毫秒, 分钟/分, 小时; seconds otherwise.</summary>
    public static long InUnit(long millis, string words) =>
        words.Contains("毫秒", StringComparison.Ordinal) || words.Contains("ms", StringComparison.OrdinalIgnoreCase) ? millis
        : words.Contains("小时", StringComparison.Ordinal) ? millis / 3_600_000
        : words.Contains('分') ? millis / 60_000
        : millis / 1000;

    // Checked in order: 超时关闭 is a timeout before it is a close.
    private static readonly (ChatStatus Status, string[] Words)[] Labels =
    [
        (Timeout, ["超时"]),
        (Cancelled, ["取消"]),
        (Transfer, ["转接", "转移"]),
        (Queue, ["排队", "待接入", "等待", "待分配", "未接入"]),
        (Service, ["服务中", "接待中", "进行中", "会话中", "已接入"]),
        (Closed, ["结束", "关闭", "完成"]),
    ];
}
