using System.Collections.Immutable;
using Bogus;
using OpMock.Core.World.Catalog;

namespace OpMock.Core.World;

/// <summary>What a chat is about: its title (2.19's title, 2.36's subtitle) and its last message, which agree.</summary>
internal readonly record struct ChatTopic(string Title, string Message);

/// <summary>
/// Chinese texts of a home-services customer-service desk (the docs' domain: 保洁, 家政, 维修, 搬家 …).
/// A chat's title and its messages are composed — service × intent × stage of the conversation × detail — from a
/// small phrase corpus, so a few hundred phrases give hundreds of thousands of distinct, coherent texts: 空调清洗售后 /
/// 空调清洗做完了，但是开起来还有异味. In a template, {s} is the service, {t} a time, {d} a detail, {p} a problem,
/// {a} a district. Texts use Chinese characters and ，。？！ only.
/// </summary>
internal static class ChineseText
{
    /// <summary>Services of one category (<see cref="HomeServices"/>), with the details customers give and the problems they report.</summary>
    private sealed record Kind(string[] Services, string[] Details, string[] Problems)
    {
        public Kind(string category, string[] details, string[] problems)
            : this([.. HomeServices.Of(category).Select(s => s.Name)], details, problems)
        {
        }
    }

    /// <summary>What the customer wants: the title's suffix, what the customer writes, what the OP answers.</summary>
    private sealed record Intent(string Title, string[] Asks, string[] Replies);

    private static readonly Kind[] Kinds =
    [
        new(HomeServices.Cleaning,
            ["八十平的两居室", "一百二十平的三居室", "刚装修完的新房", "住了十年的老房子", "六十平的一居室", "带小院的复式"],
            ["厨房油污没擦干净", "卫生间还有水渍", "窗户边角没擦到", "床底下没打扫", "地板上多了划痕", "柜子里面没擦"]),
        new(HomeServices.ApplianceCleaning,
            ["家里三台挂机", "一台柜机两台挂机", "用了五年的油烟机", "滚筒洗衣机", "双开门冰箱", "燃气热水器"],
            ["开起来还有异味", "还在往下滴油", "洗完之后有点漏水", "外壳被刮花了", "清洗完不制冷了", "滤网没装回去"]),
        new(HomeServices.Repair,
            ["卫生间下水道堵了", "厨房水龙头一直漏水", "插座一用就跳闸", "门锁打不开了", "新买的衣柜要组装", "墙面有好几道裂缝", "楼上渗水到我家"],
            ["修完又开始漏水了", "下水还是很慢", "师傅多收了材料费", "换的配件不是原装的", "墙上留了很多灰", "用了两天又坏了"]),
        new(HomeServices.Moving,
            ["六楼没电梯", "两室一厅的东西", "十几个纸箱", "同城十公里左右", "有一台大冰箱"],
            ["家具磕坏了一个角", "少了一个箱子", "到了之后又加价", "师傅迟到了一个小时", "电视屏幕被压坏了"]),
        new(HomeServices.Care,
            ["宝宝刚满月", "预产期在下个月", "家里有两位老人", "需要住家", "白天帮忙照看孩子", "一家四口做两顿饭"],
            ["阿姨做饭不太合口味", "阿姨上班经常看手机", "阿姨请假没有提前说", "阿姨和老人相处不太好", "阿姨对宝宝不够细心"]),
    ];

    private static readonly Intent[] Intents =
    [
        new("预约",
            ["你好，我想预约{t}的{s}", "{t}能安排{s}吗？", "帮我约一下{s}，{d}", "{d}，想约{t}上门", "{s}最早什么时候能约？"],
            ["好的，已为您预约{t}的{s}", "{t}的师傅已约满，帮您改到后一天可以吗？"]),
        new("咨询",
            ["{s}怎么收费？", "{d}，{s}大概多少钱？", "请问{s}需要多长时间？", "{s}需要我自己准备工具吗？", "{s}有没有优惠活动？"],
            ["{s}按实际情况报价，师傅上门看过再确认", "您好，{s}新用户首单立减二十元"]),
        new("改约",
            ["临时有事，{s}能改到{t}吗？", "师傅能不能{t}再来？", "我想取消{t}的{s}", "{t}家里没人，能换个时间吗？"],
            ["已帮您改到{t}，师傅会提前联系您", "好的，{s}已为您取消"]),
        new("订单",
            ["师傅到哪里了？", "{s}的师傅什么时候到？", "已经过了约定时间，师傅还没来", "师傅出发了吗？", "师傅的电话打不通"],
            ["师傅已经在路上了，预计半小时内到达", "正在联系师傅，请您稍等"]),
        new("售后",
            ["{s}做完了，但是{p}", "上次{s}之后{p}，能安排返工吗？", "{p}，这个怎么处理？"],
            ["非常抱歉，我们马上为您安排返工", "已登记售后，专员会在两小时内联系您"]),
        new("投诉",
            ["我要投诉，{p}", "对这次{s}很不满意，{p}", "{p}，希望给个说法"],
            ["非常抱歉给您带来不便，我们会认真核实处理", "已经记录您的投诉，今天之内给您答复"]),
        new("退款",
            ["{s}的订单取消了，钱什么时候退？", "申请退款好几天了还没到账", "{s}没做完，能退一部分吗？"],
            ["退款已提交，预计三到五个工作日原路退回", "已为您核实，部分退款今天会处理"]),
        new("发票",
            ["{s}可以开发票吗？", "发票抬头写公司，税号稍后发您", "电子发票在哪里查看？"],
            ["可以的，订单完成后在订单详情里申请开票", "电子发票会发到您的邮箱，请注意查收"]),
    ];

    private static readonly string[] Times =
    [
        "明天上午", "明天下午", "今天下午", "今晚七点以后", "后天上午", "这周六", "周日下午", "下周一上午", "下午三点", "上午十点",
    ];

    /// <summary>What an OP writes first or when nothing more specific fits.</summary>
    private static readonly string[] Openers =
    [
        "您好，请问有什么可以帮您？", "收到，马上为您处理", "请稍等，正在为您查询", "好的，谢谢！", "还在吗？", "好的，辛苦了",
    ];

    /// <summary>The middle of a conversation: the customer gives details and asks about them.</summary>
    private static readonly string[] UserDetails =
    [
        "{d}", "家里是{d}", "是{d}，大概要多久？", "{t}家里有人", "我家在{a}，师傅能上门吗？", "师傅需要自己带工具吗？", "价格能便宜一点吗？",
        "可以指定上次那位师傅吗？", "{s}包含哪些内容？", "需要提前准备什么吗？", "上门前能先打个电话吗？", "{t}之前能到吗？", "师傅大概几点到？",
        "上次{p}，这次能注意一下吗？", "有没有更早一点的时间？", "可以开发票吗？", "能用优惠券吗？", "小区需要登记，师傅到了给我打电话", "地址就是{a}那个",
    ];

    /// <summary>The middle of a conversation: the OP asks for details, confirms and arranges.</summary>
    private static readonly string[] OpDetails =
    [
        "请问您家是{d}吗？", "已经帮您备注{d}", "师傅会在{t}上门", "请问方便留一下联系电话吗？", "{s}的费用师傅上门确认后再收取", "已为您安排{a}附近的师傅",
        "师傅出发前会提前联系您", "{t}可以的，已为您锁定时间", "工具师傅都会自带，您不用准备", "优惠券在下单时可以直接使用", "已帮您备注指定上次的师傅",
        "请问具体是哪里{p}？", "这个问题我已经记录下来了", "麻烦您发一张照片给我看看", "已为您升级处理，请稍等", "正在为您查询师傅的位置",
    ];

    private static readonly string[] UserClosings =
    [
        "好的，谢谢", "好的，那就这样", "辛苦了", "好的，我等师傅电话", "明白了，谢谢你", "没有其他问题了", "好的，麻烦你了", "行，就按这个来",
        "知道了，谢谢客服", "好的，收到", "那我{t}等师傅", "好，{s}就拜托了", "{t}我都在家", "那就{t}吧", "好的，{s}做完我再评价",
        "师傅到{a}了给我打电话就行", "好，{d}的情况师傅知道就行", "行，那我{t}再联系你们",
    ];

    private static readonly string[] OpClosings =
    [
        "不客气，祝您生活愉快！", "还有其他可以帮您的吗？", "感谢您的耐心等待", "有问题随时联系我们", "感谢您的支持，再见", "稍后会有满意度评价，麻烦您给个好评",
        "服务完成后请在订单里确认", "祝您{s}顺利", "{t}见，师傅会准时到", "已为您记录，{t}之前会有专人回电", "{s}的订单已经确认，请留意短信通知",
        "{a}的师傅已接单，出发前会联系您", "{d}的情况已备注给师傅",
    ];

    private static readonly string[] UserPrefixes = ["", "", "", "你好，", "您好，", "在吗？", "麻烦问一下，", "客服你好，", "打扰一下，", "请问", "那个，", "对了，"];

    private static readonly string[] UserSuffixes = ["", "", "", "，谢谢", "，麻烦尽快", "，比较急", "，辛苦了", "，麻烦了", "。"];

    private static readonly string[] OpPrefixes = ["", "", "", "您好，", "好的，", "收到，", "明白，", "亲，", "非常理解，", "稍等，"];

    private static readonly string[] OpSuffixes = ["", "", "", "，请您放心", "，有问题随时联系我们", "，祝您生活愉快", "，请保持电话畅通", "，感谢您的耐心", "。"];

    /// <summary>Where customers live, as they say it (海淀区, 浦东新区): the districts of the world's cities.</summary>
    private static readonly string[] Areas = [.. ChinaPlaces.Cities.SelectMany(c => c.Districts).Select(d => d.Name).Distinct()];

    /// <summary>The brand's slogan, as 2.36's example titles a chat that has no topic yet.</summary>
    private const string Slogan = "Get帮你搞定一切";

    /// <summary>How many turns a conversation has before it closes (see <see cref="Turn"/>).</summary>
    private const int OpeningTurns = 2;
    private const int DetailTurns = 12;

    /// <summary>
    /// Why something happened, as a customer or an OP writes it in a reason's or a complaint's field, by what the field
    /// is about (<see cref="Rules.Reasons"/> reads the topic from its words). {s} a service, {p} a problem with it, {t} a time.
    /// </summary>
    private static readonly (string Topic, string[] Templates)[] ReasonTemplates =
    [
        ("退款", ["{s}没做完师傅就走了，申请退款", "{p}，申请部分退款", "{s}师傅迟到了两个小时，要求退一部分", "{s}下错单了，申请全额退款", "临时有事不需要{s}了",
            "{s}实际收费和下单时说的不一样", "{s}之后{p}，返工也没解决"]),
        ("取消", ["临时有事，{t}家里没人", "{s}下错单了，重新下一单", "{s}一直没有师傅接单", "{s}等的时间太长了，{t}也不一定能来", "计划有变，{t}再约", "不需要{s}了", "{s}价格比预想的高"]),
        ("投诉", ["{s}之后{p}，希望给个说法", "约好{t}的{s}，师傅没来，电话也打不通", "{p}，师傅态度也不好", "对这次{s}很不满意，{p}", "{s}多收了费用，没有给明细",
            "约了{t}的{s}，师傅到现在都没来"]),
        ("驳回", ["{s}订单完成已超过七天，不在售后期内", "未提供{s}的凭证，请补充照片后重新申请", "经核实师傅已按时上门，{s}已完成", "申请金额超过{s}订单的实付金额", "{s}信息不完整，请补充后重新提交",
            "账户信息有误，请核对后重新申请"]),
        ("处理", ["已联系用户，{t}安排师傅上门返工", "已核实{s}的问题，补偿优惠券一张", "已电话沟通{s}的问题，用户表示满意", "已退还{s}的差价并向用户致歉", "{p}，已转交售后专员跟进",
            "已提醒师傅注意，{s}重新安排在{t}"]),
    ];

    private static readonly string[] Tags =
    [
        "老客户", "VIP", "高频下单", "需回访", "新用户", "企业客户", "投诉过", "夜间下单", "保洁年卡", "有宠物", "家有老人", "需开发票",
    ];

    private static readonly string[] Remarks = ["家", "公司", "父母家", "出租屋", "新房", "常用地址"];

    private static readonly string[] Words = ["服务", "订单", "会员", "优惠", "配送", "预约", "咨询", "售后"];

    /// <summary>
    /// A chat's topic. The captured list shows chats with no title and no message (""), so some are empty; a title
    /// without a service is the brand's slogan, as in 2.36's example. The message is a turn of the chat's conversation.
    /// </summary>
    public static ChatTopic Topic(Randomizer random)
    {
        var kind = random.ArrayElement(Kinds);
        var intent = random.ArrayElement(Intents);
        var service = random.ArrayElement(kind.Services);
        var roll = random.Number(0, 99);
        var title = roll < 12 ? "" : roll < 20 ? Slogan : service + intent.Title;
        var message = random.Number(0, 99) < 15 ? "" : Turn(random, kind, service, intent, random.Number(0, 9), random.Bool(0.55f));
        return new ChatTopic(title, message);
    }

    /// <summary>
    /// One turn of a conversation about <paramref name="topic"/> (a chat's title such as 空调清洗售后, or a service; any
    /// other text, the slogan or "" leaves the service to the draw): what the user writes (<paramref name="fromUser"/>)
    /// or what the OP answers at turn <paramref name="turn"/> (0 first). The first turns open the matter (the user asks,
    /// the OP greets and answers), the middle ones settle details, the last close; every turn is composed anew, so a
    /// long conversation rarely repeats itself. The same (random state, topic, turn, side) gives the same text.
    /// </summary>
    public static string Turn(Randomizer random, string topic, int turn, bool fromUser)
    {
        var named = HomeServices.Named(topic);
        var kind = named is null ? random.ArrayElement(Kinds) : Kinds.First(k => k.Services.Contains(named.Name));
        var service = named?.Name ?? random.ArrayElement(kind.Services);
        var intent = Intents.FirstOrDefault(i => topic.EndsWith(i.Title, StringComparison.Ordinal)) ?? random.ArrayElement(Intents);
        return Turn(random, kind, service, intent, turn, fromUser);
    }

    /// <summary>A last message on its own, for a field of a doc the world knows nothing about.</summary>
    public static string Message(Randomizer random) => Topic(random).Message;

    public static string Title(Randomizer random)
    {
        var title = Topic(random).Title;
        return title.Length == 0 ? Slogan : title;
    }

    /// <summary>The topics <see cref="Reason"/> knows, in the order their words are looked for (退款, 取消, 投诉, 驳回, 处理).</summary>
    public static ImmutableArray<string> ReasonTopics { get; } = [.. ReasonTemplates.Select(r => r.Topic)];

    /// <summary>A reason about <paramref name="topic"/> (one of <see cref="ReasonTopics"/>; any other reads as a complaint), about a service and one of its problems.</summary>
    public static string Reason(Randomizer random, string topic)
    {
        var templates = ReasonTemplates.FirstOrDefault(r => r.Topic == topic).Templates ?? ReasonTemplates.First(r => r.Topic == "投诉").Templates;
        var kind = random.ArrayElement(Kinds);
        return Fill(random.ArrayElement(templates), random.ArrayElement(kind.Services), random.ArrayElement(Times), random.ArrayElement(kind.Details),
            random.ArrayElement(kind.Problems), random.ArrayElement(Areas));
    }

    /// <summary>Every reason <see cref="Reason"/> can write about <paramref name="topic"/> (reasons name no detail and no district).</summary>
    public static IEnumerable<string> AllReasons(string topic) =>
        from template in ReasonTemplates.FirstOrDefault(r => r.Topic == topic).Templates ?? ReasonTemplates.First(r => r.Topic == "投诉").Templates
        from kind in Kinds
        from service in kind.Services
        from problem in kind.Problems
        from time in Times
        select Fill(template, service, time, "", problem, "");

    public static string Tag(Randomizer random) => random.ArrayElement(Tags);

    public static string Remark(Randomizer random) => random.ArrayElement(Remarks);

    public static string Word(Randomizer random) => random.ArrayElement(Words) + random.ArrayElement(Words);

    /// <summary>Up to three distinct tags: the first steps of a Fisher–Yates shuffle, one draw per tag.</summary>
    public static ImmutableArray<string> TagList(Randomizer random)
    {
        var count = random.Number(0, 3);
        if (count == 0)
        {
            return [];
        }

        Span<int> order = stackalloc int[Tags.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var tags = ImmutableArray.CreateBuilder<string>(count);
        for (var k = 0; k < count; k++)
        {
            var j = random.Number(k, order.Length - 1);
            (order[k], order[j]) = (order[j], order[k]);
            tags.Add(Tags[order[k]]);
        }

        return tags.MoveToImmutable();
    }

    /// <summary>Every service the desk offers (日常保洁, 空调清洗, 管道疏通 …).</summary>
    internal static IEnumerable<string> Services => Kinds.SelectMany(k => k.Services);

    /// <summary>Every text the corpus can compose (prefixes and suffixes with the longest core), for tests that check it is Chinese and fits.</summary>
    internal static IEnumerable<string> AllTexts()
    {
        var area = Areas.MaxBy(a => a.Length)!;
        foreach (var kind in Kinds)
        {
            var detail = kind.Details.MaxBy(d => d.Length)!;
            var problem = kind.Problems.MaxBy(p => p.Length)!;
            foreach (var intent in Intents)
            {
                foreach (var service in kind.Services)
                {
                    yield return service + intent.Title;
                    foreach (var template in intent.Asks.Concat(intent.Replies).Concat(UserDetails).Concat(OpDetails).Concat(UserClosings).Concat(OpClosings))
                    {
                        foreach (var time in Times)
                        {
                            yield return Fill(template, service, time, detail, problem, area);
                        }
                    }
                }
            }

            var longest = Fill(UserDetails.MaxBy(t => t.Length)!, kind.Services.MaxBy(s => s.Length)!, Times.MaxBy(t => t.Length)!, detail, problem, area);
            foreach (var (prefix, suffix) in UserPrefixes.SelectMany(p => UserSuffixes.Concat(OpSuffixes).Select(s => (p, s))).Concat(OpPrefixes.SelectMany(p => OpSuffixes.Select(s => (p, s)))))
            {
                yield return Join(prefix, longest, suffix);
            }
        }

        foreach (var text in Openers.Append(Slogan))
        {
            yield return text;
        }
    }

    private static string Turn(Randomizer random, Kind kind, string service, Intent intent, int turn, bool fromUser)
    {
        var core = (turn < OpeningTurns, turn < OpeningTurns + DetailTurns, fromUser) switch
        {
            (true, _, true) => random.ArrayElement(intent.Asks),
            (true, _, false) => random.Number(0, 3) == 0 ? random.ArrayElement(Openers) : random.ArrayElement(intent.Replies),
            (_, true, true) => random.Number(0, 3) == 0 ? random.ArrayElement(intent.Asks) : random.ArrayElement(UserDetails),
            (_, true, false) => random.Number(0, 3) == 0 ? random.ArrayElement(intent.Replies) : random.ArrayElement(OpDetails),
            (_, _, true) => random.ArrayElement(UserClosings),
            _ => random.ArrayElement(OpClosings),
        };
        var text = Fill(core, service, random.ArrayElement(Times), random.ArrayElement(kind.Details), random.ArrayElement(kind.Problems), random.ArrayElement(Areas));
        return fromUser
            ? Join(random.ArrayElement(UserPrefixes), text, random.ArrayElement(UserSuffixes))
            : Join(random.ArrayElement(OpPrefixes), text, random.ArrayElement(OpSuffixes));
    }

    /// <summary>A core text with a lead-in and a tail, without doubled punctuation or greetings (好的，好的，).</summary>
    private static string Join(string prefix, string core, string suffix)
    {
        var ends = core.Length > 0 && core[^1] is '？' or '！' or '。';
        suffix = !ends ? suffix : suffix.StartsWith('，') ? suffix[1..] : suffix == "。" ? "" : suffix;
        prefix = prefix.Length > 1 && core.StartsWith(prefix[..^1], StringComparison.Ordinal) ? "" : prefix;
        return prefix + core + suffix;
    }

    /// <summary>Fills a template's {s} {t} {d} {p} {a} slots in one allocation; the corpus keeps every text well under the buffer.</summary>
    private static string Fill(string template, string service, string time, string detail, string problem, string area)
    {
        Span<char> buffer = stackalloc char[128];
        var length = 0;
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{' && i + 2 < template.Length && template[i + 2] == '}')
            {
                var value = template[i + 1] switch { 's' => service, 't' => time, 'd' => detail, 'a' => area, _ => problem };
                value.CopyTo(buffer[length..]);
                length += value.Length;
                i += 2;
            }
            else
            {
                buffer[length++] = template[i];
            }
        }

        return new string(buffer[..length]);
    }
}
