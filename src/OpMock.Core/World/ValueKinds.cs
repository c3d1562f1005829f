using System.Collections.Immutable;
using System.Text.RegularExpressions;
using OpMock.Core.Docs;

namespace OpMock.Core.World;

/// <summary>What a generated value is (docs/world.md shows the table): the kind picks its catalog and its range.</summary>
internal enum ValueKind
{
    /// <summary>No row names it: the example's shape, else a plain value of the field's type.</summary>
    None,
    Id,
    Time,
    Duration,
    Status,
    Money,
    Rating,
    Level,
    Quantity,
    Count,
    Service,
    ServiceItem,
    Team,
    Skill,
    PersonName,
    NickName,
    Phone,
    Image,
    Address,
    City,
    Latitude,
    Longitude,
    Title,
    Message,
    Remark,
    Tag,
    Version,

    /// <summary>A 名称 of something that is no person: the doc's noun with a qualifier (店铺名称 → 便民店铺).</summary>
    ThingName,
}

internal enum TimeUnit
{
    Seconds,
    Minutes,
    Hours,
}

/// <summary>One row of the value-kinds table.</summary>
/// <param name="Names">Field-name words (camelCase, any case) that decide the kind on their own: serviceName, unitPrice.</param>
/// <param name="Generic">Field-name words too common to decide alone (name, count, type): the doc's words are read first.</param>
/// <param name="Words">Words of the doc's 描述/说明 (then 备注) that decide the kind.</param>
internal sealed record ValueKindRow(ValueKind Kind, string[] Names, string[] Generic, string[] Words);

/// <summary>
/// The one table from field names and doc words to kinds of value, next to <see cref="WorldMap"/> (which maps fields to
/// the world's entities; a field it maps never gets here). How a field is read, in order:
/// <list type="number">
/// <item>its name: the row whose name words come last in the field's name (the head of an English compound:
/// serviceCount is a count, servicePrice money; the longer match when two end together: serviceName is a service,
/// not a name); a <see cref="ValueKindRow.Names"/> match decides;</item>
/// <item>else the doc's words (描述/说明, then 备注): the row whose word comes last (Chinese compounds are head-final too:
/// 服务次数 is a count, 头像地址 an image), the longer when two end together;</item>
/// <item>else a <see cref="ValueKindRow.Generic"/> name match (count, total → a count; name → a 名称).</item>
/// </list>
/// A 名称 (or a bare <c>name</c>) is a person's only when its noun is a person (联系人名称, 客服名称) or its object is
/// about people (a <c>user</c>/<c>contact</c>/<c>staff</c> section, 联系人): an item's <c>name</c> is a service item,
/// a group's a team. Money beside a service or an item is in that service's or item's price band; a count beside
/// one (or in an item) is a quantity, 1 to 3.
/// </summary>
internal static partial class ValueKinds
{
    public static readonly ImmutableArray<ValueKindRow> Table =
    [
        //  kind                     field-name words                                                              generic             doc words
        new(ValueKind.Id, ["id", "no", "code", "sn", "uuid", "serialNo"], [], ["ID", "编号", "编码", "单号", "订单号", "流水号", "序号", "唯一标识"]),
        new(ValueKind.Time, ["time", "date", "birthday", "at", "timestamp"], [], ["时间", "日期", "生日", "时刻"]),
        new(ValueKind.Duration, ["duration", "seconds", "minutes", "secs", "mins", "elapsed"], [], ["时长", "耗时", "用时", "历时"]),
        new(ValueKind.Status, [], ["status", "state", "type"], ["状态", "类型"]),
        new(ValueKind.Money, ["amount", "price", "fee", "cost", "money", "balance", "income", "salary", "unitPrice", "totalPrice"], [],
            ["金额", "价格", "单价", "总价", "费用", "价钱", "实付", "应付", "优惠", "余额", "收入", "薪资", "工资", "报价"]),
        new(ValueKind.Rating, ["rating", "score", "stars"], [], ["评分", "分数", "满意度", "星级", "得分"]),
        new(ValueKind.Level, ["level", "grade", "rank"], [], ["等级", "级别", "段位"]),
        new(ValueKind.Quantity, ["quantity", "qty", "buyNum", "buyCount"], [], ["件数", "份数", "台数", "购买数量", "下单数量"]),
        new(ValueKind.Count, [], ["count", "num", "total", "times"], ["数量", "次数", "个数", "人数", "总数", "条数", "数目", "单量"]),
        new(ValueKind.Service, ["service", "serviceName", "serviceType", "category", "categoryName"], [], ["服务名称", "服务项目", "服务类型", "服务类别", "品类"]),
        new(ValueKind.ServiceItem, ["item", "itemName", "productName", "goodsName", "skuName", "projectName"], [],
            ["项目名称", "项目名", "商品名称", "商品名", "明细名称", "服务项目名称"]),
        new(ValueKind.Team, ["group", "groups", "groupName", "team", "teams", "teamName", "dept", "deptName", "department"], [],
            ["分组", "组名", "小组", "班组", "团队", "部门", "组别"]),
        new(ValueKind.Skill, ["skill", "skills", "specialty", "expertise"], [], ["技能", "擅长", "专长"]),
        new(ValueKind.PersonName, ["realName", "userName", "fullName", "trueName", "contactName", "contact", "linkman", "staffName",
            "operatorName", "workerName", "masterName", "customerName", "creator", "operator"], [],
            ["姓名", "名字", "联系人", "联系名称", "真实姓名", "师傅", "员工", "操作人", "负责人", "用户名", "创建人"]),
        new(ValueKind.NickName, ["nick", "nickName", "nickname"], [], ["昵称"]),
        new(ValueKind.Phone, ["phone", "mobile", "tel", "telephone", "phoneNo", "mobileNo", "telNo", "phoneNumber", "mobileNumber", "contactPhone"], [],
            ["电话", "手机", "号码", "手机号", "联系方式"]),
        new(ValueKind.Image, ["icon", "avatar", "logo", "image", "img", "pic", "picture", "photo", "url", "link", "cover", "thumb", "thumbnail"], [],
            ["头像", "图标", "图片", "照片", "logo", "封面", "缩略图", "头像地址", "图片地址", "图标地址", "图片链接", "头像链接", "链接"]),
        new(ValueKind.Address, ["address", "addr"], [], ["地址", "住址"]),
        new(ValueKind.City, ["city", "cityName"], [], ["城市"]),
        new(ValueKind.Latitude, ["lat", "latitude"], [], ["纬度"]),
        new(ValueKind.Longitude, ["lng", "lon", "longitude"], [], ["经度"]),
        new(ValueKind.Title, ["title", "subtitle", "subject", "headline"], [], ["标题", "主题"]),
        new(ValueKind.Message, ["message", "content", "msg", "text", "reply", "comment"], [], ["消息", "内容", "留言", "回复", "评价"]),
        new(ValueKind.Remark, ["remark", "memo", "note", "desc", "description", "summary", "intro"], [], ["备注", "描述", "说明", "简介", "介绍"]),
        new(ValueKind.Tag, ["tag", "tags", "label", "labels"], [], ["标签"]),
        new(ValueKind.Version, ["version", "ver", "versionName", "versionCode", "appVersion"], [], ["版本"]),
        new(ValueKind.ThingName, [], ["name"], ["名称"]),
    ];

    /// <summary>
    /// What a bare <c>name</c> (or a 名称 without its own noun) is named by: its object, by the section's or the list
    /// field's name and words. Any other object's name is a <see cref="ValueKind.ThingName"/>.
    /// </summary>
    private static readonly ImmutableArray<ValueKindRow> Contexts =
    [
        new(ValueKind.PersonName, ["user", "users", "contact", "contacts", "staff", "operator", "worker", "workers", "master", "member", "members",
            "customer", "linkman", "employee", "op"], [], ["用户", "客户", "联系人", "师傅", "员工", "客服", "成员"]),
        new(ValueKind.ServiceItem, ["item", "items", "goods", "product", "products", "sku", "skus"], [], ["项目", "商品", "明细"]),
        new(ValueKind.Service, ["service", "services"], [], ["服务"]),
        new(ValueKind.Team, ["group", "groups", "team", "teams"], [], ["分组", "团队", "小组"]),
        new(ValueKind.Skill, ["skill", "skills"], [], ["技能"]),
        new(ValueKind.City, ["city", "cities"], [], ["城市"]),
    ];

    /// <summary>A 名称 whose noun ends with one of these is a person's (客服名称, 联系人名称).</summary>
    private static readonly string[] PersonNouns = ["用户", "客户", "客服", "师傅", "员工", "联系人", "联系", "操作人", "负责人", "阿姨", "保姆", "月嫂", "技师", "工人", "人", "OP"];

    /// <summary>Leading words of a 名称's noun that say where, not what (所属门店名称 → 门店).</summary>
    private static readonly string[] NounModifiers = ["所属", "所在", "当前", "对应", "关联", "的"];

    private static readonly Patterns ByName = new(Table, generic: false);
    private static readonly Patterns ByGenericName = new(Table, generic: true);
    private static readonly Patterns ByContextName = new(Contexts, generic: false);

    /// <summary>The plan of a field seen alone (no object around it, no example): tools and tests.</summary>
    public static ValuePlan Plan(DocField field) => Plan(field, "", "");

    /// <param name="contextWords">The words of the field's object: its list field's 描述/备注 and its section's caption.</param>
    /// <param name="contextNames">The names of the field's object: its field's and its section's (items, Item), and user/staff for an entity.</param>
    public static ValuePlan Plan(DocField field, string contextWords, string contextNames)
    {
        var nameWords = Words(field.Name);
        var strong = ByName.Match(nameWords);
        var generic = ByGenericName.Match(nameWords);
        // A strong word decides only as the head of the name: in serviceCount the head is the generic count.
        var kind = strong is { } s && (generic is not { } g || s.End > g.End || (s.End == g.End && s.Length > g.Length)) ? s.Row.Kind : ValueKind.None;
        string? wordsText = null;
        var noun = "";
        if (kind == ValueKind.None)
        {
            foreach (var text in new[] { field.Description, field.Remark })
            {
                if (MatchWords(Table, text) is { } found)
                {
                    kind = found.Row.Kind;
                    wordsText = text;
                    noun = kind == ValueKind.ThingName ? Noun(text[..found.Start]) : "";
                    break;
                }
            }
        }

        kind = kind == ValueKind.None ? generic?.Row.Kind ?? ValueKind.None : kind;
        if (kind == ValueKind.ThingName)
        {
            // A 名称 is a person's when its noun is a person; a bare one is named by its object; else it names a thing.
            kind = PersonNouns.Any(p => noun.EndsWith(p, StringComparison.Ordinal)) ? ValueKind.PersonName
                : noun.Length == 0 && Context(contextWords, contextNames) is { } named ? named
                : ValueKind.ThingName;
        }

        var all = field.Description + " " + field.Remark;
        if (kind == ValueKind.Time && field.Type.Kind is FieldKind.Integer or FieldKind.Number && Unit(all, nameWords) is not null)
        {
            // 响应时间(秒): a number of seconds is a duration, not an instant.
            kind = ValueKind.Duration;
        }

        return new ValuePlan(kind)
        {
            Unit = kind == ValueKind.Duration ? Unit(all, nameWords) ?? TimeUnit.Seconds : TimeUnit.Seconds,
            Cents = kind == ValueKind.Money && field.Type.Kind == FieldKind.Integer && (CentsWords().IsMatch(all) || nameWords.Any(w => w is "fen" or "cent" or "cents")),
            Noun = kind == ValueKind.ThingName ? noun : "",
            ByWords = wordsText is not null,
        };
    }

    /// <summary>
    /// The plans of an object's fields: each field's own, then what its siblings say: money beside a service or an item
    /// is priced as that service or item (<see cref="ValuePlan.Sibling"/>), a count beside one, or in an item, is a quantity,
    /// and an item inside an object naming a service (an order's lines) is one of that service's items.
    /// </summary>
    public static ImmutableArray<ValuePlan> Plans(ImmutableArray<DocField> fields, ValueContext context)
    {
        var plans = new ValuePlan[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            plans[i] = Plan(fields[i], context.Words, context.Names) with { Shape = ValueShape.Of(context.Samples(fields[i].Name)) };
        }

        var anchor = Array.FindIndex(plans, p => p.Kind == ValueKind.ServiceItem);
        anchor = anchor >= 0 ? anchor : Array.FindIndex(plans, p => p.Kind == ValueKind.Service);
        var inItem = anchor >= 0 || Context(context.Words, context.Names) == ValueKind.ServiceItem;
        for (var i = 0; i < plans.Length; i++)
        {
            plans[i] = plans[i].Kind switch
            {
                ValueKind.Money => plans[i] with
                {
                    Sibling = anchor >= 0 ? anchor : null,
                    PricedBy = inItem && (anchor < 0 || plans[anchor].Kind == ValueKind.ServiceItem) ? ValueKind.ServiceItem : ValueKind.Service,
                    ParentService = context.ParentService,
                },
                ValueKind.ServiceItem => plans[i] with { ParentService = context.ParentService },
                ValueKind.Count when inItem => plans[i] with { Kind = ValueKind.Quantity },
                _ => plans[i],
            };
        }

        return [.. plans];
    }

    /// <summary>What an object's names and words say its bare <c>name</c> is; null when they say nothing.</summary>
    private static ValueKind? Context(string words, string names)
    {
        if (MatchWords(Contexts, words) is { } found)
        {
            return found.Row.Kind;
        }

        ValueKindRow? best = null;
        foreach (var name in names.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            best = ByContextName.Match(Words(name))?.Row ?? best;
        }

        return best?.Kind;
    }

    /// <summary>A 名称's noun: the Chinese just before it, without words of place (所属门店 → 门店), at most four characters.</summary>
    private static string Noun(string before)
    {
        var end = before.Length;
        var start = end;
        while (start > 0 && (char.IsAsciiLetter(before[start - 1]) || IsHan(before[start - 1])))
        {
            start--;
        }

        var noun = before[start..end];
        foreach (var modifier in NounModifiers)
        {
            var at = noun.LastIndexOf(modifier, StringComparison.Ordinal);
            noun = at >= 0 ? noun[(at + modifier.Length)..] : noun;
        }

        return noun.Length > 4 ? noun[^4..] : noun;
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

    /// <summary>The unit a duration is counted in, by the doc's words (秒, 分钟, 小时) or the name (…Seconds, …Mins); null when neither says.</summary>
    private static TimeUnit? Unit(string words, string[] nameWords) =>
        words.Contains("小时", StringComparison.Ordinal) || nameWords.Contains("hours") ? TimeUnit.Hours
        : words.Contains("分钟", StringComparison.Ordinal) || nameWords.Any(w => w is "minutes" or "mins" or "min") ? TimeUnit.Minutes
        : words.Contains('秒') || nameWords.Any(w => w is "seconds" or "secs" or "sec") ? TimeUnit.Seconds
        : null;

    /// <summary>The row whose word comes last in <paramref name="text"/> (the longer when two end together), and where that word starts.</summary>
    private static (ValueKindRow Row, int Start)? MatchWords(ImmutableArray<ValueKindRow> rows, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        (ValueKindRow Row, int Start, int End)? best = null;
        foreach (var row in rows)
        {
            foreach (var word in row.Words)
            {
                if (LastWord(text, word) is { } at)
                {
                    best = Better(best, (row, at, at + word.Length));
                }
            }
        }

        if (rows == Table)
        {
            // 元 as a unit (金额(元), 单位：元, 实付 元), and a count written as …数 (最大接待数): not inside 单元 or 参数.
            foreach (var (regex, kind) in new[] { (YuanUnit(), ValueKind.Money), (CountSuffix(), ValueKind.Count) })
            {
                if (regex.Matches(text) is { Count: > 0 } matches)
                {
                    var match = matches[^1];
                    best = Better(best, (rows.First(r => r.Kind == kind), match.Index, match.Index + match.Length));
                }
            }
        }

        return best is { } found ? (found.Row, found.Start) : null;
    }

    private static (ValueKindRow Row, int Start, int End) Better((ValueKindRow Row, int Start, int End)? best, (ValueKindRow Row, int Start, int End) candidate) =>
        best is not { } b || candidate.End > b.End || (candidate.End == b.End && candidate.End - candidate.Start > b.End - b.Start) ? candidate : b;

    /// <summary>Where <paramref name="word"/> last occurs; a Latin word (ID, logo) only as a whole word, in any case.</summary>
    private static int? LastWord(string text, string word)
    {
        if (!char.IsAsciiLetter(word[0]))
        {
            var at = text.LastIndexOf(word, StringComparison.Ordinal);
            return at >= 0 ? at : null;
        }

        for (var end = text.Length; end > 0;)
        {
            var at = text.LastIndexOf(word, end - 1, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return null;
            }

            var before = at == 0 || !char.IsAsciiLetter(text[at - 1]);
            var after = at + word.Length == text.Length || !char.IsAsciiLetter(text[at + word.Length]);
            if (before && after)
            {
                return at;
            }

            end = at;
        }

        return null;
    }

    /// <summary>A field name's words in lower case: camelCase, PascalCase, snake_case and ALLCAPS runs (userID → user, id).</summary>
    internal static string[] Words(string name) =>
        [.. NameWords().Matches(name).Select(m => m.Value.ToLowerInvariant())];

    [GeneratedRegex("[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")]
    private static partial Regex NameWords();

    [GeneratedRegex(@"(?<![单公纪])元(?![素旦宵气件])")]
    private static partial Regex YuanUnit();

    [GeneratedRegex(@"(?<![参系函分指])数(?=$|[，,。;；\s(（])")]
    private static partial Regex CountSuffix();

    [GeneratedRegex(@"单位[:：为]?\s*分(?!钟)|[（(]分[)）]")]
    private static partial Regex CentsWords();

    /// <summary>Name patterns, split into words once: a field name matches where the pattern's words appear in a row.</summary>
    private sealed class Patterns(ImmutableArray<ValueKindRow> rows, bool generic)
    {
        private readonly (ValueKindRow Row, string[] Words)[] patterns =
            [.. rows.SelectMany(r => (generic ? r.Generic : r.Names).Select(n => (r, Words(n))))];

        /// <summary>The row whose pattern ends last in the name (the longer when two end together), with where it ends (in words) and its length; null when none matches.</summary>
        public (ValueKindRow Row, int End, int Length)? Match(string[] name)
        {
            ValueKindRow? best = null;
            int bestEnd = -1, bestLength = 0;
            foreach (var (row, words) in patterns)
            {
                for (var start = name.Length - words.Length; start >= 0; start--)
                {
                    if (!name.AsSpan(start, words.Length).SequenceEqual(words))
                    {
                        continue;
                    }

                    var end = start + words.Length;
                    if (end > bestEnd || (end == bestEnd && words.Length > bestLength))
                    {
                        (best, bestEnd, bestLength) = (row, end, words.Length);
                    }

                    break;
                }
            }

            return best is null ? null : (best, bestEnd, bestLength);
        }
    }
}
