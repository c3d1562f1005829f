namespace OpMock.Core.World.Actions;

/// <summary>What a write does to the world (docs/writes-and-sessions.md lists the table).</summary>
internal enum Transition
{
    /// <summary>A read: nothing changes.</summary>
    None,

    /// <summary>The fields sent are set on the entity the request names.</summary>
    Set,

    /// <summary>The chat is finished: status 7 (已结束), off its OP's list, closed, closeTime now, duration now − createTime.</summary>
    Close,

    /// <summary>The chat is served by the OP the request names (or the current OP): on its list, status 5.</summary>
    Accept,

    /// <summary>The chat moves to the OP the request asks for (toStaffId, targetStaffId …): its list, its operatorId.</summary>
    Transfer,

    /// <summary>A message with a fresh id, sent now by the OP (fromType 2), last in the chat's messages, its latest message.</summary>
    Send,

    /// <summary>A new item with a fresh id in a list (the owner the request names, the item's id field), found by lists and details.</summary>
    Create,

    /// <summary>The entity or item the request names is gone from lists.</summary>
    Delete,
}

/// <summary>
/// The one table from a route's name and its doc's title to a <see cref="Transition"/>. A route's name is its last
/// path segment split at capitals (closeChat → close, chat); its first word in the table decides. A route whose name
/// has no word of the table is decided by its title's first word of the table (结束会话 → close). Read words (get,
/// 查询 …) are in the table too, so `getCloseReasons` is a read. Fixtures' `effects:` decide what this cannot.
/// </summary>
internal static class Verbs
{
    public static readonly IReadOnlyList<(Transition Transition, string[] RouteWords, string[] TitleWords)> Table =
    [
        (Transition.None, ["get", "list", "query", "find", "search", "count", "fetch", "load", "page", "detail", "details", "info", "check", "export", "stat", "stats"],
            ["获取", "查询", "查看", "列表", "详情", "统计"]),
        (Transition.Close, ["close", "end", "finish"], ["结束", "关闭"]),
        (Transition.Accept, ["accept", "take", "claim", "pick"], ["接入", "领取", "接待"]),
        (Transition.Transfer, ["transfer", "forward", "reassign"], ["转接", "转给", "转移"]),
        (Transition.Send, ["send", "reply"], ["发送", "回复"]),
        (Transition.Create, ["create", "add", "new", "insert"], ["新增", "添加", "创建", "新建"]),
        (Transition.Delete, ["delete", "remove", "del"], ["删除", "移除"]),
        (Transition.Set, ["set", "update", "modify", "edit", "change", "save", "mark", "switch",
                "handle", "process", "deal", "audit", "review", "approve", "pass", "agree", "reject", "refuse", "deny", "confirm", "cancel",
                "assign", "dispatch", "allot", "resolve", "reopen", "complete"],
            ["修改", "设置", "更新", "编辑", "标记", "切换", "处理", "审核", "审批", "驳回", "拒绝", "通过", "同意", "确认", "取消", "派单", "指派", "分配", "解决", "完成", "重新打开"]),
    ];

    /// <summary>
    /// The verbs that name the state they reach (approve → 已通过): a route or title word, and the labels of that state
    /// in the order they are looked for among a status field's labels. An update that sends no status sets that state.
    /// </summary>
    public static readonly IReadOnlyList<(string[] Words, string[] Labels)> Reaches =
    [
        (["approve", "pass", "agree", "通过", "同意"], ["已通过", "通过", "审核通过", "审批通过", "已同意", "同意"]),
        (["reject", "refuse", "deny", "驳回", "拒绝", "不通过"], ["已驳回", "驳回", "已拒绝", "拒绝", "审核不通过", "不通过"]),
        (["cancel", "取消"], ["已取消", "取消"]),
        (["resolve", "complete", "解决", "完成"], ["已解决", "已完成", "解决", "完成"]),
    ];

    /// <summary>The transition a route's name, else its doc's title, names; and the words that said so.</summary>
    public static (Transition Transition, string Word) Of(string route, string title)
    {
        foreach (var word in Words(route))
        {
            foreach (var (transition, routeWords, _) in Table)
            {
                if (routeWords.Contains(word, StringComparer.Ordinal))
                {
                    return (transition, word);
                }
            }
        }

        var best = (Transition.None, Word: "", At: int.MaxValue);
        foreach (var (transition, _, titleWords) in Table)
        {
            foreach (var word in titleWords)
            {
                var at = At(title, word);
                if (at >= 0 && at < best.At)
                {
                    best = (transition, word, at);
                }
            }
        }

        return (best.Item1, best.Word);
    }

    /// <summary>
    /// The labels of the state a route's verb reaches: its name's first word of <see cref="Reaches"/> (auditPass →
    /// 已通过); a name with another verb of the table reaches none (handleComplaint); else its title's first word.
    /// </summary>
    public static IReadOnlyList<string> Reached(string route, string title)
    {
        var words = Words(route);
        if (words.Select(w => Reaches.FirstOrDefault(r => r.Words.Contains(w, StringComparer.Ordinal))).FirstOrDefault(r => r.Words is not null) is { Words: not null } named)
        {
            return named.Labels;
        }

        if (words.Any(w => Table.Any(t => t.RouteWords.Contains(w, StringComparer.Ordinal))))
        {
            return [];
        }

        return Reaches.Select(r => (r.Labels, At: r.Words.Select(w => At(title, w)).Where(a => a >= 0).DefaultIfEmpty(int.MaxValue).Min()))
            .Where(r => r.At < int.MaxValue).OrderBy(r => r.At).Select(r => r.Labels).FirstOrDefault() ?? [];
    }

    /// <summary>Where a title says a verb: not as a state's label (待处理, 已通过, 未解决 are states, not the route's action); −1 if nowhere.</summary>
    private static int At(string title, string word)
    {
        for (var at = title.IndexOf(word, StringComparison.Ordinal); at >= 0; at = title.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || title[at - 1] is not ('待' or '已' or '未' or '不'))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>A route's name as lower-case words: /op/v2/closeChat → close, chat; set_online → set, online.</summary>
    public static IReadOnlyList<string> Words(string route)
    {
        var name = route.TrimEnd('/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            if (i == name.Length || name[i] is '_' or '-' or '.' || (char.IsUpper(name[i]) && !char.IsUpper(name[i - 1])))
            {
                if (i > start)
                {
                    words.Add(name[start..i].Trim('_', '-', '.').ToLowerInvariant());
                }

                start = i;
            }
        }

        return [.. words.Where(w => w.Length > 0)];
    }
}
