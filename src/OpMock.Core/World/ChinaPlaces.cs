using System.Globalization;
using Bogus;
using OpMock.Core.World.Catalog;

namespace OpMock.Core.World;

/// <summary>A district of a city, its centre, and real streets in it.</summary>
internal sealed record District(string Name, double Lat, double Lng, string[] Streets);

/// <summary>A city and its districts.</summary>
/// <param name="Prefix">Province and city as written before the district (北京市, 广东省广州市).</param>
internal sealed record City(string Prefix, District[] Districts);

/// <summary>
/// Addresses as the examples write them: 北京市海淀区小清河路 (province/city, district, street, number),
/// with every street in the district that really has it and a location near that district's centre.
/// </summary>
internal static class ChinaPlaces
{
    public static readonly City[] Cities =
    [
        new("北京市",
        [
            new("海淀区", 39.9800, 116.3000, ["小清河路", "万泉河路", "中关村大街", "学院路", "知春路", "苏州街"]),
            new("朝阳区", 39.9215, 116.4431, ["建国路", "望京街", "朝阳北路", "工体北路", "酒仙桥路", "广顺北大街"]),
            new("东城区", 39.9288, 116.4163, ["东直门内大街", "王府井大街", "东四北大街", "和平里中街", "崇文门外大街"]),
            new("西城区", 39.9123, 116.3660, ["西单北大街", "金融大街", "西直门外大街", "德胜门外大街", "广安门内大街"]),
            new("丰台区", 39.8585, 116.2868, ["丰台北路", "马家堡东路", "南三环西路", "方庄路"]),
            new("昌平区", 40.0800, 116.3100, ["回龙观西大街", "立汤路", "府学路", "龙域北街"]),
        ]),
        new("上海市",
        [
            new("浦东新区", 31.2215, 121.5447, ["世纪大道", "张杨路", "陆家嘴环路", "东方路", "锦绣路"]),
            new("徐汇区", 31.1885, 121.4365, ["漕溪北路", "衡山路", "肇嘉浜路", "天钥桥路", "田林路"]),
            new("静安区", 31.2290, 121.4480, ["南京西路", "常德路", "江宁路", "共和新路", "大统路"]),
            new("黄浦区", 31.2317, 121.4846, ["南京东路", "淮海中路", "西藏中路", "复兴中路", "人民路"]),
            new("长宁区", 31.2204, 121.4241, ["虹桥路", "天山路", "长宁路", "仙霞路", "延安西路"]),
            new("闵行区", 31.1128, 121.3817, ["沪闵路", "七莘路", "都市路", "虹梅南路"]),
        ]),
        new("广东省广州市",
        [
            new("天河区", 23.1244, 113.3612, ["天河路", "体育西路", "天河北路", "黄埔大道西", "中山大道西"]),
            new("越秀区", 23.1290, 113.2668, ["中山五路", "环市东路", "北京路", "东风中路", "解放北路"]),
            new("海珠区", 23.0839, 113.3172, ["江南大道中", "新港中路", "工业大道", "宝岗大道", "昌岗中路"]),
            new("白云区", 23.1648, 113.2730, ["白云大道北", "机场路", "同和路", "三元里大道"]),
            new("番禺区", 22.9376, 113.3841, ["番禺大道北", "迎宾路", "汉溪大道", "兴南大道"]),
        ]),
        new("广东省深圳市",
        [
            new("南山区", 22.5333, 113.9305, ["科技南路", "科苑路", "南海大道", "后海大道", "沙河西路"]),
            new("福田区", 22.5410, 114.0500, ["深南中路", "福华路", "华强北路", "彩田路", "益田路"]),
            new("罗湖区", 22.5485, 114.1315, ["人民南路", "东门中路", "深南东路", "宝安南路"]),
            new("宝安区", 22.5550, 113.8830, ["宝安大道", "创业一路", "建安一路", "前进一路"]),
            new("龙岗区", 22.7206, 114.2470, ["龙岗大道", "龙翔大道", "吉华路", "布龙路"]),
        ]),
        new("浙江省杭州市",
        [
            new("西湖区", 30.2596, 120.1300, ["文三路", "天目山路", "古墩路", "西溪路", "保俶路"]),
            new("上城区", 30.2420, 120.1692, ["延安路", "解放路", "清泰街", "望江路", "秋涛路"]),
            new("拱墅区", 30.3190, 120.1418, ["莫干山路", "湖墅南路", "小河路", "大关路", "上塘路"]),
            new("滨江区", 30.2083, 120.2110, ["江南大道", "滨盛路", "江陵路", "长河路", "网商路"]),
            new("余杭区", 30.2800, 120.0100, ["文一西路", "高教路", "五常大道", "良睦路"]),
        ]),
        new("四川省成都市",
        [
            new("武侯区", 30.6420, 104.0430, ["人民南路", "武侯祠大街", "科华北路", "玉林南路"]),
            new("锦江区", 30.6572, 104.0830, ["春熙路", "红星路", "东大街", "总府路"]),
            new("青羊区", 30.6742, 104.0613, ["长顺上街", "人民中路", "草堂路", "清江东路"]),
            new("金牛区", 30.6913, 104.0516, ["蜀汉路", "一品天下大街", "金府路", "沙湾路"]),
            new("成华区", 30.6600, 104.1019, ["建设路", "双林路", "府青路", "杉板桥路"]),
        ]),
        new("湖北省武汉市",
        [
            new("武昌区", 30.5539, 114.3162, ["中山路", "中南路", "中北路", "武珞路", "徐东大街"]),
            new("江汉区", 30.6015, 114.2703, ["江汉路", "新华路", "建设大道", "青年路"]),
            new("洪山区", 30.5005, 114.3437, ["珞喻路", "雄楚大道", "珞狮路", "卓刀泉路"]),
            new("汉阳区", 30.5549, 114.2184, ["汉阳大道", "龙阳大道", "鹦鹉大道", "墨水湖北路"]),
            new("江岸区", 30.6000, 114.3094, ["沿江大道", "黄浦大街", "二七路", "后湖大道"]),
        ]),
        new("江苏省南京市",
        [
            new("玄武区", 32.0507, 118.7978, ["珠江路", "北京东路", "龙蟠路", "太平北路"]),
            new("鼓楼区", 32.0663, 118.7698, ["中山北路", "中央路", "湖南路", "广州路", "草场门大街"]),
            new("秦淮区", 32.0393, 118.7946, ["中华路", "太平南路", "长乐路", "中山南路"]),
            new("建邺区", 32.0040, 118.7318, ["江东中路", "河西大街", "奥体大街", "庐山路"]),
            new("江宁区", 31.9536, 118.8398, ["双龙大道", "天元中路", "胜太路", "将军大道"]),
        ]),
        new("陕西省西安市",
        [
            new("雁塔区", 34.2137, 108.9480, ["长安南路", "小寨东路", "雁塔路", "电子正街"]),
            new("碑林区", 34.2569, 108.9466, ["南大街", "东大街", "友谊西路", "和平路", "咸宁西路"]),
            new("新城区", 34.2669, 108.9604, ["解放路", "东新街", "西五路", "长乐中路"]),
            new("莲湖区", 34.2656, 108.9338, ["大庆路", "劳动路", "西大街", "桃园南路"]),
            new("未央区", 34.3081, 108.9468, ["凤城八路", "未央路", "文景路", "明光路"]),
        ]),
        new("天津市",
        [
            new("和平区", 39.1172, 117.2148, ["南京路", "滨江道", "和平路", "成都道", "营口道"]),
            new("南开区", 39.1381, 117.1502, ["卫津路", "鞍山西道", "复康路", "红旗南路", "黄河道"]),
            new("河西区", 39.1096, 117.2233, ["友谊路", "解放南路", "围堤道", "大沽南路"]),
            new("河东区", 39.1284, 117.2517, ["大直沽路", "十一经路", "津塘路", "卫国道"]),
            new("滨海新区", 39.0032, 117.7103, ["新港路", "洞庭路", "第三大街", "中心北路"]),
        ]),
    ];

    /// <summary>Shares of users per city, roughly by the size of the home-services market.</summary>
    private static readonly Weighted<City> ByMarket = new(
        (Cities[0], 16), (Cities[1], 16), (Cities[2], 11), (Cities[3], 12), (Cities[4], 9),
        (Cities[5], 10), (Cities[6], 8), (Cities[7], 7), (Cities[8], 6), (Cities[9], 5));

    /// <summary>How far (in degrees, about 3 km) a point strays from its district's centre.</summary>
    public const double Radius = 0.03;

    /// <summary>A user's home city from a hash of the user id, so the user and its chat agree on it.</summary>
    public static City CityOf(ulong hash) => ByMarket.Pick(hash);

    public static City City(Randomizer random) => ByMarket.Pick(random);

    /// <summary>A street address in a district; the number is left off now and then, as in the example.</summary>
    public static string Address(Randomizer random, City city, District district) =>
        city.Prefix + district.Name + random.ArrayElement(district.Streets) + (random.Bool(0.7f) ? random.Number(1, 399) + "号" : "");

    public static string Address(Randomizer random, City city) => Address(random, city, random.ArrayElement(city.Districts));

    /// <summary>A home a worker is sent to: the street address, often down to building, unit and flat.</summary>
    public static string HomeAddress(Randomizer random, City city)
    {
        var district = random.ArrayElement(city.Districts);
        var street = random.ArrayElement(district.Streets);
        var number = random.Number(1, 399);
        return random.Bool(0.6f)
            ? string.Create(CultureInfo.InvariantCulture, $"{city.Prefix}{district.Name}{street}{number}号{random.Number(1, 30)}号楼{random.Number(1, 6)}单元{random.Number(1, 28)}0{random.Number(1, 4)}")
            : string.Create(CultureInfo.InvariantCulture, $"{city.Prefix}{district.Name}{street}{number}号");
    }

    /// <summary>Within <see cref="Radius"/> of the district's centre, rounded as the example does (116.2986, 40.02248).</summary>
    public static (double Lat, double Lng) Near(Randomizer random, District district) =>
        (Math.Round(district.Lat + random.Double(-Radius, Radius), 5), Math.Round(district.Lng + random.Double(-Radius, Radius), 4));

    public static (double Lat, double Lng) Near(Randomizer random, City city) => Near(random, random.ArrayElement(city.Districts));

    /// <summary>The district an address names, if it is one of these cities' (北京市海淀区… → 海淀区).</summary>
    public static (City City, District District)? Parse(string address)
    {
        foreach (var city in Cities)
        {
            if (address.StartsWith(city.Prefix, StringComparison.Ordinal))
            {
                var rest = address.AsSpan(city.Prefix.Length);
                foreach (var district in city.Districts)
                {
                    if (rest.StartsWith(district.Name, StringComparison.Ordinal))
                    {
                        return (city, district);
                    }
                }
            }
        }

        return null;
    }
}
