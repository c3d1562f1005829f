namespace OpMock.Core.World;

/// <summary>
/// Chinese names as people write them: family name first, no space (王思远), and the nicknames
/// seen in chat apps (阿洋, 小王). Bogus's zh_CN locale alone produced "思远 孔" and "杨 Inc".
/// </summary>
internal static class ChineseNames
{
    // The most common family names, roughly by frequency, plus a few two-character ones.
    private static readonly string[] Family =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
        "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
        "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
        "欧阳", "司马", "上官", "诸葛",
    ];

    private static readonly string[] Given =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
        "刚", "桂英", "思远", "子涵", "浩然", "雨桐", "欣怡", "梓萱", "宇轩", "一诺", "俊杰", "嘉怡", "志强", "晓东", "海燕", "建华",
        "文博", "佳琪", "梦瑶", "天宇", "子轩", "诗涵", "博文", "雅婷", "晨曦", "明轩", "婉清", "定湘", "立新", "春梅",
    ];

    private static readonly string[] NickPrefix = ["阿", "小", "老"];

    public static string FullName(Bogus.Randomizer random) =>
        random.ArrayElement(Family) + random.ArrayElement(Given);

    /// <summary>阿洋 / 小王 / 老陈, or sometimes the given name alone.</summary>
    public static string Nickname(Bogus.Randomizer random)
    {
        var given = random.ArrayElement(Given);
        return random.Number(0, 3) switch
        {
            0 => random.ArrayElement(NickPrefix) + random.ArrayElement(Family)[..1],
            1 => "阿" + given[^1..],
            2 => given,
            _ => "小" + given[^1..],
        };
    }

    public static bool IsFamilyName(string text) => Family.Contains(text);

    /// <summary>Whether a full name starts with a known family name and has a given name after it.</summary>
    public static bool LooksLikeFullName(string name) =>
        Family.Any(f => name.StartsWith(f, StringComparison.Ordinal) && name.Length > f.Length && name.Length <= f.Length + 2);
}
