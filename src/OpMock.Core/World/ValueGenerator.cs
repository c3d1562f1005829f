using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;
using OpMock.Core.Docs;
using OpMock.Core.World.Catalog;

namespace OpMock.Core.World;

/// <summary>
/// Realistic values for any documented field no attribute of the world gives, so a newly added doc is served with no
/// code change. What a value is comes from its <see cref="ValuePlan"/> (<see cref="ValueKinds"/>: the field's name and
/// the doc's words, once per endpoint): a service from the catalog, money in its band, a small quantity, a person's
/// name only for a person. Ids, codes and fields no row names follow their example's shape (<see cref="ValueShape"/>).
/// </summary>
internal sealed class ValueGenerator(Randomizer random, WorldOptions options)
{
    /// <summary>A value for a field seen alone (no object, no example): its plan is worked out here.</summary>
    public JsonNode? Scalar(DocField field) => Scalar(field, ValueKinds.Plan(field), null, null);

    /// <param name="plan">What the value is (from the endpoint's <see cref="ObjectPlan"/>).</param>
    /// <param name="sibling">For money beside a service or an item: the generator of that field, to price the same service.</param>
    /// <param name="service">For an item in an object about a service (an order's line): the generator of the field naming it.</param>
    public JsonNode? Scalar(DocField field, ValuePlan plan, ValueGenerator? sibling, ValueGenerator? service)
    {
        var type = field.Type.Kind;
        var format = HouseFormats.ByName(field.Format ?? "");
        switch (type)
        {
            case FieldKind.Boolean:
                return random.Bool(field.Name.StartsWith("is", StringComparison.OrdinalIgnoreCase) ? 0.6f : 0.5f);
            case FieldKind.Date:
                return (format ?? HouseFormats.DateTime).Format(Instant());
            case FieldKind.Integer when format == HouseFormats.EpochMillis:
                return Instant().ToUnixTimeMilliseconds();
            case FieldKind.String when format?.Pattern is not null:
                return format.Format(Instant());
            case FieldKind.Integer or FieldKind.Number or FieldKind.String:
                break;
            default:
                return null;
        }

        // The example's shape first where no kind names the value (ids, codes, states), and over a kind that writes
        // Chinese where the example writes another script.
        var shapeFirst = plan.Shape is { } shape && (plan.Kind is ValueKind.None or ValueKind.Id or ValueKind.Status
            || (type == FieldKind.String && shape.IsNonChineseText && WritesChinese(plan.Kind)));
        return (shapeFirst ? plan.Shape!.Make(random, options, type) : null)
            ?? Kind(field, plan, sibling, service)
            ?? plan.Shape?.Make(random, options, type)
            ?? Plain(type);
    }

    /// <summary>An item of a list of texts (tags, skills, groups): the field's kind, else a word.</summary>
    public string ListText(DocField field) => ListText(field, ValueKinds.Plan(field));

    public string ListText(DocField field, ValuePlan plan) =>
        Kind(field with { Type = new FieldType(FieldKind.String, "String") }, plan, null, null) is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : plan.Shape?.Make(random, options, FieldKind.String)?.GetValue<string>() ?? ChineseText.Word(random);

    public int ListLength() => random.Number(1, 3);

    /// <summary>The value, or one drawn from the field's doc hints when it breaks them.</summary>
    public JsonNode? Hinted(DocField field, JsonNode? value) => HintedValues.Constrain(field, value, random);

    /// <summary>The length of a list that pages: long enough to need pages.</summary>
    public int ListLength(int max) => random.Number(0, max);

    /// <summary>
    /// A service and one of its items, drawn exactly as this generator draws a service or an item field's value: the
    /// money beside it reads its band from here. With <paramref name="service"/>, the service is that field's (an
    /// order's), and only the item is drawn here.
    /// </summary>
    public (HomeService Service, ServiceItem Item) ServiceAndItem(ValueGenerator? service = null)
    {
        if (service is null)
        {
            return HomeServices.PickItem(random);
        }

        var named = service.ServiceAndItem().Service;
        return (named, named.Items[random.Number(0, named.Items.Length - 1)]);
    }

    private JsonNode? Kind(DocField field, ValuePlan plan, ValueGenerator? sibling, ValueGenerator? service)
    {
        var type = field.Type.Kind;
        switch (plan.Kind)
        {
            case ValueKind.Id:
                return type == FieldKind.String ? IdText(field.Name.ToLowerInvariant()) : random.Number(1, 9999);
            case ValueKind.Time:
                return type == FieldKind.String ? HouseFormats.DateTime.Format(Instant()) : Instant().ToUnixTimeMilliseconds();
            case ValueKind.Duration:
                return Numeric(type, plan.Unit switch
                {
                    TimeUnit.Hours => random.Number(1, 8),
                    TimeUnit.Minutes => random.Number(10, 240),
                    _ => random.Number(60, 7200),
                }, plan.Unit switch { TimeUnit.Hours => "小时", TimeUnit.Minutes => "分钟", _ => "秒" });
            case ValueKind.Status:
                return Numeric(type, random.Number(0, 5));
            case ValueKind.Money:
                return Money(type, plan, sibling, service);
            case ValueKind.Rating:
                return type switch
                {
                    FieldKind.Integer => (long)Weighted(random, (5, 50), (4, 30), (3, 12), (2, 5), (1, 3)),
                    FieldKind.Number => Math.Round(5m - (random.Number(0, 15) / 10m * random.Number(0, 1)), 1),
                    _ => (5m - (random.Number(0, 15) / 10m * random.Number(0, 1))).ToString("0.0", CultureInfo.InvariantCulture),
                };
            case ValueKind.Level:
                return Numeric(type, random.Number(1, 5));
            case ValueKind.Quantity:
                return Numeric(type, Weighted(random, (1, 70), (2, 22), (3, 8)));
            case ValueKind.Count:
                // Counts of a desk's things are mostly small: most under 20, a tail to 99.
                return Numeric(type, random.Number(0, random.Bool(0.8f) ? 20 : 99));
            case ValueKind.Latitude or ValueKind.Longitude:
                var (lat, lng) = ChinaPlaces.Near(random, ChinaPlaces.City(random));
                var degrees = plan.Kind == ValueKind.Latitude ? lat : lng;
                return type switch
                {
                    FieldKind.Number => degrees,
                    FieldKind.String => degrees.ToString(CultureInfo.InvariantCulture),
                    _ => null,
                };
            case ValueKind.Phone:
                return type == FieldKind.Integer ? long.Parse(ChineseMobile.Number(random), CultureInfo.InvariantCulture) : Text(type, ChineseMobile.Number(random));
            case ValueKind.Version:
                return type == FieldKind.String ? "1." + random.Number(0, 9) + "." + random.Number(0, 9) : random.Number(100, 999);
        }

        if (type != FieldKind.String)
        {
            // A kind of text on a number field (a serviceType as an Integer): a small code.
            return plan.Kind == ValueKind.None ? null : random.Number(1, 20);
        }

        return plan.Kind switch
        {
            ValueKind.Service => HomeServices.PickItem(random).Service.Name,
            ValueKind.ServiceItem => ServiceAndItem(service).Item.Name,
            ValueKind.Team => Teams.Team(random),
            ValueKind.Skill => Teams.Skill(random),
            ValueKind.ThingName => Teams.ThingName(random, plan.Noun),
            ValueKind.PersonName => ChineseNames.FullName(random),
            ValueKind.NickName => ChineseNames.Nickname(random),
            ValueKind.Image => Avatars.Image(random),
            ValueKind.Address => ChinaPlaces.Address(random, ChinaPlaces.City(random)),
            ValueKind.City => CityName(ChinaPlaces.City(random)),
            ValueKind.Title => ChineseText.Title(random),
            ValueKind.Message => ChineseText.Turn(random, "", random.Number(0, 9), random.Bool()),
            ValueKind.Remark => ChineseText.Remark(random),
            ValueKind.Tag => ChineseText.Tag(random),
            _ => null,
        };
    }

    /// <summary>
    /// Money in yuan with two decimals, in the band of the service or item beside it (a 单价 beside 挂机空调清洗 is
    /// 80–120), else of a service of the catalog; prices end as shops write them (128.00, 99.00, 159.90).
    /// </summary>
    private JsonNode? Money(FieldKind type, ValuePlan plan, ValueGenerator? sibling, ValueGenerator? parent)
    {
        var (service, item) = (sibling ?? this).ServiceAndItem(parent);
        var (low, high) = plan.PricedBy == ValueKind.ServiceItem ? (item.Low, item.High) : (service.Low, service.High);
        var yuan = (decimal)random.Number((int)low, (int)high);
        yuan = Math.Clamp(random.Number(0, 9) switch
        {
            < 5 => Math.Round(yuan / 10) * 10,
            < 7 => (Math.Floor(yuan / 10) * 10) - 1,
            < 8 => yuan + 0.9m,
            _ => yuan,
        }, low, high);
        var amount = decimal.Round(yuan, 2) + 0.00m;
        return type switch
        {
            FieldKind.Integer => (long)(plan.Cents ? amount * 100 : decimal.Floor(amount)),
            FieldKind.Number => amount,
            _ => amount.ToString("0.00", CultureInfo.InvariantCulture),
        };
    }

    private static JsonNode Numeric(FieldKind type, int value, string unit = "") => type switch
    {
        FieldKind.Integer => (long)value,
        FieldKind.Number => (decimal)value,
        _ => value.ToString(CultureInfo.InvariantCulture) + unit,
    };

    private static JsonNode? Text(FieldKind type, string text) => type == FieldKind.String ? text : null;

    private JsonNode Plain(FieldKind type) => type switch
    {
        FieldKind.Integer => (long)random.Number(0, 99),
        FieldKind.Number => Math.Round(random.Double(1, 2000), 2),
        _ => ChineseText.Word(random),
    };

    private static bool WritesChinese(ValueKind kind) => kind is ValueKind.Service or ValueKind.ServiceItem or ValueKind.Team or ValueKind.Skill
        or ValueKind.ThingName or ValueKind.PersonName or ValueKind.NickName or ValueKind.Address or ValueKind.City or ValueKind.Title
        or ValueKind.Message or ValueKind.Remark or ValueKind.Tag;

    private static int Weighted(Randomizer random, params (int Value, int Weight)[] table)
    {
        var ticket = random.Number(0, table.Sum(t => t.Weight) - 1);
        foreach (var (value, weight) in table)
        {
            if (ticket < weight)
            {
                return value;
            }

            ticket -= weight;
        }

        return table[^1].Value;
    }

    /// <summary>The city of a city's prefix: 广东省广州市 → 广州市.</summary>
    private static string CityName(City city) =>
        city.Prefix.IndexOf('省') is var province and >= 0 ? city.Prefix[(province + 1)..] : city.Prefix;

    private string IdText(string name) =>
        name.Contains("user") ? WorldIds.UserPrefix + RandomHex.Of32(random)
        : name.Contains("operator") || name.Contains("staff") || name.StartsWith("op", StringComparison.Ordinal) ? WorldIds.OpPrefix + RandomHex.Of32(random)
        : name.Contains("group") ? "1" + random.Number(10_000_000, 99_999_999) + random.Number(100_000_000, 999_999_999)
        : name.Contains("chat") ? WorldIds.UserPrefix + RandomHex.Of32(random)
        : RandomHex.Of32(random);

    private DateTimeOffset Instant() => ServiceHours.Instant(random, options, options.WindowDays);
}
