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
        (Transition.Set, ["set", "update", "modify", "edit", "change", "save", "mark", "switch"], ["修改", "设置", "更新", "编辑", "标记", "切换"]),
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
                var at = title.IndexOf(word, StringComparison.Ordinal);
                if (at >= 0 && at < best.At)
                {
                    best = (transition, word, at);
                }
            }
        }

        return (best.Item1, best.Word);
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
