using Bogus;

namespace OpMock.Core.World.Catalog;

/// <summary>
/// How a home-services desk names its groups and what its people are good at: a value the doc calls 分组/组名 is a
/// team (售后一组, VIP专线组), 技能 a skill (空调清洗, 投诉处理), and a 名称 of anything else a name of that thing
/// (店铺名称 → 便民店铺), never a person's.
/// </summary>
internal static class Teams
{
    private static readonly string[] Lines =
    [
        "售后", "预约", "投诉", "退款", "保洁", "家电清洗", "维修", "搬家", "月嫂", "VIP", "夜班", "新人", "华东", "华北", "华南", "西南",
    ];

    private static readonly string[] Suffixes = ["一组", "二组", "三组", "组", "专线组", "小组"];

    /// <summary>What an OP or a worker is good at, beside the services themselves.</summary>
    private static readonly string[] DeskSkills =
    [
        "售后处理", "投诉处理", "退款审核", "订单改约", "发票开具", "电话回访", "上门报价", "粤语", "英语", "四川话",
    ];

    private static readonly string[] Qualifiers = ["阳光", "安心", "优选", "便民", "邻里", "金牌", "诚信", "社区", "乐家", "好帮手", "小蜜蜂", "家家"];

    public static string Team(Randomizer random) => random.ArrayElement(Lines) + random.ArrayElement(Suffixes);

    /// <summary>Half the time a service the worker does, else a desk skill.</summary>
    public static string Skill(Randomizer random) =>
        random.Bool() ? HomeServices.All.Pick(random).Name : random.ArrayElement(DeskSkills);

    /// <summary>A name of a thing (<paramref name="noun"/>: 店铺, 门店), or a service brand name when the doc names no noun.</summary>
    public static string ThingName(Randomizer random, string noun) =>
        random.ArrayElement(Qualifiers) + (noun.Length > 0 ? noun : HomeServices.All.Pick(random).Name);

    /// <summary>Every team name, for tests.</summary>
    internal static IEnumerable<string> AllTeams() => Lines.SelectMany(l => Suffixes.Select(s => l + s));

    /// <summary>Every skill, for tests.</summary>
    internal static IEnumerable<string> AllSkills() => HomeServices.All.Items.Select(s => s.Name).Concat(DeskSkills);
}
