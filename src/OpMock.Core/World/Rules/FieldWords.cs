using System.Collections.Frozen;
using System.Collections.Immutable;
using OpMock.Core.Docs;

namespace OpMock.Core.World.Rules;

/// <summary>
/// The words of field names that give a field its part in a rule (<see cref="ObjectRules"/>), matched in any case:
/// one table a doc author can read to predict what adds up. docs/world.md lists it.
/// </summary>
internal static class FieldWords
{
    /// <summary>A money field that totals a list: the sum of its items' line totals.</summary>
    private static readonly FrozenSet<string> MoneyNames = Set("amount", "totalamount", "orderamount", "payamount", "realamount", "actualamount",
        "money", "totalmoney", "totalprice", "total", "sum", "subtotal", "payment", "fee", "totalfee", "cost", "totalcost");

    /// <summary>How many of an item (a line of an order).</summary>
    private static readonly FrozenSet<string> QuantityNames = Set("quantity", "qty", "num", "number", "count", "amountnum", "buynum", "itemnum");

    /// <summary>What one of an item costs.</summary>
    private static readonly FrozenSet<string> PriceNames = Set("price", "unitprice", "saleprice", "itemprice", "unitcost");

    /// <summary>A count of the object's one list (or the list the request asks for), wherever it is in the answer.</summary>
    private static readonly FrozenSet<string> ListCountNames = Set("totalcount", "total", "count", "totalnum", "totalsize", "size", "recordcount",
        "totalrecords", "totalrecord", "totalelements", "totalrows", "rowcount");

    /// <summary>An OP's count of the chats it is serving: the length of its chat list (2.19), wherever it is shown.</summary>
    private static readonly FrozenSet<string> ServedChatNames = Set("servingcount", "servingnum", "serving", "chatcount", "chatnum", "sessioncount",
        "currentcount", "currentchatcount", "receivingcount", "receptioncount", "receivecount");

    private static readonly FrozenSet<string> DefaultFlagNames = Set("isdefault", "default", "defaultflag", "isdefaultaddress", "defaultaddress",
        "isprimary", "primary", "ismain", "main");

    private static readonly FrozenSet<string> BirthdayNames = Set("birthday", "birthdate", "birth", "dateofbirth", "dob", "birthdaydate");

    private static readonly FrozenSet<string> AgeNames = Set("age", "userage");

    private static readonly FrozenSet<string> LatitudeNames = Set("lat", "latitude");

    private static readonly FrozenSet<string> LongitudeNames = Set("lng", "lon", "longitude");

    /// <summary>An Integer "…Time" that is a length of time, not an instant (costTime, waitTime).</summary>
    private static readonly FrozenSet<string> SpanStems = Set("cost", "used", "use", "elapsed", "spend", "spent", "talk", "wait", "waiting",
        "response", "handle", "handling");

    /// <summary>
    /// The stages of a life cycle, in order: the times an object shows follow them (created, paid, accepted, started,
    /// ended, updated, and last: lastLoginTime). The name's stem is the name without its time suffix (createTime →
    /// create, paidAt → paid).
    /// </summary>
    private static readonly FrozenDictionary<string, int> Stages = new (int Stage, string[] Stems)[]
    {
        (0, ["create", "created", "add", "added", "submit", "submitted", "order", "ordered", "apply", "applied", "register", "registered", "reg",
            "regist", "signup", "join", "joined", "book", "booked", "gmtcreate"]),
        (1, ["pay", "paid", "payment"]),
        (2, ["accept", "accepted", "assign", "assigned", "dispatch", "dispatched", "receive", "received", "take", "taken", "confirm", "confirmed", "grab",
            "audit", "audited", "approve", "approved", "check", "checked", "verify", "verified", "handle", "handled", "process", "processed", "deal",
            "dealt", "reject", "rejected", "respond", "responded"]),
        (3, ["start", "started", "begin", "began", "serve", "served", "service", "arrive", "arrived", "visit", "checkin"]),
        (4, ["end", "ended", "finish", "finished", "complete", "completed", "close", "closed", "done", "cancel", "cancelled", "canceled", "refund",
            "refunded", "leave", "checkout", "over"]),
        (5, ["update", "updated", "modify", "modified", "gmtmodified", "gmtupdate", "edit", "edited", "change", "changed"]),
    }.SelectMany(s => s.Stems.Select(stem => KeyValuePair.Create(stem, s.Stage))).ToFrozenDictionary();

    /// <summary>
    /// The same stages in a time's doc words (申请时间, 审核时间, 到账时间), for a name that says none (shTime 审核时间): the word
    /// that ends last decides, as a Chinese compound's head comes last (审核完成时间 is a completion).
    /// </summary>
    public static readonly ImmutableArray<(int Stage, string Word)> StageWords =
    [
        .. new (int Stage, string[] Words)[]
        {
            (0, ["申请", "创建", "提交", "下单", "注册", "新增", "发起", "登记", "报名", "投诉", "生成"]),
            (1, ["支付", "付款", "缴费"]),
            (2, ["审核", "审批", "处理", "受理", "派单", "接单", "分配", "确认", "驳回", "核实", "回复"]),
            (3, ["开始", "上门", "到达", "服务"]),
            (4, ["完成", "结束", "关闭", "取消", "退款", "到账", "完结", "解决", "打款"]),
            (5, ["更新", "修改", "变更"]),
        }.SelectMany(s => s.Words.Select(w => (s.Stage, w))),
    ];

    /// <summary>Times of events inside an entity's life (a message sent): between the entity's start and now.</summary>
    private static readonly FrozenSet<string> EventStems = Set("send", "sent", "read", "reply", "replied", "comment", "rate", "review",
        "evaluate", "login", "logout", "call", "sign", "msg", "message");

    /// <summary>The stage a "last…" time is in (lastLoginTime): after every other, and recent.</summary>
    public const int LastStage = 6;

    /// <summary>The stage of an end (closeTime): empty while a chat is still open.</summary>
    public const int EndStage = 4;

    /// <summary>The stage of a start of service (startTime): a duration runs from it when the object shows it.</summary>
    public const int StartStage = 3;

    public static bool IsMoney(string name) => MoneyNames.Contains(Lower(name)) || Lower(name).Contains("amount", StringComparison.Ordinal);

    public static bool IsQuantity(string name) => QuantityNames.Contains(Lower(name));

    public static bool IsPrice(string name) => PriceNames.Contains(Lower(name));

    public static bool IsListCount(string name) => ListCountNames.Contains(Lower(name));

    public static bool CountsServedChats(string name) => ServedChatNames.Contains(Lower(name));

    public static bool IsDefaultFlag(string name) => DefaultFlagNames.Contains(Lower(name));

    public static bool IsBirthday(string name) => BirthdayNames.Contains(Lower(name));

    public static bool IsAge(string name) => AgeNames.Contains(Lower(name));

    public static bool IsLatitude(string name) => LatitudeNames.Contains(Lower(name));

    public static bool IsLongitude(string name) => LongitudeNames.Contains(Lower(name));

    public static bool IsAddress(string name) => Lower(name) == "addr" || Lower(name).EndsWith("address", StringComparison.Ordinal);

    /// <summary>totalAmount, amountTotal, sumAmount → amount: the item field a total adds up.</summary>
    public static string? TotalOf(string name) => Affix(name, ["total", "sum"]);

    /// <summary>orderCount, orderNum, orderSize → order: the list a count counts (by its singular name).</summary>
    public static string? CountOf(string name)
    {
        var lower = Lower(name);
        foreach (var suffix in new[] { "count", "num", "size" })
        {
            if (lower.Length > suffix.Length && lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                return Singular(lower[..^suffix.Length]);
            }
        }

        return null;
    }

    /// <summary>maxServing, servingMax, servingLimit → serving: what a maximum bounds.</summary>
    public static string? MaxOf(string name) => Affix(name, ["maximum", "max", "limit", "upper", "capacity", "cap"]);

    /// <summary>The current value a maximum bounds, by name: serving, servingCount, currentServing, servingNum all name "serving".</summary>
    public static string Current(string name)
    {
        var lower = Lower(name);
        foreach (var prefix in new[] { "current", "cur", "now" })
        {
            lower = lower.Length > prefix.Length && lower.StartsWith(prefix, StringComparison.Ordinal) ? lower[prefix.Length..] : lower;
        }

        return CountOf(lower) ?? Singular(lower);
    }

    /// <summary>The life-cycle stage of a time field (createTime 0 … updateTime 5); null for a time that is in none.</summary>
    public static int? Stage(string name)
    {
        var stem = TimeStem(name);
        return stem is null ? null
            : Stages.TryGetValue(stem, out var stage) ? stage
            : stem.StartsWith("last", StringComparison.Ordinal) || stem.StartsWith("latest", StringComparison.Ordinal) ? LastStage
            : null;
    }

    /// <summary>The life-cycle stage of a time field by its name, else by its doc words (<see cref="StageWords"/>); null for a time in none.</summary>
    public static int? Stage(DocField field) => Stage(field.Name) ?? (IsEvent(field.Name) ? null : StageOfWords(field.Description));

    /// <summary>The stage the words name, by the word that ends last (审核完成时间 → completion); null when they name none.</summary>
    public static int? StageOfWords(string words)
    {
        var (stage, end) = ((int?)null, -1);
        foreach (var (s, word) in StageWords)
        {
            var at = words.LastIndexOf(word, StringComparison.Ordinal);
            if (at >= 0 && at + word.Length > end)
            {
                (stage, end) = (s, at + word.Length);
            }
        }

        return stage;
    }

    /// <summary>Whether a time field is an event inside its entity's life (sendTime): its time falls between the entity's start and now.</summary>
    public static bool IsEvent(string name) => TimeStem(name) is { } stem && EventStems.Contains(stem);

    /// <summary>A name that says its field holds an instant: …Time, …Date, …At, …Timestamp, gmt….</summary>
    public static bool IsTimeName(string name) => TimeStem(name) is not null;

    /// <summary>A field that holds an instant: a Date, a documented date format, or a name ending in Time/Date/At.</summary>
    public static bool IsTime(DocField field) =>
        !IsSpan(field) && (field.Type.Kind == FieldKind.Date || HouseFormats.ByName(field.Format ?? "") is not null
            || (field.Type.Kind is FieldKind.String or FieldKind.Integer && TimeStem(field.Name) is not null));

    /// <summary>A length of time: duration, serviceDuration, durationSeconds, or an Integer costTime/waitTime.</summary>
    public static bool IsSpan(DocField field)
    {
        if (field.Type.Kind is not (FieldKind.Integer or FieldKind.Number or FieldKind.String))
        {
            return false;
        }

        var lower = Lower(field.Name);
        return lower.Contains("duration", StringComparison.Ordinal) || lower is "elapsed"
            || (field.Type.Kind != FieldKind.String && lower.EndsWith("time", StringComparison.Ordinal) && SpanStems.Contains(lower[..^4]));
    }

    /// <summary>The unit a length of time is written in: by its name (durationMs, …Seconds, …Minutes), else the doc's words (毫秒, 秒, 分钟, 小时), else seconds.</summary>
    public static TimeSpan SpanUnit(DocField field)
    {
        var lower = Lower(field.Name);
        var words = field.Description + " " + field.Remark;
        return lower.EndsWith("ms", StringComparison.Ordinal) || lower.EndsWith("millis", StringComparison.Ordinal) || lower.EndsWith("milliseconds", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(1)
            : lower.EndsWith("seconds", StringComparison.Ordinal) || lower.EndsWith("secs", StringComparison.Ordinal) || lower.EndsWith("sec", StringComparison.Ordinal) ? TimeSpan.FromSeconds(1)
            : lower.EndsWith("minutes", StringComparison.Ordinal) || lower.EndsWith("mins", StringComparison.Ordinal) ? TimeSpan.FromMinutes(1)
            : lower.EndsWith("hours", StringComparison.Ordinal) ? TimeSpan.FromHours(1)
            : words.Contains("毫秒", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(1)
            : words.Contains('秒') ? TimeSpan.FromSeconds(1)
            : words.Contains("分钟", StringComparison.Ordinal) ? TimeSpan.FromMinutes(1)
            : words.Contains("小时", StringComparison.Ordinal) ? TimeSpan.FromHours(1)
            : TimeSpan.FromSeconds(1);
    }

    /// <summary>A list's item name: orders → order, addresses → address, categories → category, orderList → order.</summary>
    public static string Singular(string name)
    {
        var lower = Lower(name);
        foreach (var suffix in new[] { "list", "array", "set", "items" })
        {
            lower = lower.Length > suffix.Length && lower.EndsWith(suffix, StringComparison.Ordinal) ? lower[..^suffix.Length] : lower;
        }

        return lower switch
        {
            _ when lower.EndsWith("ies", StringComparison.Ordinal) && lower.Length > 3 => lower[..^3] + "y",
            _ when lower.EndsWith("sses", StringComparison.Ordinal) || lower.EndsWith("xes", StringComparison.Ordinal)
                || lower.EndsWith("ches", StringComparison.Ordinal) || lower.EndsWith("shes", StringComparison.Ordinal) => lower[..^2],
            _ when lower.EndsWith('s') && !lower.EndsWith("ss", StringComparison.Ordinal) && lower.Length > 1 => lower[..^1],
            _ => lower,
        };
    }

    /// <summary>The name without its time suffix (createTime → create, paidAt → paid, gmtCreate as it is); null when it has none.</summary>
    private static string? TimeStem(string name)
    {
        var lower = Lower(name);
        if (lower.StartsWith("gmt", StringComparison.Ordinal) && lower.Length > 3)
        {
            return lower;
        }

        foreach (var suffix in new[] { "timestamp", "time", "date", "stamp", "at" })
        {
            if (lower.Length > suffix.Length && lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                // "…at" is a suffix only as written in camel case (createdAt), not the end of a word (format, seat).
                return suffix == "at" && !name.EndsWith("At", StringComparison.Ordinal) ? null : lower[..^suffix.Length].TrimEnd('_');
            }
        }

        return null;
    }

    /// <summary>The rest of a name after one of its prefixes or before one of its suffixes (totalAmount → amount).</summary>
    private static string? Affix(string name, string[] affixes)
    {
        var lower = Lower(name);
        foreach (var affix in affixes)
        {
            if (lower.Length > affix.Length && lower.StartsWith(affix, StringComparison.Ordinal))
            {
                return lower[affix.Length..];
            }

            if (lower.Length > affix.Length && lower.EndsWith(affix, StringComparison.Ordinal))
            {
                return lower[..^affix.Length];
            }
        }

        return null;
    }

    private static string Lower(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
