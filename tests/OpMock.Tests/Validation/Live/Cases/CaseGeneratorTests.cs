using System.Text.Json.Nodes;
using OpMock.Core.Json;
using OpMock.Core.Schemas;
using OpMock.Core.Validation.Live.Cases;

namespace OpMock.Tests.Validation.Live.Cases;

public sealed class CaseGeneratorTests
{
    /// <summary>
    /// A request schema with the draft-07 keywords the docs' hints turn into (enum, minimum/maximum,
    /// default, format, nullable), built by hand so the test does not wait for the hints to reach the schemas.
    /// </summary>
    private static async Task<EndpointSchemas> HintedAsync()
    {
        var endpoint = (await Shipped.ContractAsync()).Direct(Shipped.ChatInfo)!;
        var request = (JsonObject)endpoint.Request.DeepClone();
        var properties = request["properties"]!.AsObject();
        properties["gender"] = JsonNode.Parse("""{"type":"integer","enum":[0,1,2]}""");
        properties["level"] = JsonNode.Parse("""{"type":"integer","minimum":0,"maximum":5,"default":1}""");
        properties["pageSize"] = JsonNode.Parse("""{"type":["integer","null"],"minimum":1,"maximum":50,"default":20}""");
        properties["birthday"] = JsonNode.Parse("""{"type":"string","format":"op-date","pattern":"^\\d{4}-\\d{2}-\\d{2}$"}""");
        request["required"] = new JsonArray("userId", "level");
        return endpoint with { Request = request };
    }

    private static async Task<(CaseGenerator Generator, CaseClassifier Classifier, EndpointSchemas Endpoint)> GeneratorAsync()
    {
        var endpoint = await HintedAsync();
        var classifier = await CaseClassifier.CreateAsync([endpoint]);
        return (new CaseGenerator(classifier), classifier, endpoint);
    }

    private static readonly Dictionary<string, IReadOnlyList<string>> NothingSeen = [];

    [Fact]
    public async Task Direct_HintedSchema_SendsEveryEnumMemberAndBoundaryAsValid()
    {
        // Given a request schema with an enum, ranges, a default and a date format
        var (generator, _, endpoint) = await GeneratorAsync();

        // When 80 cases are generated
        var cases = generator.Direct(endpoint, 80, 1, NothingSeen);

        // Then every enum member and both ends of each range are sent in valid requests
        var valid = cases.Where(c => c.Expect == Expectation.Valid).Select(c => JsonNode.Parse(c.Body)!.AsObject()).ToList();
        new[] { "0", "1", "2" }.ShouldBeSubsetOf(Values(valid, "gender"));
        new[] { "0", "5", "1" }.ShouldBeSubsetOf(Values(valid, "level"));
        new[] { "1", "50", "20", "null" }.ShouldBeSubsetOf(Values(valid, "pageSize"));
        Values(valid, "birthday").Where(v => v != "null").ShouldAllBe(v => System.Text.RegularExpressions.Regex.IsMatch(v, "^\"\\d{4}-\\d{2}-\\d{2}\"$"));

        // And the optional fields are also sent absent and null
        valid.ShouldContain(b => !b.ContainsKey("gender"));
        valid.ShouldContain(b => b.ContainsKey("pageSize") && b["pageSize"] == null);
    }

    [Fact]
    public async Task Direct_HintedSchema_InvalidCasesCoverMissingEmptyWrongTypedOutOfRangeAndBrokenBodies()
    {
        // Given the hinted schema
        var (generator, _, endpoint) = await GeneratorAsync();

        // When many cases are generated, so every invalid kind fits
        var cases = generator.Direct(endpoint, 200, 1, NothingSeen);

        // Then the invalid ones cover each kind, and each is classified invalid by the schema
        var invalid = cases.Where(c => c.Expect == Expectation.Invalid).Select(c => c.Why).ToList();
        invalid.ShouldContain("userId missing");
        invalid.ShouldContain("userId empty");
        invalid.ShouldContain("level missing");
        invalid.ShouldContain(w => w.StartsWith("userId wrong-typed"));
        invalid.ShouldContain(w => w.StartsWith("level below minimum (-1)"));
        invalid.ShouldContain(w => w.StartsWith("level above maximum (6)"));
        invalid.ShouldContain(w => w.StartsWith("pageSize above maximum (51)"));
        invalid.ShouldContain(w => w.StartsWith("gender not in enum (3)"));
        invalid.ShouldContain("malformed JSON");
        invalid.ShouldContain("a JSON array instead of an object");
    }

    [Fact]
    public async Task Direct_SameSeed_SameCases()
    {
        // Given the hinted schema
        var (generator, _, endpoint) = await GeneratorAsync();

        // When cases are generated twice with one seed and once with another
        var first = generator.Direct(endpoint, 40, 5, NothingSeen);
        var again = generator.Direct(endpoint, 40, 5, NothingSeen);
        var other = generator.Direct(endpoint, 40, 6, NothingSeen);

        // Then the same seed gives the same cases, another seed others
        again.ShouldBe(first);
        other.Select(c => c.Body).ShouldNotBe(first.Select(c => c.Body));
        first.Length.ShouldBe(40);
    }

    [Fact]
    public async Task Direct_ValuesSeenInAnswers_AreAskedAndImitated()
    {
        // Given ids seen in earlier answers for a same-named field
        var (generator, _, endpoint) = await GeneratorAsync();
        var seen = new Dictionary<string, IReadOnlyList<string>> { ["userId"] = ["u0001aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"] };

        // When cases are generated
        var ids = generator.Direct(endpoint, 80, 1, seen).Where(c => c.Expect == Expectation.Valid)
            .Select(c => JsonNode.Parse(c.Body)!["userId"]?.GetValue<string>()).OfType<string>().ToList();

        // Then the seen id is asked, and fresh ids keep its shape (prefix, length, hex)
        ids.ShouldContain("u0001aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        ids.Where(i => i.StartsWith("u0001", StringComparison.Ordinal) && i.Length == 37 && i[5..].All(char.IsAsciiHexDigitLower))
            .Distinct().Count().ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task Transfer_SameParams_PlusAMissingAndAnUnknownReqUrl()
    {
        // Given a route's direct cases
        var (generator, _, endpoint) = await GeneratorAsync();
        var direct = generator.Direct(endpoint, 10, 1, NothingSeen);

        // When they are relayed
        var relayed = generator.Transfer(endpoint.Endpoint.Route, direct);

        // Then each carries the same params with the reqUrl, and two more are the relay's own invalid requests
        relayed.Length.ShouldBe(12);
        for (var i = 0; i < direct.Length; i++)
        {
            relayed[i].Expect.ShouldBe(direct[i].Expect, direct[i].Why);
            if (OpJson.TryParse(direct[i].Body, out _, out _) is JsonObject parameters)
            {
                relayed[i].Body.ShouldBe(OpJson.ToCompactText(CaseGenerator.Relayed(endpoint.Endpoint.Route, parameters)));
            }
        }

        relayed[^2].Why.ShouldBe("reqUrl missing");
        relayed[^1].Body.ShouldContain(CaseGenerator.UnknownReqUrl);
    }

    [Theory]
    [InlineData("""{"userId":"u1","level":2}""", "valid")]
    [InlineData("""{"userId":"u1","level":2,"gender":null}""", "either")]
    [InlineData("""{"userId":"u1","level":2,"pageSize":null}""", "valid")]
    [InlineData("""{"userId":"u1","level":6}""", "invalid")]
    [InlineData("""{"userId":null,"level":2}""", "invalid")]
    [InlineData("""{"level":2}""", "invalid")]
    [InlineData("""[{"userId":"u1","level":2}]""", "invalid")]
    [InlineData("""{"userId":"u1",""", "invalid")]
    public async Task Classify_ByTheRequestSchema(string body, string expected)
    {
        // Given the hinted schema's classifier
        var (_, classifier, endpoint) = await GeneratorAsync();

        // When a body is classified
        // Then null on an optional non-nullable field is "either", the rest as the schema says
        classifier.Classify(endpoint.Endpoint.Route, Via.Direct, body).ToString().ToLowerInvariant().ShouldBe(expected);
    }

    private static List<string> Values(IEnumerable<JsonObject> bodies, string name) =>
        [.. bodies.Where(b => b.ContainsKey(name)).Select(b => OpJson.ToCompactText(b[name])).Distinct()];
}
