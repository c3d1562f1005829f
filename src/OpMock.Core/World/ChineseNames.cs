namespace OpMock.Core.World;

/// <summary>
/// Chinese names as people write them: family name first, no space (王思远), and the nicknames people
/// go by, made from their own name (阿远, 小王, 老王, 思远). Bogus's zh_CN locale alone produced
/// "思远 孔" and "杨 Inc".
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
        "国庆", "红梅", "建国", "丽娟", "小燕", "玉兰", "志刚", "淑珍", "俊豪", "若曦",
    ];

    // Characters of given names, by whom they are mostly given to; a name is read from its last character back (海燕: 燕).
    private const string FemaleCharacters = "芳娜敏静丽艳娟霞秀英桂涵桐欣怡萱嘉琪梦瑶诗雅婷曦婉清梅燕兰淑珍玉红莉萍雪慧倩颖琴洁凤蓉晶妍琳薇露玲菲媛丹娇美月巧佩璐岚";

    private const string MaleCharacters = "伟强磊军洋勇杰涛明超平刚远浩然宇轩俊志东建博天国庆立湘定豪鹏斌峰龙辉波亮飞鑫凯坤健威武雄彪虎林晨阳";

    /// <summary>A full name, split so a nickname or a relative can be made from it.</summary>
    public static (string Family, string Given) Person(Bogus.Randomizer random) =>
        (random.ArrayElement(Family), random.ArrayElement(Given));

    public static string FullName(Bogus.Randomizer random) =>
        random.ArrayElement(Family) + random.ArrayElement(Given);

    /// <summary>
    /// What friends and the app call this person, from their own name: 阿远 / 小远 / 远远 (given name's
    /// last character), 小王 / 老王 (family name), or the given name alone (思远).
    /// </summary>
    public static string Nickname(Bogus.Randomizer random, string family, string given)
    {
        var last = given[^1..];
        return random.Number(0, 9) switch
        {
            0 or 1 => "阿" + last,
            2 or 3 => "小" + family,
            4 => "老" + family,
            5 or 6 => given.Length > 1 ? given : "小" + given,
            7 => "小" + last,
            _ => last + last,
        };
    }

    /// <summary>A nickname of someone whose name nobody needs (a field of a doc the world knows nothing about).</summary>
    public static string Nickname(Bogus.Randomizer random)
    {
        var (family, given) = Person(random);
        return Nickname(random, family, given);
    }

    /// <summary>A contact a user left: a relative with the user's family name, or 王先生 / 李女士 as call centres write them.</summary>
    public static string Contact(Bogus.Randomizer random, string userFamily) =>
        random.Number(0, 2) switch
        {
            0 => userFamily + random.ArrayElement(Given),
            1 => random.ArrayElement(Family) + "先生",
            _ => random.ArrayElement(Family) + "女士",
        };

    public static bool IsFamilyName(string text) => Family.Contains(text);

    /// <summary>A full name split into family and given name (the longest known family name that starts it).</summary>
    public static (string Family, string Given)? Split(string name) =>
        Family.Where(f => name.Length > f.Length && name.StartsWith(f, StringComparison.Ordinal)).MaxBy(f => f.Length) is { } family
            ? (family, name[family.Length..])
            : null;

    /// <summary>Whether a text is a name this generator makes: a known family name and a known given name (钟点工 is not one).</summary>
    public static bool IsFullName(string text) => Split(text) is { } parts && Given.Contains(parts.Given);

    /// <summary>
    /// A full name a nickname could come from (<see cref="Nickname(Bogus.Randomizer, string, string)"/> read backwards):
    /// 阿洋 / 小洋 / 洋洋 → a given name ending in 洋, 小王 / 老王 → the family name 王, 思远 → the given name 思远; null
    /// for a nickname no name makes (Latin, digits, a word).
    /// </summary>
    public static string? NameFor(Bogus.Randomizer random, string nickname)
    {
        if (nickname.Length is < 2 or > 3 || !nickname.All(c => c is >= '\u4e00' and <= '\u9fff'))
        {
            return null;
        }

        if (nickname.Length == 3 && Split(nickname) is not null)
        {
            return nickname;
        }

        var (head, last) = (nickname[..1], nickname[1..]);
        if (head is "小" or "老" && IsFamilyName(last))
        {
            return last + random.ArrayElement(Given);
        }

        if (nickname.Length == 3)
        {
            return null;
        }

        var endsWith = head is "阿" or "小" || head == last ? last : head == "老" ? null : nickname;
        if (endsWith is null)
        {
            return null;
        }

        var fitting = Given.Where(g => g.EndsWith(endsWith, StringComparison.Ordinal)).ToArray();
        return random.ArrayElement(Family) + (fitting.Length > 0 ? random.ArrayElement(fitting) : endsWith);
    }

    /// <summary>
    /// Whether a name is a woman's (true) or a man's (false), by its given name's characters from the last back (梁海燕:
    /// 燕, a woman; 熊志强: 强, a man), or a title (王女士, 李先生); null when no character tells (一诺).
    /// </summary>
    public static bool? IsFemale(string name)
    {
        if (name.EndsWith("女士", StringComparison.Ordinal) || name.EndsWith("小姐", StringComparison.Ordinal))
        {
            return true;
        }

        if (name.EndsWith("先生", StringComparison.Ordinal))
        {
            return false;
        }

        var given = Split(name)?.Given ?? name;
        for (var i = given.Length - 1; i >= 0; i--)
        {
            if (FemaleCharacters.Contains(given[i], StringComparison.Ordinal))
            {
                return true;
            }

            if (MaleCharacters.Contains(given[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return null;
    }

    /// <summary>Whether a full name starts with a known family name and has a given name after it.</summary>
    public static bool LooksLikeFullName(string name) =>
        Family.Any(f => name.StartsWith(f, StringComparison.Ordinal) && name.Length > f.Length && name.Length <= f.Length + 2);
}
