using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpMock.Core.Docs;
using OpMock.Core.World;

namespace OpMock.Tests.World;

/// <summary>Paging numbers however a request carries them, and a clear answer for those out of range.</summary>
public sealed class EndpointPlanTests
{
    [Theory]
    [InlineData(null, 20, null)]
    [InlineData("""{"properties":{"pageSize":{"type":"integer","default":15,"maximum":50}}}""", 15, 50)]
    public void Paging_RequestSchema_GivesPageSizesDefaultAndMaximum(string? schema, int defaultSize, int? max)
    {
        // Given a doc with pageNo/pageSize inputs, a list and a page object in its example
        // When its paging is read
        var paging = OpMock.Core.World.Paging.For(Endpoint(wide: false), schema is null ? null : JsonNode.Parse(schema)!.AsObject())!;

        // Then pageSize defaults to the schema's default (else 20) and is cut to its maximum
        paging.DefaultSize.ShouldBe(defaultSize);
        paging.MaxSize.ShouldBe(max);
        paging.Read(new JsonObject()).ShouldBe(new PageRequest(1, defaultSize, 0));
        paging.Read(new JsonObject { ["pageNo"] = "3", ["pageSize"] = 500 }).PageSize.ShouldBe(max ?? 500);
        paging.Write(new PageRequest(2, 4, 0), 9).ToJsonString().ShouldBe("""{"pageNo":2,"pageSize":4,"totalCount":9}""");
        ImmutableArray.CreateRange(new PageRequest(3, 4, 0).Slice(9)).ShouldBe([8]);
        new PageRequest(4, 4, 0).Slice(9).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"pageNo":3,"pageSize":7}""")]
    [InlineData("""{"pageNo":"3","pageSize":"7"}""")]
    [InlineData("""{"pageNo":3.0,"pageSize":7e0}""")]
    public void Read_PageNumbersAsJsonNumbersOrText_AreThePageAskedFor(string body) =>
        Paging(wide: false).Read(JsonNode.Parse(body)!.AsObject()).ShouldBe(new PageRequest(3, 7, 0));

    [Fact]
    public void Read_PageNumbersAsAQueryTypesThem_AreThePageAskedFor()
    {
        // Given a GET request's query, typed as the doc types it (an Integer becomes a long)
        var endpoint = Endpoint(wide: false);
        var parameters = QueryParameters.Read(endpoint, new Dictionary<string, string> { ["pageNo"] = "2", ["pageSize"] = "3" }.ToImmutableDictionary());

        // Then the page is the one the query asks for, not the default
        OpMock.Core.World.Paging.For(endpoint, null)!.Read(parameters).ShouldBe(new PageRequest(2, 3, 0));
    }

    [Theory]
    [InlineData("pageNo", "2147483648", "a whole number from 1 to 2147483647")]
    [InlineData("pageNo", "0", "a whole number from 1 to 2147483647")]
    [InlineData("pageNo", "-1", "a whole number from 1 to 2147483647")]
    [InlineData("pageNo", "1.5", "a whole number from 1 to 2147483647")]
    [InlineData("pageNo", "1e30", "a whole number from 1 to 2147483647")]
    [InlineData("pageSize", "0", "a whole number from 1 to 2147483647")]
    [InlineData("pageSize", "4294967296", "a whole number from 1 to 2147483647")]
    public void Check_PagingNumberOutOfItsRange_IsAProblemNamingTheFieldAndTheRange(string field, string value, string expected)
    {
        // When a paging number outside 1 to 2^31 − 1 (the doc's Integer) is sent
        var problem = Paging(wide: false).Check(new JsonObject { [field] = JsonNode.Parse(value) });

        // Then the problem names the field, the range and what was sent
        problem.ShouldNotBeNull();
        problem.Field.ShouldBe(field);
        problem.Expected.ShouldBe(expected);
        problem.Message.ShouldStartWith($"{field}: expected {expected}");
        problem.Message.ShouldEndWith($"found {value}");
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"pageNo":1,"pageSize":1}""")]
    [InlineData("""{"pageNo":2147483647,"pageSize":2147483647}""")]
    [InlineData("""{"pageNo":"abc"}""")]
    [InlineData("""{"pageNo":null}""")]
    public void Check_PagingNumbersInRangeOrNotNumbers_IsNoProblem(string body) =>
        Paging(wide: false).Check(JsonNode.Parse(body)!.AsObject()).ShouldBeNull();

    [Fact]
    public void Check_LongPageNo_ReachesLongsRangeAndPagesPastTheEnd()
    {
        // Given a doc whose pageNo is a Long
        var paging = Paging(wide: true);
        var request = new JsonObject { ["pageNo"] = 2147483648L };

        // Then 2^31 is a page (past any list's end: empty), and only past 2^63 − 1 is it refused
        paging.Check(request).ShouldBeNull();
        paging.Read(request).Slice(1000).ShouldBeEmpty();
        paging.Check(new JsonObject { ["pageNo"] = JsonNode.Parse("9223372036854775808") })!.Expected.ShouldBe("a whole number from 1 to 9223372036854775807");
    }

    private static Paging Paging(bool wide) => OpMock.Core.World.Paging.For(Endpoint(wide), null)!;

    private static Endpoint Endpoint(bool wide)
    {
        var integer = new FieldType(FieldKind.Integer, wide ? "Long" : "Integer") { IsWide = wide };
        return new Endpoint(
            new ApiDoc
            {
                Path = "x.txt", Number = "1", Title = "t", Url = "/x", Route = "/x", Method = "GET",
                Example = new JsonBlock("""{"code":200,"data":{"items":[]},"page":{"pageNo":1,"pageSize":2,"totalCount":9}}""", 1),
            },
            [new DocField("pageNo", integer, "", "", null, null, false, true, 1), new DocField("pageSize", integer, "", "", null, null, false, true, 2)],
            [new DocField("items", new FieldType(FieldKind.List, "List"), "", "", null, null, true, true, 3)], [], "x");
    }
}
