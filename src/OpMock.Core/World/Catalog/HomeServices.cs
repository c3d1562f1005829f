using System.Collections.Immutable;
using Bogus;

namespace OpMock.Core.World.Catalog;

/// <summary>A line of an order: what the customer buys, at a unit price (yuan) in this band.</summary>
internal sealed record ServiceItem(string Name, decimal Low, decimal High);

/// <summary>A home service (空调清洗), its category (the phrase corpus's kind of service), what an order of it costs (yuan), and its items.</summary>
internal sealed record HomeService(string Name, string Category, decimal Low, decimal High, ImmutableArray<ServiceItem> Items);

/// <summary>
/// What a home-services app sells, with 2024 Beijing/Shanghai price bands in yuan (list prices of the big platforms,
/// rounded): a value the doc calls 服务名称 is one of these services, a 项目名称 one of their items, and a 单价 beside it
/// that item's price. Weights are shares of orders: cleaning and appliance cleaning lead, live-in care is rare.
/// </summary>
internal static class HomeServices
{
    public const string Cleaning = "保洁";
    public const string ApplianceCleaning = "家电清洗";
    public const string Repair = "维修";
    public const string Moving = "搬家";
    public const string Care = "家政";

    public static readonly Weighted<HomeService> All = new(
        (Service("日常保洁", Cleaning, 120, 300, ("日常保洁（2小时）", 80, 120), ("日常保洁（3小时）", 120, 180), ("日常保洁（4小时）", 160, 240)), 14),
        (Service("深度保洁", Cleaning, 300, 900, ("厨房深度保洁", 200, 350), ("卫生间深度保洁", 150, 260), ("全屋深度保洁（三居）", 600, 900)), 8),
        (Service("开荒保洁", Cleaning, 500, 1500, ("新房开荒（90平以内）", 500, 800), ("新房开荒（90至140平）", 800, 1200), ("玻璃开荒清洁", 150, 300)), 4),
        (Service("擦玻璃", Cleaning, 100, 400, ("擦玻璃（10扇以内）", 100, 200), ("阳台玻璃清洁", 80, 160), ("落地窗清洁", 120, 240)), 4),
        (Service("除螨", Cleaning, 99, 299, ("床垫除螨", 79, 129), ("沙发除螨", 99, 159), ("窗帘除螨", 59, 99)), 3),
        (Service("收纳整理", Cleaning, 300, 1500, ("衣橱收纳整理", 300, 600), ("厨房收纳整理", 200, 400), ("全屋收纳规划", 800, 1500)), 2),
        (Service("钟点工", Cleaning, 80, 240, ("钟点工（1小时）", 40, 60), ("钟点工（2小时）", 80, 120)), 6),
        (Service("空调清洗", ApplianceCleaning, 80, 360, ("挂机空调清洗", 80, 120), ("柜机空调清洗", 120, 180), ("中央空调出风口清洗", 60, 100)), 10),
        (Service("油烟机清洗", ApplianceCleaning, 150, 300, ("油烟机深度清洗", 150, 260), ("燃气灶清洗", 50, 90)), 5),
        (Service("洗衣机清洗", ApplianceCleaning, 90, 180, ("波轮洗衣机清洗", 90, 140), ("滚筒洗衣机清洗", 120, 180)), 4),
        (Service("冰箱清洗", ApplianceCleaning, 100, 200, ("冰箱清洗消毒", 100, 160), ("双开门冰箱清洗", 140, 200)), 2),
        (Service("热水器清洗", ApplianceCleaning, 100, 200, ("电热水器除垢", 100, 160), ("燃气热水器清洗", 120, 200)), 2),
        (Service("水电维修", Repair, 50, 300, ("水龙头更换", 50, 100), ("插座更换", 30, 60), ("电路检修", 100, 200)), 5),
        (Service("管道疏通", Repair, 80, 300, ("马桶疏通", 80, 150), ("地漏疏通", 60, 120), ("厨房下水疏通", 100, 180)), 6),
        (Service("家电维修", Repair, 80, 500, ("空调加氟", 150, 300), ("洗衣机维修", 80, 200), ("冰箱维修", 100, 300), ("热水器维修", 80, 200)), 5),
        (Service("开锁换锁", Repair, 80, 400, ("普通门开锁", 80, 150), ("防盗门换锁芯", 150, 350), ("保险柜开锁", 200, 400)), 3),
        (Service("家具安装", Repair, 80, 600, ("衣柜组装", 150, 300), ("床安装", 80, 160), ("窗帘杆安装", 50, 100)), 3),
        (Service("墙面翻新", Repair, 400, 3000, ("单间墙面刷新", 400, 900), ("墙面裂缝修补", 200, 500)), 1),
        (Service("防水补漏", Repair, 300, 2000, ("卫生间防水补漏", 500, 1500), ("阳台渗水维修", 300, 800)), 1),
        (Service("居民搬家", Moving, 200, 1200, ("小面包车搬家", 200, 350), ("金杯车搬家", 300, 500), ("厢式货车搬家", 500, 900)), 4),
        (Service("小件搬运", Moving, 80, 300, ("小件搬运（5件以内）", 80, 150), ("家电搬运", 100, 200)), 2),
        (Service("公司搬迁", Moving, 1500, 8000, ("小型办公室搬迁", 1500, 3000), ("办公家具拆装", 500, 1200)), 1),
        (Service("钢琴搬运", Moving, 500, 1500, ("立式钢琴搬运", 500, 900), ("三角钢琴搬运", 1000, 1500)), 1),
        (Service("月嫂", Care, 8800, 18800, ("月嫂（26天）", 8800, 12800), ("金牌月嫂（26天）", 12800, 18800)), 1),
        (Service("育儿嫂", Care, 5000, 9000, ("白班育儿嫂（月）", 5000, 7000), ("住家育儿嫂（月）", 6500, 9000)), 1),
        (Service("住家保姆", Care, 4500, 7500, ("住家保姆（月）", 4500, 7500)), 1),
        (Service("老人陪护", Care, 4000, 8000, ("老人陪护（月）", 4500, 7500), ("医院陪护（天）", 200, 300)), 1),
        (Service("做饭阿姨", Care, 1500, 4000, ("做饭阿姨（一日两餐，月）", 2500, 4000), ("做饭阿姨（单次）", 60, 100)), 1));

    /// <summary>The services of one category, in catalog order.</summary>
    public static ImmutableArray<HomeService> Of(string category) => [.. All.Items.Where(s => s.Category == category)];

    /// <summary>The service a text names (空调清洗售后 → 空调清洗): the longest whose name it contains; null when none.</summary>
    public static HomeService? Named(string text) =>
        text.Length == 0 ? null : All.Items.Where(s => text.Contains(s.Name, StringComparison.Ordinal)).MaxBy(s => s.Name.Length);

    /// <summary>A service, then one of its items: two draws, in that order, so a sibling field can repeat them.</summary>
    public static (HomeService Service, ServiceItem Item) PickItem(Randomizer random)
    {
        var service = All.Pick(random);
        return (service, service.Items[random.Number(0, service.Items.Length - 1)]);
    }

    private static HomeService Service(string name, string category, decimal low, decimal high, params (string Name, decimal Low, decimal High)[] items) =>
        new(name, category, low, high, [.. items.Select(i => new ServiceItem(i.Name, i.Low, i.High))]);
}
