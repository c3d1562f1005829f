namespace OpMock.Core.World;

/// <summary>Short Chinese texts for messages, titles and tags: what a customer-service chat shows.</summary>
internal static class ChineseText
{
    private static readonly string[] Messages =
    [
        "您好，请问有什么可以帮您？", "我的订单什么时候能送到？", "好的，谢谢！", "帮我预约明天上午的保洁", "麻烦帮我查一下物流",
        "师傅已经出发了吗？", "可以开发票吗？", "我想改一下收货地址", "收到，马上为您处理", "请稍等，正在为您查询",
    ];

    private static readonly string[] Titles =
    [
        "Get帮你搞定一切", "家政预约", "代买咨询", "订单售后", "跑腿服务", "洗衣取送", "维修上门", "会员咨询",
    ];

    private static readonly string[] Tags = ["老客户", "VIP", "高频下单", "需回访", "新用户", "企业客户", "投诉过", "夜间下单"];

    private static readonly string[] Remarks = ["家", "公司", "父母家", "学校", "常用地址"];

    private static readonly string[] Words = ["服务", "订单", "会员", "优惠", "配送", "预约", "咨询", "售后"];

    /// <summary>The captured list shows empty messages and titles often, so some are "".</summary>
    public static string Message(Bogus.Randomizer random) => random.Bool(0.3f) ? "" : random.ArrayElement(Messages);

    public static string Title(Bogus.Randomizer random) => random.ArrayElement(Titles);

    public static string Tag(Bogus.Randomizer random) => random.ArrayElement(Tags);

    public static string Remark(Bogus.Randomizer random) => random.ArrayElement(Remarks);

    public static string Word(Bogus.Randomizer random) => random.ArrayElement(Words) + random.ArrayElement(Words);

    public static List<string> TagList(Bogus.Randomizer random) => [.. random.ArrayElements(Tags, random.Number(0, 3)).Distinct()];
}
