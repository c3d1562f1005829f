using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Validation;

namespace OpMock.Tests.Validation;

public sealed class SchemaCheckerTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "properties": {
            "createTime": { "type": ["string", "null"], "format": "op-datetime", "pattern": "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$" },
            "count": { "type": ["integer", "null"] },
            "user": { "anyOf": [ { "$ref": "#/definitions/User" }, { "type": "null" } ] },
            "chats": { "type": ["array", "null"], "items": { "$ref": "#/definitions/User" } }
          },
          "required": ["createTime", "count"],
          "additionalProperties": false,
          "definitions": {
            "User": {
              "type": "object",
              "properties": { "userId": { "type": "string" } },
              "required": ["userId"],
              "additionalProperties": false
            }
          }
        }
        """)!.AsObject();

    private static async Task<Violation> Single(string body) =>
        (await SchemaChecker.CompileAsync(Schema)).Check(body).ShouldHaveSingleItem();

    [Theory]
    [InlineData("2016-01-06 10:59:12")]
    [InlineData("2016-02-29 23:59:59")]
    public async Task Check_HouseDateTime_Accepted(string value)
    {
        var checker = await SchemaChecker.CompileAsync(Schema);

        checker.Check($$"""{"createTime": "{{value}}", "count": 1}""").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2024")]
    [InlineData("2016-01-06T10:59:12")]
    [InlineData("2016-01-06 10:59")]
    [InlineData("2015-02-29 10:00:00")]
    [InlineData("2016-13-01 10:00:00")]
    [InlineData("2016-01-06 24:00:00")]
    public async Task Check_NotExactlyTheHouseFormat_IsAnError(string value)
    {
        var violation = await Single($$"""{"createTime": "{{value}}", "count": 1}""");

        violation.Path.ShouldBe("createTime");
        violation.Expected.ShouldBe("text in the format yyyy-MM-dd HH:mm:ss");
        violation.Actual.ShouldBe($"\"{value}\"");
        violation.Severity.ShouldBe(Severity.Error);
    }

    [Theory]
    [InlineData("""{"createTime": null}""", "count", "present", "documented field `count` is missing")]
    [InlineData("""{"createTime": null, "count": "3"}""", "count", "integer or null", "expected integer or null, found string \"3\"")]
    [InlineData("""{"createTime": null, "count": 1, "user": {"userId": 5}}""", "user.userId", "string", "expected string, found integer 5")]
    [InlineData("""{"createTime": null, "count": 1, "user": {}}""", "user.userId", "present", "documented field `userId` is missing")]
    [InlineData("""{"createTime": null, "count": 1, "chats": [{"userId": "a"}, {"userId": null}]}""", "chats[1].userId", "string", "null where string is required")]
    public async Task Check_Drift_IsReportedAtItsPath(string body, string path, string expected, string message)
    {
        var violation = await Single(body);

        violation.Path.ShouldBe(path);
        violation.Expected.ShouldBe(expected);
        violation.Message.ShouldBe(message);
        violation.Severity.ShouldBe(Severity.Error);
    }

    [Fact]
    public async Task Check_UndocumentedField_IsAWarning()
    {
        var violation = await Single("""{"createTime": null, "count": 1, "extra": [1]}""");

        violation.Severity.ShouldBe(Severity.Warning);
        violation.Message.ShouldBe("`extra` is not documented");
    }

    [Theory]
    [InlineData("", "the body is empty")]
    [InlineData("  \n", "the body is empty")]
    [InlineData("<html><body>500 Internal Server Error</body></html>", "the body is HTML or XML, not JSON")]
    [InlineData("{\"createTime\": null, \"count\": ", "the body is not valid JSON")]
    [InlineData("{\"count\": 1, \"count\": 2, \"createTime\": null}", "the body is not valid JSON")]
    [InlineData("{} {}", "the body is not valid JSON")]
    public async Task Check_BodyThatIsNotJson_IsOneViolationAtTheRoot(string body, string message)
    {
        var violation = await Single(body);

        violation.Path.ShouldBe("$");
        violation.Message.ShouldStartWith(message);
    }

    /// <summary>Fields as the generator writes them: JSON Schema types plus the documented Java type in `x-type`.</summary>
    private static readonly JsonObject Typed = JsonNode.Parse("""
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "properties": {
            "clientType": { "type": ["integer", "null"], "x-type": "Integer" },
            "count": { "type": ["integer", "null"], "maximum": 50, "x-type": "int" },
            "createTime": { "type": ["integer", "null"], "minimum": 0, "x-type": "Long" },
            "price": { "type": ["number", "null"], "x-type": "Double" },
            "name": { "type": ["string", "null"], "x-type": "String" },
            "ids": { "type": ["array", "null"], "items": { "type": "integer" }, "x-type": "List<Long>" },
            "user": { "anyOf": [ { "$ref": "#/definitions/User" }, { "type": "null" } ], "x-type": "User" },
            "status": { "type": ["integer", "null"], "enum": [1, 2, null], "x-type": "Integer" }
          },
          "additionalProperties": false,
          "definitions": {
            "User": { "type": "object", "properties": { "serviceCount": { "type": ["integer", "null"], "x-type": "Integer" } } }
          }
        }
        """)!.AsObject();

    public static TheoryData<string, string[]> Numbers => new()
    {
        // body, every finding as "path: part of its message"
        { """{"clientType": 9223372036854775808, "name": 5}""", ["clientType: 9223372036854775808 is beyond the range of Java's int", "name: expected string or null, found integer 5"] },
        { """{"count": 2147483648}""", ["count: 2147483648 is beyond the range of Java's int", "count: expected at most 50, found integer 2147483648"] },
        { """{"count": -2147483649}""", ["count: -2147483649 is beyond the range of Java's int"] },
        { """{"count": 2147483647, "createTime": 9223372036854775807}""", ["count: expected at most 50, found integer 2147483647"] },
        { """{"createTime": 9223372036854775808}""", ["createTime: 9223372036854775808 is beyond the range of Java's long"] },
        { """{"createTime": -9223372036854775809}""", ["createTime: -9223372036854775809 is beyond the range of Java's long", "createTime: expected at least 0, found integer -9223372036854775809"] },
        { """{"createTime": 2147483648}""", [] },
        { """{"count": 1e400, "name": 5}""", ["count: 1e400 is beyond the range of Java's int", "count: expected integer or null, found number 1e400", "name: expected string or null, found integer 5"] },
        { """{"price": 1e400}""", ["price: 1e400 is beyond the range of Java's double"] },
        { """{"price": -1E+400}""", ["price: -1E+400 is beyond the range of Java's double"] },
        { """{"price": 1.5e300}""", [] },
        { """{"ids": [1, 9223372036854775808]}""", ["ids[1]: 9223372036854775808 is beyond the range of Java's long"] },
        { """{"user": {"serviceCount": -2147483649}}""", ["user.serviceCount: -2147483649 is beyond the range of Java's int"] },
        { """{"status": 99999999999999999999999}""", ["status: 99999999999999999999999 is beyond the range of Java's int", "status: expected one of 1, 2, found integer 99999999999999999999999"] },
        { """{"name": 123456789012345678901234567890.5}""", ["name: expected string or null, found number 123456789012345678901234567890.5"] },
        { """{"extra": {"big": 1e400}}""", ["extra: `extra` is not documented"] },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public async Task Check_NumberPastItsType_IsAFindingNamingItAndTheRestStillChecked(string body, string[] findings)
    {
        // Given a checker for fields typed Integer, int, Long, Double, List<Long> and a nested Integer
        var checker = await SchemaChecker.CompileAsync(Typed);

        // When a body holds numbers past 64 bits, past decimal (1e400) or past the documented Java type
        var violations = checker.Check(body);

        // Then each is a finding naming the value as written, and every other finding is still there
        var found = violations.Select(v => $"{v.Path}: {v.Message}").ToList();
        found.Count.ShouldBe(findings.Length, string.Join("\n", found));
        foreach (var finding in findings)
        {
            found.ShouldContain(f => f.Contains(finding, StringComparison.Ordinal), string.Join("\n", found));
        }
    }

    [Fact]
    public async Task Check_UndocumentedObjectHoldingBigNumbers_ShowsThemAsWritten()
    {
        var violation = await Single("""{"createTime": null, "count": 1, "extra": {"a": 1e400, "b": 92233720368547758080}}""");

        violation.Actual.ShouldBe("""{"a":1e400,"b":92233720368547758080}""");
    }

    [Theory]
    [InlineData("""{"createTime":"2026-12-07 10:00:00","count":1}""")]
    [InlineData("""{"createTime":"2026-12-07T10:00:00","count":1}""")]
    [InlineData("""{"createTime":null,"count":"1"}""")]
    [InlineData("""{"count":1,"extra":true}""")]
    [InlineData("""{"createTime":"2026-12-07 10:00:00","count":1,"user":{"name":5}}""")]
    [InlineData("""[]""")]
    public async Task FirstError_DeferredAndCompiledAtOnce_SameAnswer(string body)
    {
        // Given the same schema compiled at once and deferred (NJsonSchema's part compiled on first need, as the server does)
        var compiled = await SchemaChecker.CompileAsync(Schema);
        var deferred = SchemaChecker.Deferred(Schema);

        // When both check the body, parsed and as text
        var node = JsonNode.Parse(body)!;

        // Then both find the same first error and the same violations
        deferred.FirstError(node).ShouldBe(compiled.FirstError(node));
        deferred.Check(body).ShouldBe(compiled.Check(body));
    }
}
