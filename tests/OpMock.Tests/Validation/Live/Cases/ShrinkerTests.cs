using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Validation;
using OpMock.Core.Validation.Live.Cases;

namespace OpMock.Tests.Validation.Live.Cases;

public sealed class ShrinkerTests
{
    /// <summary>A server that breaks at data.x whenever the userId starts with "u1", whatever else is sent.</summary>
    private static CheckedResponse Answer(TestCase test)
    {
        var broken = JsonNode.Parse(test.Body) is JsonObject body && body["userId"]?.GetValue<string>() is { } id && id.StartsWith("u1", StringComparison.Ordinal);
        return new CheckedResponse(test.Route, null, "stub", 200, broken ? [new Violation("data.x", "integer", "\"4\"", Severity.Error, "expected integer", 0)] : []);
    }

    [Fact]
    public async Task ShrinkAsync_FailureDependsOnOneField_DropsTheRestAndHalvesItsText()
    {
        // Given a failing request with fields the failure does not depend on
        var classifier = await CaseClassifier.CreateAsync((await Shipped.ContractAsync()).Endpoints.Where(e => !e.Endpoint.IsTransfer));
        var body = """{"userId":"u1abcdefgh","extra":"zzzz","nested":{"a":[1,2,3]}}""";
        var test = new TestCase(Shipped.ChatInfo, Via.Direct, Expectation.Valid, "random valid request", body);
        var sent = new List<string>();

        // When it is shrunk
        var (smallest, result, spent) = await Shrinker.ShrinkAsync(test, Answer(test), classifier, t =>
        {
            sent.Add(t.Body);
            return Task.FromResult(Answer(t));
        }, tries: 40);

        // Then only what the failure needs is left, the failure is the same, and every try was counted
        smallest.Body.ShouldBe("""{"userId":"u1"}""");
        result.Violations.Single().Path.ShouldBe("data.x");
        spent.ShouldBe(sent.Count);
    }

    [Fact]
    public async Task ShrinkAsync_Budget_NeverSendsMoreThanTheTries()
    {
        // Given the same failing request and a budget of 3 requests
        var classifier = await CaseClassifier.CreateAsync((await Shipped.ContractAsync()).Endpoints.Where(e => !e.Endpoint.IsTransfer));
        var test = new TestCase(Shipped.ChatInfo, Via.Direct, Expectation.Valid, "x", """{"userId":"u1abcdefgh","a":"1","b":"2","c":"3","d":"4"}""");
        var sent = 0;

        // When it is shrunk
        var (_, _, spent) = await Shrinker.ShrinkAsync(test, Answer(test), classifier, t =>
        {
            sent++;
            return Task.FromResult(Answer(t));
        }, tries: 3);

        // Then at most 3 requests went out
        sent.ShouldBe(3);
        spent.ShouldBe(3);
    }
}
