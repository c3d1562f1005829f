using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Json;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Tests.Support;

namespace OpMock.Tests.Validation;

public sealed class RequestShapeTests
{
    // Schemas using every keyword the compiled check knows, and some it does not (format, pattern, anyOf, $ref).
    private static readonly string[] Made =
    [
        """{"type":"object","properties":{"pageNo":{"type":["integer","null"],"minimum":1,"maximum":1000},"status":{"type":"integer","enum":[0,1,2]},"kind":{"type":["string","null"],"enum":["text","image",null]}},"required":["pageNo"]}""",
        """{"type":"object","properties":{"remark":{"type":"string","minLength":1,"maxLength":5},"tags":{"type":["array","null"],"items":{"type":"string","maxLength":3}},"price":{"type":"number","minimum":0.5,"maximum":99.5},"vip":{"type":"boolean"}},"required":["remark"],"additionalProperties":false}""",
        """{"type":"object","properties":{"createTime":{"type":"string","format":"op-datetime","pattern":"^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"},"user":{"anyOf":[{"$ref":"#/definitions/U"},{"type":"null"}]},"n":{"type":"integer","x-type":"Integer"}},"definitions":{"U":{"type":"object","properties":{"userId":{"type":"string"}},"required":["userId"]}}}""",
        """{"type":"object","properties":{"list":{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer","x-type":"Long"},"name":{"type":["string","null"]}},"required":["id"]}}},"additionalProperties":{"type":"string"}}""",
    ];

    private static readonly string[] Texts = ["", "a", "abc", "abcdef", "王小明", "u0001d68d5da979194a4b831097de49db3dd2", "2026-12-07 10:00:00", "2026-02-30 10:00:00", "😀😀", "e\u0301", "text", "image", new string('长', 250)];

    private static readonly string[] Numbers = ["0", "1", "-1", "2", "5", "1000", "1001", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "99999999999999999999", "1.5", "0.5", "99.5", "99.51", "-0.25", "3.0", "1e3", "1E+30", "0.1234567890123456789", "-0"];

    [Fact]
    public async Task FirstError_GeneratedAndMutatedRequests_AgreesWithNJsonSchemaOnEveryCase()
    {
        // Given the request schemas of the test docs (base, writes, lists, wiki, kinds) and schemas made to use every keyword
        var schemas = new List<JsonObject>();
        foreach (var docs in new Func<TempFolder, string>[] { TestDocs.BaseWithActions, TestDocs.BaseWithLists, TestDocs.BaseWithWiki, TestDocs.BaseWithKinds })
        {
            using var temp = new TempFolder();
            var folder = docs(temp);
            var contract = await ApiContract.LoadAsync(folder, Path.Combine(temp.Path, "overrides.yaml"));
            schemas.AddRange(contract.Endpoints.Select(e => e.Request));
        }

        schemas.AddRange(Made.Select(m => JsonNode.Parse(m)!.AsObject()));
        var (cases, proven, refused, validUnproven) = (0, 0, 0, 0);
        foreach (var (schema, index) in schemas.Select((s, i) => (s, i)))
        {
            var checker = await SchemaChecker.CompileAsync(schema);
            var random = new Random(index);
            for (var round = 0; round < 60; round++)
            {
                // When a request is generated from the schema, then mutated (a field dropped, given the wrong type, out of
                // range, null, too long, or an undocumented field added), and checked both ways
                var body = Generate(schema, schema, random, 0) as JsonObject ?? [];
                foreach (var request in new[] { body, Mutate(body, random), Mutate(Mutate(body, random), random) })
                {
                    cases++;
                    var expected = checker.Check(OpJson.ToCompactText(request)).FirstOrDefault(v => v.Severity == Severity.Error);
                    var found = checker.FirstError(request);

                    // Then the first error is NJsonSchema's, on every case (none when the compiled check proves the body valid)
                    found.ShouldBe(expected, $"schema {index}: {OpJson.ToCompactText(request)}");
                    var certain = RequestShape.Compile(schema).Valid(request);
                    proven += certain ? 1 : 0;
                    refused += expected is null ? 0 : 1;
                    validUnproven += expected is null && !certain ? 1 : 0;
                }
            }
        }

        // And the cases cover both outcomes, and most valid bodies are proven without NJsonSchema
        cases.ShouldBeGreaterThan(5_000);
        refused.ShouldBeGreaterThan(cases / 10);
        proven.ShouldBeGreaterThan(cases / 4);
        validUnproven.ShouldBeLessThan(proven);
    }

    [Theory]
    [InlineData("""{"pageNo":1}""", true)]
    [InlineData("""{"pageNo":null,"status":2,"kind":"image"}""", true)]
    [InlineData("""{"pageNo":0}""", false)]
    [InlineData("""{"pageNo":"1"}""", false)]
    [InlineData("""{"status":1}""", false)]
    [InlineData("""{"pageNo":1,"status":3}""", false)]
    [InlineData("""{"pageNo":1.0}""", false)]
    [InlineData("""{"pageNo":1,"extra":{"a":[1]}}""", true)]
    public void Valid_ARequest_ProvenOnlyWhenCertain(string body, bool valid)
    {
        // Given a paging schema with an enum
        var shape = RequestShape.Compile(JsonNode.Parse(Made[0])!.AsObject());

        // When a body is checked, then only a body that certainly passes is proven (1.0 for an integer is left to NJsonSchema)
        shape.Valid(JsonNode.Parse(body)).ShouldBe(valid);
    }

    [Fact]
    public void Valid_AKeywordItDoesNotKnow_LeavesTheValueToNJsonSchema()
    {
        // Given a schema with a pattern on one field
        var shape = RequestShape.Compile(JsonNode.Parse(Made[2])!.AsObject());

        // When bodies with and without that field are checked
        // Then the field's value is never proven; a body without it is
        shape.Valid(JsonNode.Parse("""{"createTime":"2026-12-07 10:00:00"}""")).ShouldBeFalse();
        shape.Valid(JsonNode.Parse("""{"n":5}""")).ShouldBeTrue();
    }

    private static JsonNode? Generate(JsonObject root, JsonObject schema, Random random, int depth)
    {
        if (schema["$ref"] is JsonValue reference && reference.GetValue<string>().StartsWith("#/definitions/", StringComparison.Ordinal))
        {
            schema = root["definitions"]![reference.GetValue<string>()["#/definitions/".Length..]]!.AsObject();
        }

        if (schema["anyOf"] is JsonArray branches)
        {
            return Generate(root, branches[random.Next(branches.Count)]!.AsObject(), random, depth + 1);
        }

        if (schema["enum"] is JsonArray options && random.Next(4) > 0)
        {
            return options[random.Next(options.Count)]?.DeepClone();
        }

        var types = schema["type"] switch
        {
            JsonValue one => [one.GetValue<string>()],
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToArray(),
            _ => new[] { "object", "string", "integer" },
        };
        var type = types[random.Next(types.Length)];
        if (type == "null" && random.Next(3) > 0 && types.Length > 1)
        {
            type = types.First(t => t != "null");
        }

        return type switch
        {
            "object" when depth < 4 => Object(root, schema, random, depth),
            "array" when depth < 4 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => schema["items"] is JsonObject item ? Generate(root, item, random, depth + 1) : JsonValue.Create(1))]),
            "string" => JsonValue.Create(Texts[random.Next(Texts.Length)]),
            "integer" => JsonNode.Parse(Numbers[random.Next(Numbers.Length / 2)]),
            "number" => JsonNode.Parse(Numbers[random.Next(Numbers.Length)]),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            _ => null,
        };
    }

    private static JsonObject Object(JsonObject root, JsonObject schema, Random random, int depth)
    {
        var required = schema["required"] is JsonArray names ? names.Select(n => n!.GetValue<string>()).ToHashSet() : [];
        var obj = new JsonObject();
        foreach (var (name, field) in schema["properties"] as JsonObject ?? [])
        {
            if (required.Contains(name) || random.Next(5) > 0)
            {
                obj[name] = field is JsonObject fieldSchema ? Generate(root, fieldSchema, random, depth + 1) : null;
            }
        }

        return obj;
    }

    private static JsonObject Mutate(JsonObject body, Random random)
    {
        var copy = body.DeepClone().AsObject();
        var names = copy.Select(p => p.Key).ToList();
        var name = names.Count > 0 ? names[random.Next(names.Count)] : "userId";
        switch (random.Next(6))
        {
            case 0:
                copy.Remove(name);
                break;
            case 1:
                copy[name] = random.Next(2) == 0 ? JsonValue.Create(Texts[random.Next(Texts.Length)]) : JsonNode.Parse(Numbers[random.Next(Numbers.Length)]);
                break;
            case 2:
                copy[name] = null;
                break;
            case 3:
                copy["undocumented" + random.Next(3)] = random.Next(2) == 0 ? JsonValue.Create("x") : new JsonObject { ["a"] = 1 };
                break;
            case 4:
                copy[name] = random.Next(2) == 0 ? new JsonArray(JsonValue.Create("a"), JsonNode.Parse("1.5")) : new JsonObject();
                break;
            default:
                copy[name] = JsonValue.Create(random.Next(2) == 0);
                break;
        }

        return copy;
    }
}
