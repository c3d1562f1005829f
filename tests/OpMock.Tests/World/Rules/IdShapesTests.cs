using System.Globalization;
using System.Text.Json.Nodes;
using OpMock.Core.World.Rules;

namespace OpMock.Tests.World.Rules;

/// <summary>Ids shaped by their examples, dates inside included (issue 25.7): the shape table and 2,000 generated ids.</summary>
public sealed class IdShapesTests(RulesWorld world, OpMock.Tests.World.Kinds.KindsWorld kinds) : IClassFixture<RulesWorld>, IClassFixture<OpMock.Tests.World.Kinds.KindsWorld>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("GD201603090001", "GD", "yyyyMMdd", 4, true)]
    [InlineData("m20160308173245001", "m", "yyyyMMddHHmmss", 3, true)]
    [InlineData("201601061102350017", "", "yyyyMMddHHmmss", 4, true)]
    [InlineData("r1001", "r", "", 4, false)]
    [InlineData("g0001", "g", "", 4, true)]
    [InlineData("SKU-0012", "SKU-", "", 4, true)]
    [InlineData("10086", "", "", 5, false)]
    [InlineData("GD19990309000", "GD", "", 11, false)]
    public void Of_AnExampleId_ReadsItsPrefixDateAndSequence(string example, string prefix, string date, int digits, bool leadingZero)
    {
        IdShape.Of(example).ShouldBe(new IdShape(prefix, date, digits, leadingZero));
    }

    [Theory]
    [InlineData("o0001c90a1d16c2d48a3f23b38ce5e53058a9")]
    [InlineData("3b1f0c9a-8e2d-4c7b-9a6f-5e4d3c2b1a09")]
    [InlineData("空调清洗")]
    [InlineData("GD")]
    [InlineData("")]
    public void Of_AnIdThatIsNotLettersThenDigits_HasNoShape(string example)
    {
        IdShape.Of(example).ShouldBeNull();
    }

    [Theory]
    [InlineData("GD201603090001", "GD202603100042", "2026-03-10 00:00:00")]
    [InlineData("m20160308173245001", "m20260310100000042", "2026-03-10 10:00:00")]
    [InlineData("201601061102350017", "202603101000000042", "2026-03-10 10:00:00")]
    [InlineData("r1001", "r0042", null)]
    public void Make_ATimeAndASequence_IsAnIdWhoseDateReadsBack(string example, string expected, string? date)
    {
        var shape = IdShape.Of(example)!;

        var id = shape.Make(Now, 42);

        id.ShouldBe(expected);
        shape.DateOf(id)?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture).ShouldBe(date);
    }

    [Theory]
    [InlineData("GD201603090001", "GD202603105000")]
    [InlineData("r1001", "r5500")]
    [InlineData("g0001", "g5000")]
    public void Fresh_TheFirstOfASession_CountsUpFromTheMiddleOfTheRange(string example, string expected)
    {
        IdShape.Of(example)!.Fresh(Now, 1).ShouldBe(expected);
    }

    [Theory]
    [InlineData("GD201603090001")]
    [InlineData("r1001")]
    [InlineData("m20160308173245001")]
    [InlineData("a01")]
    public void Fresh_ThousandsOfThem_AreNeverAGeneratedIdAndAlwaysOfTheShape(string example)
    {
        var shape = IdShape.Of(example)!;
        var random = new Random(7);
        var generated = Enumerable.Range(0, 5000).Select(_ => shape.Generated(Now, random.NextDouble())).ToHashSet();
        var fresh = Enumerable.Range(1, 40).Select(k => shape.Fresh(Now, k)).ToList();

        fresh.ShouldAllBe(id => shape.Matches(id) && !generated.Contains(id));
        generated.ShouldAllBe(id => shape.Matches(id));
        fresh.Distinct().Count().ShouldBe(fresh.Count);
    }

    [Theory]
    [InlineData("GD201603090001", 41, "GD202612070042", "2026-12-07 00:00:00")]
    [InlineData("MC20160301008", 7, "MC20261207008", "2026-12-07 00:00:00")]
    [InlineData("201603051630220031", 16, "202612070930150017", "2026-12-07 09:30:15")]
    [InlineData("r1001", 0, "r1000", null)]
    [InlineData("CP100233", 5, "CP100005", null)]
    [InlineData("g0001", 0, "g0001", null)]
    public void Format_AKindsEntityNumber_CarriesItsCreationAndReadsBack(string example, long number, string expected, string? date)
    {
        // One reading for kinds, generation and writes (issue 25): a dated order id carries the order's time to the second.
        var shape = IdShape.Of(example)!;
        var created = new DateTimeOffset(2026, 12, 7, 9, 30, 15, TimeSpan.FromHours(8));

        var id = shape.Format(number, created);

        id.ShouldBe(expected);
        shape.Number(id).ShouldBe(number);
        shape.DateOf(id)?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture).ShouldBe(date);
    }

    [Fact]
    public void Format_ThousandsOfNumbers_ReadBackToThemselves()
    {
        var shapes = new[] { IdShape.Of("r1001")!, IdShape.Of("GD201603090001")!, IdShape.Of("201601061102350017")!, IdShape.Fallback };

        foreach (var shape in shapes)
        {
            Enumerable.Range(0, 20_000).ShouldAllBe(n => shape.Number(shape.Format(n, Now)) == n);
        }
    }

    [Theory]
    [InlineData("x1001")]
    [InlineData("r12")]
    [InlineData("rabcd")]
    [InlineData("r10a1")]
    public void Number_IdOfAnotherShape_IsNone(string id) => IdShape.Of("r1001")!.Number(id).ShouldBeNull();

    [Theory]
    [InlineData("u0001106268050147246664", "u0001987654321098765432", true)]
    [InlineData("u0001d68d5da979194a4b831097de49db3dd2", "u0001403351be22c648efa24c20e842fd7351", true)]
    [InlineData("nonexistent", "u0001987654321098765432", false)]
    [InlineData("12345", "u0001987654321098765432", false)]
    [InlineData("u00011062680501472466", "u0001987654321098765432", false)]
    [InlineData("o0001106268050147246664", "u0001987654321098765432", false)]
    [InlineData("u0001d68d5da979194a4b831", "u0001987654321098765432", false)]
    [InlineData("u0001zz8d5da979194a4b831097de49db3dd2", "u0001403351be22c648efa24c20e842fd7351", false)]
    [InlineData("r1001", "r1008", true)]
    [InlineData("12345", "54321", true)]
    public void Fits_IdAgainstASampleOfItsKind_IsTheSameShapeOrNot(string id, string sample, bool fits) =>
        IdShape.Fits(id, sample).ShouldBe(fits);

    [Fact]
    public void Format_TwoThousandOrdersOfAKind_IdCarriesTheOrdersTimeAndLeadsBackToIt()
    {
        // Given the order kind of TestDocs/items (orderId 201603081015410017: a date-time and a sequence), its users' lists
        var seen = 0;
        for (var j = 0; j < 2000 && seen < 2000; j++)
        {
            var (data, _) = kinds.Post(OpMock.Tests.World.Kinds.KindsWorld.UserOrders, new JsonObject { ["userId"] = kinds.World.UserId(j) });
            foreach (var order in data["orders"]!.AsArray().OfType<JsonObject>())
            {
                seen++;
                var id = order["orderId"]!.GetValue<string>();

                // Then each id is yyyyMMddHHmmss of the order's createTime and a sequence, and its detail answers that order
                id.Length.ShouldBeGreaterThanOrEqualTo(18, id);
                DateTime.ParseExact(id[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                    .ShouldBe(order["createTime"]!.GetValue<string>(), order.ToJsonString());
                if (seen % 100 == 0)
                {
                    kinds.Post(OpMock.Tests.World.Kinds.KindsWorld.OrderDetail, new JsonObject { ["orderId"] = id }).Data.ToJsonString().ShouldContain(id);
                }
            }
        }

        seen.ShouldBeGreaterThanOrEqualTo(2000);
    }

    [Fact]
    public void IdRule_TwoThousandGeneratedTickets_AreGDTheirCreationDayAndASequence()
    {
        var tickets = CodeNamesTests.Tickets(world).Take(2000).ToList();
        tickets.Count.ShouldBe(2000);
        foreach (var ticket in tickets)
        {
            var id = ticket["ticketId"]!.GetValue<string>();
            id.ShouldMatch("^GD[0-9]{12}$");
            id[2..10].ShouldBe(ticket["createTime"]!.GetValue<string>()[..10].Replace("-", "", StringComparison.Ordinal), ticket.ToJsonString());
        }
    }

    [Fact]
    public void IdRule_NoticesAndReplies_AreTheirExamplesShapeWithTheNoticesTimeInside()
    {
        foreach (var data in world.ForOps(60, op => world.Get(RulesWorld.Notices, new Dictionary<string, string> { ["staffId"] = op })))
        {
            foreach (var notice in data["notices"]!.AsArray().Select(n => n!.AsObject()))
            {
                var id = notice["noticeId"]!.GetValue<string>();
                id.ShouldMatch("^n[0-9]{17}$");
                id[1..15].ShouldBe(DateTime.ParseExact(notice["createTime"]!.GetValue<string>(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
            }
        }

        var replies = world.ForOps(60, op => world.Get(RulesWorld.Replies, new Dictionary<string, string> { ["staffId"] = op }))
            .SelectMany(d => d["list"]!.AsArray()).Select(r => r!["replyId"]!.GetValue<string>()).ToList();
        replies.ShouldNotBeEmpty();
        replies.ShouldAllBe(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^r[1-5][0-9]{3}$"));
    }
}
