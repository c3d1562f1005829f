using OpMock.Core.Diagnostics;
using OpMock.Core.Validation;

namespace OpMock.Tests.Validation;

public sealed class ContractValidatorTests
{
    [Theory]
    [InlineData(Shipped.Receives)]
    [InlineData(Shipped.ChatInfo)]
    public async Task Check_DocExample_HasNoViolations(string route)
    {
        // Given the validator and the example response printed in the route's doc
        var validator = await Shipped.ValidatorAsync(strict: true);
        var body = await Shipped.ExampleAsync(route);

        // When the example is checked as a 200 response
        var result = validator.Check(route, null, "example", 200, body);

        // Then it passes, even in strict mode
        result.Violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Check_TransferOfDocExample_UsesTheReqUrlSchema()
    {
        // Given the 2.36 example, as relayed by the transfer route
        var validator = await Shipped.ValidatorAsync();
        var body = await Shipped.ExampleAsync(Shipped.ChatInfo);

        // When it is checked as a transfer to 2.36 and as a transfer to 2.19
        var right = validator.Check(Shipped.TransferRoute, Shipped.ChatInfo, "t", 200, body);
        var wrong = validator.Check(Shipped.TransferRoute, Shipped.Receives, "t", 200, body);

        // Then it passes against its own schema and fails against the other one
        right.Violations.ShouldBeEmpty();
        right.Label.ShouldBe("/opapp/transfer → /op/v2/getChatInfoByUserId");
        wrong.Errors.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Check_DriftedFields_ReportsEachAtItsPath()
    {
        // Given a 2.19 response with a wrong type, a bad date, a missing field and an extra field
        var validator = await Shipped.ValidatorAsync();
        var body = await Shipped.DriftedAsync(Shipped.Receives, o =>
        {
            o["data"]!["isOnline"] = "yes";
            o["data"]!["chats"]![2]!["createTime"] = "2024";
            o["data"]!["chats"]![1]!.AsObject().Remove("chatId");
            o["data"]!["chats"]![0]!["vip"] = true;
        });

        // When it is checked
        var result = validator.Check(Shipped.Receives, null, "drifted.json", 200, body);

        // Then every drift is reported at its JSON path, the extra field as a warning
        result.Violations.Select(v => (v.Path, v.Severity)).ShouldBe(
            [("data.isOnline", Severity.Error), ("data.chats[0].vip", Severity.Warning),
             ("data.chats[1].chatId", Severity.Error), ("data.chats[2].createTime", Severity.Error)],
            ignoreOrder: true);
    }

    [Theory]
    [InlineData("2016-01-06 10:59:12", true)]
    [InlineData("2016-02-30 10:00:00", false)]
    [InlineData("2016-01-06T10:59:12", false)]
    [InlineData("2016-1-6 10:59:12", false)]
    [InlineData("2024", false)]
    [InlineData("2016-01-06", false)]
    public async Task Check_HouseDateTime_IsCheckedExactly(string createTime, bool valid)
    {
        // Given a 2.19 response whose chat createTime (yyyy-MM-dd HH:mm:ss) has the value
        var validator = await Shipped.ValidatorAsync();
        var body = await Shipped.DriftedAsync(Shipped.Receives, o => o["data"]!["chats"]![0]!["createTime"] = createTime);

        // When it is checked
        var result = validator.Check(Shipped.Receives, null, "x", 200, body);

        // Then only a real date and time in exactly that shape passes
        result.Violations.Select(v => v.Path).ShouldBe(valid ? [] : ["data.chats[0].createTime"]);
    }

    [Theory]
    [InlineData("1442307258460", "expected integer or null, found string \"1442307258460\"")]
    [InlineData("2015-09-15 16:54:18", "expected integer or null, found string \"2015-09-15 16:54:18\"")]
    public async Task Check_EpochMillisAsText_IsAnError(string createTime, string message)
    {
        // Given a 2.36 response whose createTime (epoch millis, per overrides.yaml) came as text
        var body = await Shipped.DriftedAsync(Shipped.ChatInfo, o => o["data"]!["createTime"] = createTime);

        // When it is checked, Then the type mismatch is reported at the field
        var violation = (await Shipped.ValidatorAsync()).Check(Shipped.ChatInfo, null, "x", 200, body).Violations.ShouldHaveSingleItem();
        (violation.Path, violation.Message).ShouldBe(("data.createTime", message));
    }

    [Fact]
    public async Task Check_StrictMode_MakesUndocumentedFieldsErrors()
    {
        // Given a response whose only drift is an undocumented field
        var body = await Shipped.DriftedAsync(Shipped.ChatInfo, o => o["data"]!["extra"] = 1);

        // When it is checked with and without --strict
        var lenient = (await Shipped.ValidatorAsync()).Check(Shipped.ChatInfo, null, "x", 200, body);
        var strict = (await Shipped.ValidatorAsync(strict: true)).Check(Shipped.ChatInfo, null, "x", 200, body);

        // Then it is a warning that passes, and an error that fails
        lenient.Failed.ShouldBeFalse();
        lenient.Warnings.ShouldBe(1);
        strict.Failed.ShouldBeTrue();
        strict.Violations.Single().Path.ShouldBe("data.extra");
    }

    [Theory]
    [InlineData(200, "", "the body is empty")]
    [InlineData(200, "   \n", "the body is empty")]
    [InlineData(200, "<html><body>Bad Gateway</body></html>", "the body is HTML or XML, not JSON")]
    [InlineData(200, "{\"code\": 200, \"data\": {", "the body is not valid JSON")]
    [InlineData(200, "ok", "the body is text, not JSON")]
    [InlineData(200, "[1, 2]", "the body is a JSON array, not the response envelope")]
    [InlineData(200, "{\"error\": \"boom\"}", "the envelope is broken")]
    [InlineData(200, "{\"code\": 500, \"message\": \"系统错误\", \"data\": null}", "the envelope carries error code 500 (系统错误)")]
    [InlineData(500, "<html><h1>500 Internal Server Error</h1></html>", "HTTP status 500; the body is HTML or XML, not JSON")]
    [InlineData(404, "", "HTTP status 404; the body is empty")]
    public async Task Check_BrokenBody_GivesOneClearFinding(int status, string body, string message)
    {
        // Given a response that is not the house JSON at all
        var validator = await Shipped.ValidatorAsync();

        // When it is checked
        var result = validator.Check(Shipped.ChatInfo, null, "x", status, body);

        // Then there is exactly one error, which says what came back
        var violation = result.Violations.ShouldHaveSingleItem();
        violation.Severity.ShouldBe(Severity.Error);
        violation.Message.ShouldStartWith(message);
    }

    [Theory]
    [InlineData(null, "names no reqUrl")]
    [InlineData("/op/v2/nowhere", "reqUrl `/op/v2/nowhere` is not a documented route")]
    public async Task Check_TransferWithUnknownReqUrl_IsOneFinding(string? reqUrl, string message)
    {
        // Given a transfer response whose request named no reqUrl, or one the docs do not know
        var validator = await Shipped.ValidatorAsync();

        // When it is checked
        var result = validator.Check(Shipped.TransferRoute, reqUrl, "x", 200, await Shipped.ExampleAsync(Shipped.ChatInfo));

        // Then the one finding says which schema could not be chosen
        result.Violations.ShouldHaveSingleItem().Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("/op/v2/receives", true)]
    [InlineData("/OP/v2/Receives/", true)]
    [InlineData("/opapp/transfer", true)]
    [InlineData("/op/v2/other", false)]
    [InlineData("/", false)]
    public async Task IsDocumented_Routes_MatchesDirectAndTransfer(string route, bool documented)
    {
        // Given the shipped contract
        var validator = await Shipped.ValidatorAsync();

        // When a route is looked up, Then case and a trailing slash do not matter
        validator.IsDocumented(route).ShouldBe(documented);
    }

    [Theory]
    [InlineData("9223372036854775808", "9223372036854775808 is beyond the range of Java's int")]
    [InlineData("-99999999999999999999999999", "-99999999999999999999999999 is beyond the range of Java's int")]
    [InlineData("2147483648", "2147483648 is beyond the range of Java's int")]
    [InlineData("1e400", "1e400 is beyond the range of Java's int")]
    public async Task Check_IntegerFieldPastItsType_IsAFindingAndOtherDriftsStay(string value, string message)
    {
        // Given the 2.36 example with an Integer field (clientType) past its range, and another drift
        var validator = await Shipped.ValidatorAsync();
        var body = (await Shipped.DriftedAsync(Shipped.ChatInfo, o =>
        {
            o["data"]!["clientType"] = "@big";
            o["data"]!["createTime"] = "2024";
        })).Replace("\"@big\"", value, StringComparison.Ordinal);

        // When it is checked
        var result = validator.Check(Shipped.ChatInfo, null, "big.json", 200, body);

        // Then the value is a finding naming it, the other drift is still reported, and nothing is "could not be checked"
        result.Violations.ShouldContain(v => v.Path == "data.clientType" && v.Message.Contains(message, StringComparison.Ordinal) && v.Actual == value);
        result.Violations.ShouldContain(v => v.Path == "data.createTime");
        result.Violations.ShouldNotContain(v => v.Message.Contains("could not be checked", StringComparison.Ordinal) || v.Message.Contains("not valid JSON", StringComparison.Ordinal));
    }
}
