using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World;
using OpMock.Core.World.Catalog;
using OpMock.Tests.Support;

namespace OpMock.Tests.World;

/// <summary>Values the world generates for docs it has no attribute for, over thousands of seeded entities.</summary>
public sealed class ValueGeneratorTests
{
    private const int Entities = 2000;

    private static readonly WorldOptions Options = WorldOptions.Default with { Seed = 77 };

    private static readonly Lazy<(WorldData Data, OpWorld World, IReadOnlyDictionary<string, Endpoint> Routes)> Served = new(() =>
    {
        var docs = DocSet.FromTexts("docs", ValueDocs.All);
        docs.HasErrors.ShouldBeFalse(string.Join("\n", docs.Findings));
        var world = new OpWorld(Options, Pins.None, ExampleFacts.Read(docs.Endpoints, Options));
        return (new WorldData(world), world, docs.Endpoints.ToDictionary(e => e.Route));
    });

    /// <summary>
    /// The orders of 2,000 users (every 7th), generated once for the tests that read them: each checks its own rules on
    /// the same seeded entities instead of generating them again.
    /// </summary>
    private static readonly Lazy<JsonObject[][]> UsersOrders = new(() => [.. Enumerable.Range(0, Entities)
        .Select(i => Data(ValueDocs.OrdersRoute, "userId", Served.Value.World.UserId(i * 7))["orders"]!.AsArray().Select(o => o!.AsObject()).ToArray())]);

    private static DocField Field(string name, string description = "", FieldKind type = FieldKind.String) =>
        new(name, new FieldType(type, type.ToString()), description, "", null, null, true, true, 1);

    private static JsonObject Data(string route, string key, string id) =>
        Served.Value.Data.For(Served.Value.Routes[route], new JsonObject { [key] = id }, null).Data;

    [Theory]
    [InlineData("serviceName", "服务名称")]
    [InlineData("name", "项目名称")]
    [InlineData("groupName", "分组名称")]
    [InlineData("name", "门店名称")]
    [InlineData("name", "")]
    [InlineData("shopName", "")]
    [InlineData("skill", "技能")]
    [InlineData("title", "标题")]
    [InlineData("remark", "备注")]
    [InlineData("city", "城市")]
    [InlineData("category", "")]
    [InlineData("label", "")]
    public void Scalar_FieldThatIsNoPerson_NeverGetsAPersonsName(string name, string description)
    {
        var field = Field(name, description);
        for (var seed = 0; seed < 3000; seed++)
        {
            // When thousands of seeded values are made for a field that is not a person's name
            var value = new ValueGenerator(new Bogus.Randomizer(seed), Options).Scalar(field)!.GetValue<string>();

            // Then none is one
            ChineseNames.IsFullName(value).ShouldBeFalse($"{name} ({description}) = {value}");
        }
    }

    [Theory]
    [InlineData("name", "姓名")]
    [InlineData("masterName", "服务师傅")]
    [InlineData("contactName", "")]
    public void Scalar_PersonField_GetsAFullName(string name, string description)
    {
        var field = Field(name, description);
        for (var seed = 0; seed < 1000; seed++)
        {
            ChineseNames.IsFullName(new ValueGenerator(new Bogus.Randomizer(seed), Options).Scalar(field)!.GetValue<string>()).ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData(nameof(FieldKind.Number))]
    [InlineData(nameof(FieldKind.String))]
    public void Scalar_Money_IsYuanWithTwoDecimalsInACatalogBand(string typeName)
    {
        var type = Enum.Parse<FieldKind>(typeName);
        var field = Field("amount", "订单金额", type);
        var low = HomeServices.All.Items.Min(s => s.Low);
        var high = HomeServices.All.Items.Max(s => s.High);
        for (var seed = 0; seed < 3000; seed++)
        {
            var value = new ValueGenerator(new Bogus.Randomizer(seed), Options).Scalar(field)!;
            var text = type == FieldKind.String ? value.GetValue<string>() : value.ToJsonString();
            text.ShouldMatch(@"^\d+\.\d{2}$");
            decimal.Parse(text, CultureInfo.InvariantCulture).ShouldBeInRange(low, high);
        }
    }

    [Fact]
    public void Scalar_ListOfSkills_AreSkills()
    {
        var field = Field("skills", "技能") with { Type = new FieldType(FieldKind.List, "List<String>", new FieldType(FieldKind.String, "String")) };
        var skills = Teams.AllSkills().ToHashSet();
        for (var seed = 0; seed < 1000; seed++)
        {
            skills.ShouldContain(new ValueGenerator(new Bogus.Randomizer(seed), Options).ListText(field));
        }
    }

    [Fact]
    public void For_ServiceOrders_ServicesItemsPricesAndQuantitiesAreBelievable()
    {
        var services = HomeServices.All.Items.ToDictionary(s => s.Name);
        var items = HomeServices.All.Items.SelectMany(s => s.Items).ToDictionary(i => i.Name);
        var quantities = new List<long>();
        var orders = 0;
        foreach (var userOrders in UsersOrders.Value)
        {
            // Given a user's orders, from a doc that says 服务名称, 项目名称, 单价, 数量 and shows 201601061102350017, i1001
            foreach (var order in userOrders)
            {
                orders++;

                // Then each order names a service of the catalog, with an id of the example's shape; its amount is
                // what its lines add up to (World/Rules: Σ quantity × price), each line priced in its item's band
                var service = services[order["serviceName"]!.GetValue<string>()];
                order["amount"]!.GetValue<decimal>().ShouldBe(order["items"]!.AsArray().Sum(l => l!["quantity"]!.GetValue<long>() * l["price"]!.GetValue<decimal>()));
                order["orderId"]!.GetValue<string>().ShouldMatch(@"^20\d{16}$");
                ChineseNames.IsFullName(order["masterName"]!.GetValue<string>()).ShouldBeTrue();
                order["duration"]!.GetValue<long>().ShouldBeInRange(10, 240);
                foreach (var line in order["items"]!.AsArray().Select(l => l!.AsObject()))
                {
                    // And each line an item of the order's service at its unit price, a small quantity, an i + 4 digits id
                    var item = items[line["name"]!.GetValue<string>()];
                    service.Items.ShouldContain(item);
                    line["price"]!.GetValue<decimal>().ShouldBeInRange(item.Low, item.High);
                    line["itemId"]!.GetValue<string>().ShouldMatch(@"^i\d{4}$");
                    quantities.Add(line["quantity"]!.GetValue<long>());
                }
            }
        }

        orders.ShouldBeGreaterThan(Entities);
        quantities.ShouldAllBe(q => q >= 1 && q <= 3);
        ((double)quantities.Count(q => q == 1) / quantities.Count).ShouldBeInRange(0.6, 0.8);
        quantities.ShouldContain(2);
    }

    [Fact]
    public void For_OrderIds_AreDatedBeforeTheAnchorAndDistinct()
    {
        var ids = new HashSet<string>();
        foreach (var userOrders in UsersOrders.Value)
        {
            foreach (var order in userOrders)
            {
                var id = order["orderId"]!.GetValue<string>();
                var at = new DateTimeOffset(DateTime.ParseExact(id[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture), WorldOptions.ChinaOffset);
                at.ShouldBeLessThan(Options.Anchor);
                ids.Add(id);
            }
        }

        ids.Count.ShouldBeGreaterThan(Entities);
    }

    [Fact]
    public void For_StaffProfiles_GroupsSkillsShopsAndCountsAreBelievable()
    {
        var teams = Teams.AllTeams().ToHashSet();
        var skills = Teams.AllSkills().ToHashSet();
        var shops = new HashSet<string>();
        for (var i = 0; i < Entities; i++)
        {
            // Given an OP's profile: 分组名称, 技能, 门店名称, 等级, 满意度评分, g0001
            var data = Data(ValueDocs.ProfileRoute, "staffId", "o0001" + i.ToString("x32", CultureInfo.InvariantCulture));

            // Then groups are teams (never a person), skills are skills, the shop has a shop's name
            foreach (var group in data["groups"]!.AsArray())
            {
                teams.ShouldContain(group!["groupName"]!.GetValue<string>());
                group["groupId"]!.GetValue<string>().ShouldMatch(@"^g\d{4}$");
                group["memberCount"]!.GetValue<long>().ShouldBeInRange(0, 99);
            }

            data["skills"]!.AsArray().ShouldAllBe(s => skills.Contains(s!.GetValue<string>()));
            var shop = data["shop"]!["name"]!.GetValue<string>();
            shop.ShouldEndWith("门店");
            ChineseNames.IsFullName(shop).ShouldBeFalse();
            shops.Add(shop);
            data["shop"]!["shopId"]!.GetValue<string>().ShouldMatch(@"^SH-\d{4}$");
            data["level"]!.GetValue<long>().ShouldBeInRange(1, 5);
            data["score"]!.GetValue<decimal>().ShouldBeInRange(3.5m, 5m);
            data["city"]!.GetValue<string>().ShouldEndWith("市");
            ChineseNames.IsFullName(data["name"]!.GetValue<string>()).ShouldBeTrue();
        }

        shops.Count.ShouldBeGreaterThan(5);
    }

    [Fact]
    public void For_MemberProfiles_CodesAndNumbersFollowTheirExamples()
    {
        for (var i = 0; i < Entities; i++)
        {
            // Given a member profile: VIP00012345, KX9QZT, 1280 points, a balance in yuan, a card's 名称
            var data = Data(ValueDocs.MemberRoute, "userId", Served.Value.World.UserId(i * 3));

            data["memberNo"]!.GetValue<string>().ShouldMatch(@"^VIP\d{8}$");
            data["inviteCode"]!.GetValue<string>().ShouldMatch("^[A-Z0-9]{6}$");
            data["points"]!.GetValue<long>().ShouldBeInRange(1000, 9999);
            data["balance"]!.ToJsonString().ShouldMatch(@"^\d+\.\d{2}$");
            data["vipLevel"]!.GetValue<long>().ShouldBeInRange(1, 5);
            data["cardName"]!.GetValue<string>().ShouldEndWith("会员卡");
            ChineseNames.IsFullName(data["userName"]!.GetValue<string>()).ShouldBeTrue();
        }
    }

    [Fact]
    public void For_ExampleEntity_KeepsItsDocumentedValues()
    {
        // Given the doc's own sample (user u0001aa…1), When it is asked
        var data = Data(ValueDocs.OrdersRoute, "userId", "u0001aa00000000000000000000000000000001");

        // Then its order is the example's, its images served by OpMock under their own file names
        var order = data["orders"]![0]!;
        order["orderId"]!.GetValue<string>().ShouldBe("201601061102350017");
        order["items"]![1]!["pic"]!.GetValue<string>().ShouldBe("http://127.0.0.1:8080/__opmock/images/i1002.png");
        order["items"]![1]!["quantity"]!.GetValue<long>().ShouldBe(2);
    }
}
