namespace OpMock.Core.World;

/// <summary>A city with real districts and streets, and its centre, so a location is near its address.</summary>
/// <param name="Prefix">Province and city as written before the district (北京市, 广东省广州市).</param>
internal sealed record City(string Prefix, double Lat, double Lng, string[] Districts, string[] Streets);

/// <summary>Addresses as the examples write them: 北京市海淀区小清河路 (province/city, district, street, number).</summary>
internal static class ChinaPlaces
{
    public static readonly City[] Cities =
    [
        new("北京市", 39.9042, 116.4074, ["海淀区", "朝阳区", "东城区", "西城区", "丰台区", "昌平区"], ["小清河路", "万泉河路", "中关村大街", "学院路", "建国路", "望京街"]),
        new("上海市", 31.2304, 121.4737, ["浦东新区", "徐汇区", "静安区", "黄浦区", "长宁区", "闵行区"], ["世纪大道", "淮海中路", "南京西路", "漕溪北路", "虹桥路", "张杨路"]),
        new("广东省广州市", 23.1291, 113.2644, ["天河区", "越秀区", "海珠区", "白云区", "番禺区"], ["天河路", "中山五路", "江南大道", "白云大道", "环市东路"]),
        new("广东省深圳市", 22.5431, 114.0579, ["南山区", "福田区", "罗湖区", "宝安区", "龙岗区"], ["深南大道", "科技园路", "华强北路", "宝安大道", "福华路"]),
        new("浙江省杭州市", 30.2741, 120.1551, ["西湖区", "上城区", "拱墅区", "滨江区", "余杭区"], ["文三路", "延安路", "西溪路", "江南大道", "文一西路"]),
        new("四川省成都市", 30.5728, 104.0668, ["武侯区", "锦江区", "青羊区", "金牛区", "成华区"], ["人民南路", "天府大道", "春熙路", "蜀汉路", "建设路"]),
        new("湖北省武汉市", 30.5928, 114.3055, ["武昌区", "江汉区", "洪山区", "汉阳区", "江岸区"], ["中山路", "珞喻路", "解放大道", "汉阳大道", "沿江大道"]),
        new("江苏省南京市", 32.0603, 118.7969, ["玄武区", "鼓楼区", "秦淮区", "建邺区", "江宁区"], ["中山路", "汉中路", "珠江路", "江东中路", "双龙大道"]),
        new("陕西省西安市", 34.3416, 108.9398, ["雁塔区", "碑林区", "新城区", "莲湖区", "未央区"], ["长安南路", "小寨东路", "解放路", "大庆路", "凤城八路"]),
        new("天津市", 39.0842, 117.2009, ["和平区", "南开区", "河西区", "河东区", "滨海新区"], ["南京路", "卫津路", "友谊路", "大直沽路", "新港路"]),
    ];

    /// <summary>A street address in a city; the number is left off now and then, as in the example.</summary>
    public static string Address(Bogus.Randomizer random, City city) =>
        city.Prefix + random.ArrayElement(city.Districts) + random.ArrayElement(city.Streets)
        + (random.Bool(0.7f) ? random.Number(1, 399) + "号" : "");

    /// <summary>Within about 15 km of the centre, rounded as the example does (116.2986, 40.02248).</summary>
    public static (double Lat, double Lng) Near(Bogus.Randomizer random, City city) =>
        (Math.Round(city.Lat + random.Double(-0.12, 0.12), 5), Math.Round(city.Lng + random.Double(-0.12, 0.12), 4));
}
