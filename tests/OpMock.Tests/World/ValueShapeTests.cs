using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World;

namespace OpMock.Tests.World;

public sealed class ValueShapeTests
{
    private static readonly WorldOptions Options = WorldOptions.Default;

    [Theory]
    [InlineData("201601061102350017", @"^\d{18}$")]
    [InlineData("2016010600012", @"^\d{13}$")]
    [InlineData("i1001", @"^i[1-9]\d{3}$")]
    [InlineData("g0001", @"^g\d{4}$")]
    [InlineData("SKU-0012", @"^SKU-\d{4}$")]
    [InlineData("VIP00012345", @"^VIP\d{8}$")]
    [InlineData("9f8e7d6c5b4a39281706f5e4d3c2b1a0", "^[0-9a-f]{32}$")]
    [InlineData("o0001c90a1d16c2d48a3f23b38ce5e53058a9", "^o[0-9a-f]{36}$")]
    [InlineData("3F2504E0-4F89-11D3-9A0C-0305E82C3301", "^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")]
    [InlineData("106268050147246664", @"^[1-9]\d{17}$")]
    [InlineData("0571", @"^\d{4}$")]
    [InlineData("KX9QZT", "^[A-Z0-9]{6}$")]
    [InlineData("ios", "^[a-z]{3}$")]
    [InlineData("Service", "^[A-Z][a-z]{6}$")]
    [InlineData("小店", @"^\p{IsCJKUnifiedIdeographs}{2}$")]
    public void Make_TextExample_KeepsItsShape(string example, string pattern)
    {
        // Given a field whose example shows this value
        var shape = ValueShape.Of([JsonValue.Create(example)]).ShouldNotBeNull();
        var random = new Bogus.Randomizer(5);

        for (var i = 0; i < 500; i++)
        {
            // Then every value made has the example's length, prefix, alphabet and case
            shape.Make(random, Options, FieldKind.String)!.GetValue<string>().ShouldMatch(pattern);
        }
    }

    [Theory]
    [InlineData("201601061102350017", "yyyyMMddHHmmss")]
    [InlineData("2016010600012", "yyyyMMdd")]
    public void Make_DatedSequence_StartsWithARecentRealTimeBeforeTheAnchor(string example, string format)
    {
        var shape = ValueShape.Of([JsonValue.Create(example)])!;
        var random = new Bogus.Randomizer(9);
        var days = new HashSet<string>();
        for (var i = 0; i < 1000; i++)
        {
            // When ids are made of a date and a sequence
            var id = shape.Make(random, Options, FieldKind.String)!.GetValue<string>();

            // Then the date is a real one in the world's window before its anchor
            var local = DateTime.ParseExact(id[..format.Length], format, CultureInfo.InvariantCulture);
            var at = new DateTimeOffset(local, WorldOptions.ChinaOffset);
            at.ShouldBeLessThan(Options.Anchor);
            at.ShouldBeGreaterThanOrEqualTo(Options.Anchor.AddDays(-Options.WindowDays - 1));
            days.Add(id[..8]);
        }

        days.Count.ShouldBeGreaterThan(60);
    }

    [Theory]
    [InlineData(3, 1, 9)]
    [InlineData(35, 10, 99)]
    [InlineData(1280, 1000, 9999)]
    [InlineData(0, 0, 9)]
    [InlineData(-40, -99, -10)]
    public void Make_WholeNumberExample_StaysInItsOrderOfMagnitude(long example, long low, long high)
    {
        var shape = ValueShape.Of([JsonValue.Create(example)])!;
        var random = new Bogus.Randomizer(2);
        var values = Enumerable.Range(0, 2000).Select(_ => shape.Make(random, Options, FieldKind.Integer)!.GetValue<long>()).ToList();

        values.ShouldAllBe(v => v >= low && v <= high);
        values.Distinct().Count().ShouldBeGreaterThan(Math.Min(5, (int)(high - low)));
    }

    [Fact]
    public void Make_DecimalExamples_KeepMagnitudeRangeAndDecimals()
    {
        // Given examples 12.5 and 340.25
        var shape = ValueShape.Of([JsonValue.Create(12.5m), JsonValue.Create(340.25m)])!;
        var random = new Bogus.Randomizer(4);

        foreach (var value in Enumerable.Range(0, 2000).Select(_ => shape.Make(random, Options, FieldKind.Number)!.GetValue<decimal>()))
        {
            // Then values run from tens to hundreds with at most two decimals
            value.ShouldBeInRange(10m, 1000m);
            (value * 100).ShouldBe(decimal.Truncate(value * 100));
        }
    }

    [Fact]
    public void Make_EpochMillisExample_IsATimeInTheWindow()
    {
        var shape = ValueShape.Of([JsonValue.Create(1442307258460L)])!;
        var random = new Bogus.Randomizer(4);

        var millis = shape.Make(random, Options, FieldKind.Integer)!.GetValue<long>();

        DateTimeOffset.FromUnixTimeMilliseconds(millis).ShouldBeInRange(Options.Anchor.AddDays(-Options.WindowDays - 1), Options.Anchor);
    }

    [Theory]
    [InlineData("i1001", "g0001")]
    [InlineData("201601061102350017", "ab12")]
    [InlineData("小店", "ios")]
    public void Of_ExamplesOfDifferentShapes_GiveNone(string first, string second) =>
        ValueShape.Of([JsonValue.Create(first), JsonValue.Create(second)]).ShouldBeNull();

    [Fact]
    public void Of_ExamplesOfOneShape_AgreeOnIt() =>
        ValueShape.Of([JsonValue.Create("i1001"), JsonValue.Create("i2002")]).ShouldBe(new ValueShape(ShapeKind.PrefixedDigits, "i", 4));

    [Theory]
    [InlineData("GD201603090001", "GD", "yyyyMMdd", 12)]
    [InlineData("m20160308173245001", "m", "yyyyMMddHHmmss", 17)]
    [InlineData("r1001", "r", "", 4)]
    public void Of_LettersThenDigitsStartingWithADate_KeepsTheDateFormat(string example, string prefix, string date, int digits)
    {
        var shape = ValueShape.Of([JsonValue.Create(example)])!;

        shape.ShouldBe(new ValueShape(ShapeKind.PrefixedDigits, prefix, digits, LeadingZero: example[prefix.Length] == '0', DateFormat: date));
    }

    [Fact]
    public void Make_APrefixedDatedExample_IsThePrefixARecentDateAndASequence()
    {
        var shape = ValueShape.Of([JsonValue.Create("GD201603090001")])!;
        var random = new Bogus.Randomizer(25);
        for (var k = 0; k < 500; k++)
        {
            var id = shape.Make(random, Options, FieldKind.String)!.GetValue<string>();

            id.ShouldMatch("^GD[0-9]{12}$");
            var day = DateTime.ParseExact(id[2..10], "yyyyMMdd", CultureInfo.InvariantCulture);
            day.ShouldBeInRange(Options.Anchor.AddDays(-Options.WindowDays - 1).Date, Options.Anchor.Date);
        }
    }
}
