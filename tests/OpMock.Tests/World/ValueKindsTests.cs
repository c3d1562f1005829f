using System.Collections.Immutable;
using OpMock.Core.Docs;
using OpMock.Core.World;

namespace OpMock.Tests.World;

public sealed class ValueKindsTests
{
    private static DocField Field(string name, string description = "", string remark = "", FieldKind type = FieldKind.String) =>
        new(name, new FieldType(type, type.ToString()), description, remark, null, null, true, true, 1);

    [Theory]
    // A service, an item, a team, a skill: by name or by the doc's words, never a person.
    [InlineData("serviceName", "服务名称", "", nameof(FieldKind.String), nameof(ValueKind.Service))]
    [InlineData("serviceName", "", "", nameof(FieldKind.String), nameof(ValueKind.Service))]
    [InlineData("name", "服务名称", "", nameof(FieldKind.String), nameof(ValueKind.Service))]
    [InlineData("project", "服务项目", "", nameof(FieldKind.String), nameof(ValueKind.Service))]
    [InlineData("name", "项目名称", "", nameof(FieldKind.String), nameof(ValueKind.ServiceItem))]
    [InlineData("itemName", "", "", nameof(FieldKind.String), nameof(ValueKind.ServiceItem))]
    [InlineData("groupName", "分组名称", "", nameof(FieldKind.String), nameof(ValueKind.Team))]
    [InlineData("name", "组名", "", nameof(FieldKind.String), nameof(ValueKind.Team))]
    [InlineData("skills", "技能", "", nameof(FieldKind.String), nameof(ValueKind.Skill))]
    [InlineData("name", "门店名称", "", nameof(FieldKind.String), nameof(ValueKind.ThingName))]
    [InlineData("cardName", "会员卡名称", "", nameof(FieldKind.String), nameof(ValueKind.ThingName))]
    [InlineData("shopName", "", "", nameof(FieldKind.String), nameof(ValueKind.ThingName))]
    [InlineData("name", "", "", nameof(FieldKind.String), nameof(ValueKind.ThingName))]
    // People: only where a name or the words say so.
    [InlineData("name", "姓名", "", nameof(FieldKind.String), nameof(ValueKind.PersonName))]
    [InlineData("name", "联系名称", "", nameof(FieldKind.String), nameof(ValueKind.PersonName))]
    [InlineData("name", "客服名称", "", nameof(FieldKind.String), nameof(ValueKind.PersonName))]
    [InlineData("realName", "用户Name", "", nameof(FieldKind.String), nameof(ValueKind.PersonName))]
    [InlineData("masterName", "服务师傅", "", nameof(FieldKind.String), nameof(ValueKind.PersonName))]
    [InlineData("nickName", "用户昵称", "", nameof(FieldKind.String), nameof(ValueKind.NickName))]
    // Money, counts, quantities, levels, ratings, durations.
    [InlineData("amount", "订单金额", "", nameof(FieldKind.Number), nameof(ValueKind.Money))]
    [InlineData("price", "单价", "", nameof(FieldKind.Number), nameof(ValueKind.Money))]
    [InlineData("totalAmount", "", "", nameof(FieldKind.Number), nameof(ValueKind.Money))]
    [InlineData("paid", "实付(元)", "", nameof(FieldKind.Number), nameof(ValueKind.Money))]
    [InlineData("charge", "", "单位：元", nameof(FieldKind.Number), nameof(ValueKind.Money))]
    [InlineData("unitNo", "单元", "", nameof(FieldKind.String), nameof(ValueKind.Id))]
    [InlineData("quantity", "数量", "", nameof(FieldKind.Integer), nameof(ValueKind.Quantity))]
    [InlineData("count", "件数", "", nameof(FieldKind.Integer), nameof(ValueKind.Quantity))]
    [InlineData("count", "", "", nameof(FieldKind.Integer), nameof(ValueKind.Count))]
    [InlineData("serviceCount", "服务次数", "", nameof(FieldKind.Integer), nameof(ValueKind.Count))]
    [InlineData("total", "订单总数", "", nameof(FieldKind.Integer), nameof(ValueKind.Count))]
    [InlineData("maxServing", "最大接待数", "", nameof(FieldKind.Integer), nameof(ValueKind.Count))]
    [InlineData("level", "等级", "", nameof(FieldKind.Integer), nameof(ValueKind.Level))]
    [InlineData("vip", "会员等级", "", nameof(FieldKind.Integer), nameof(ValueKind.Level))]
    [InlineData("score", "满意度评分", "", nameof(FieldKind.Number), nameof(ValueKind.Rating))]
    [InlineData("duration", "服务时长，单位分钟", "", nameof(FieldKind.Integer), nameof(ValueKind.Duration))]
    [InlineData("responseTime", "响应时间（秒）", "", nameof(FieldKind.Integer), nameof(ValueKind.Duration))]
    // Times, ids, phones, images, places, texts.
    [InlineData("payTime", "付款时间", "", nameof(FieldKind.String), nameof(ValueKind.Time))]
    [InlineData("createdAt", "", "", nameof(FieldKind.Integer), nameof(ValueKind.Time))]
    [InlineData("orderId", "订单号", "", nameof(FieldKind.String), nameof(ValueKind.Id))]
    [InlineData("orderNo", "", "", nameof(FieldKind.String), nameof(ValueKind.Id))]
    [InlineData("code", "商品编码", "", nameof(FieldKind.String), nameof(ValueKind.Id))]
    [InlineData("phoneNo", "", "", nameof(FieldKind.String), nameof(ValueKind.Phone))]
    [InlineData("masterPhone", "师傅电话", "", nameof(FieldKind.String), nameof(ValueKind.Phone))]
    [InlineData("headImg", "头像地址", "", nameof(FieldKind.String), nameof(ValueKind.Image))]
    [InlineData("cover", "", "", nameof(FieldKind.String), nameof(ValueKind.Image))]
    [InlineData("img", "头像地址", "", nameof(FieldKind.String), nameof(ValueKind.Image))]
    [InlineData("lat", "位置经度", "", nameof(FieldKind.Number), nameof(ValueKind.Latitude))]
    [InlineData("city", "所在城市", "", nameof(FieldKind.String), nameof(ValueKind.City))]
    [InlineData("homeAddress", "", "", nameof(FieldKind.String), nameof(ValueKind.Address))]
    [InlineData("msgType", "消息类型", "", nameof(FieldKind.String), nameof(ValueKind.Status))]
    [InlineData("content", "消息内容", "", nameof(FieldKind.String), nameof(ValueKind.Message))]
    [InlineData("remark", "备注", "", nameof(FieldKind.String), nameof(ValueKind.Remark))]
    [InlineData("statusDesc", "状态描述", "", nameof(FieldKind.String), nameof(ValueKind.Remark))]
    [InlineData("versionCode", "版本号", "", nameof(FieldKind.String), nameof(ValueKind.Version))]
    [InlineData("points", "积分", "", nameof(FieldKind.Integer), nameof(ValueKind.None))]
    [InlineData("extra", "", "", nameof(FieldKind.String), nameof(ValueKind.None))]
    public void Plan_FieldNameAndDocWords_ChooseTheKind(string name, string description, string remark, string type, string expected)
    {
        // Given a field as a doc writes it, When the table reads it
        var plan = ValueKinds.Plan(Field(name, description, remark, Enum.Parse<FieldKind>(type)));

        // Then its kind is the table's
        plan.Kind.ShouldBe(Enum.Parse<ValueKind>(expected));
    }

    [Theory]
    [InlineData("duration", "服务时长，单位分钟", nameof(TimeUnit.Minutes))]
    [InlineData("duration", "时长（小时）", nameof(TimeUnit.Hours))]
    [InlineData("waitSeconds", "", nameof(TimeUnit.Seconds))]
    [InlineData("waitMins", "等待时长", nameof(TimeUnit.Minutes))]
    [InlineData("duration", "通话时长", nameof(TimeUnit.Seconds))]
    public void Plan_Duration_CountsInTheDocsUnit(string name, string description, string unit) =>
        ValueKinds.Plan(Field(name, description, type: FieldKind.Integer)).Unit.ShouldBe(Enum.Parse<TimeUnit>(unit));

    [Theory]
    [InlineData("amount", "金额，单位分", true)]
    [InlineData("amountFen", "", true)]
    [InlineData("amount", "金额（元）", false)]
    [InlineData("amount", "时长，单位分钟", false)]
    public void Plan_MoneyAsAWholeNumber_IsInFenOnlyWhenTheDocSaysSo(string name, string description, bool cents) =>
        ValueKinds.Plan(Field(name, description, type: FieldKind.Integer)).Cents.ShouldBe(cents);

    [Theory]
    [InlineData("", "items Item", nameof(ValueKind.ServiceItem))]
    [InlineData("服务项目明细", "details Detail", nameof(ValueKind.ServiceItem))]
    [InlineData("", "contacts Contact", nameof(ValueKind.PersonName))]
    [InlineData("", "data user", nameof(ValueKind.PersonName))]
    [InlineData("所在分组", "groups Group", nameof(ValueKind.Team))]
    [InlineData("", "shop Shop", nameof(ValueKind.ThingName))]
    public void Plan_BareName_IsNamedByItsObject(string contextWords, string contextNames, string expected) =>
        ValueKinds.Plan(Field("name"), contextWords, contextNames).Kind.ShouldBe(Enum.Parse<ValueKind>(expected));

    [Fact]
    public void Plan_ThingName_TakesTheDocsNounWithoutWordsOfPlace()
    {
        ValueKinds.Plan(Field("name", "所属门店名称")).Noun.ShouldBe("门店");
        ValueKinds.Plan(Field("cardName", "会员卡名称")).Noun.ShouldBe("会员卡");
    }

    [Theory]
    [InlineData("name", "项目名称", "price", "单价", nameof(ValueKind.ServiceItem))]
    [InlineData("serviceName", "服务名称", "amount", "订单金额", nameof(ValueKind.Service))]
    public void Plans_MoneyAndCountBesideAServiceOrItem_ArePricedByItAndSmall(string named, string namedWords, string money, string moneyWords, string pricedBy)
    {
        // Given an order or an order line: what it names, its price, a count
        ImmutableArray<DocField> fields = [Field(named, namedWords), Field(money, moneyWords, type: FieldKind.Number), Field("num", "", type: FieldKind.Integer)];

        // When its plans are made
        var plans = ValueKinds.Plans(fields, ValueContext.None);

        // Then the price takes its band from the field naming the service or item, and the count is a quantity
        plans[1].Sibling.ShouldBe(0);
        plans[1].PricedBy.ShouldBe(Enum.Parse<ValueKind>(pricedBy));
        plans[2].Kind.ShouldBe(ValueKind.Quantity);
    }

    [Fact]
    public void Plans_CountWithoutAServiceOrItem_StaysACount()
    {
        ImmutableArray<DocField> fields = [Field("name", "OP姓名"), Field("servingCount", "接待中会话数", type: FieldKind.Integer)];

        var plans = ValueKinds.Plans(fields, ValueContext.None);

        plans[0].Kind.ShouldBe(ValueKind.PersonName);
        plans[1].Kind.ShouldBe(ValueKind.Count);
    }

    [Fact]
    public void Table_EveryRow_IsShownInTheWorldGuide()
    {
        // docs/world.md shows the table so a doc author can predict a value: every kind with its names and words
        var readme = File.ReadAllLines(OpMock.Tests.Support.Repo.Guide("world.md"));
        foreach (var row in ValueKinds.Table)
        {
            var line = readme.SingleOrDefault(l => l.StartsWith($"| {row.Kind} |", StringComparison.Ordinal)).ShouldNotBeNull(row.Kind.ToString());
            row.Names.Concat(row.Generic).ShouldAllBe(n => line.Contains($"`{n}`"));
            row.Words.ShouldAllBe(w => line.Contains(w));
        }
    }

    [Theory]
    [InlineData("serviceName", new[] { "service", "name" })]
    [InlineData("userID", new[] { "user", "id" })]
    [InlineData("head_img_url", new[] { "head", "img", "url" })]
    [InlineData("URL", new[] { "url" })]
    public void Words_FieldName_SplitsAsItIsWritten(string name, string[] words) =>
        ValueKinds.Words(name).ShouldBe(words);
}
