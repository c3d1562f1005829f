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
}
