using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Diagnostics;
using OpMock.Core.Json;
using OpMock.Core.Validation;
using OpMock.Core.Validation.Live.Cases;
using OpMock.Tests.Support;

namespace OpMock.Tests.Validation.Live.Cases;

/// <summary>
/// Servers that break for some inputs only, each found by `validate --cases 40` at its path or status, with
/// a curl that reproduces it and a shrunk request from which no field can be removed.
/// </summary>
public sealed class CaseRunnerDriftTests
{
    private static readonly string Transfer = Shipped.TransferRoute + " → ";

    /// <summary>Each drift, and where its findings must be: the label, the JSON path, a part of the message.</summary>
    private static readonly Dictionary<string, (Drift Drift, string[] Labels, string Path, string Message)> Drifts = new()
    {
        ["a field of the wrong type for a quarter of the ids"] = (new Drift("quarter", (a, clean) =>
            a.Expect == Expectation.Valid && a.Route == Shipped.ChatInfo && Text(a.Body?["userId"]) is { } id && CaseDriftServer.Quarter(id)
                ? clean with { Body = CaseDriftServer.Edited(clean.Body, o => o["data"]!["client"]!["clientId"] = "4") }
                : null), [Shipped.ChatInfo, Transfer + Shipped.ChatInfo], "data.client.clientId", "expected integer or null, found string \"4\""),
        ["a missing required field accepted"] = (new Drift("accepts", (a, _) =>
            a.Route == Shipped.ChatInfo && a.Body is { } body && !body.ContainsKey("userId")
                ? new Answer(200, "application/json", a.Example)
                : null), [Shipped.ChatInfo, Transfer + Shipped.ChatInfo], "$", "accepted an invalid request"),
        ["a 500 HTML page for a wrong-typed id"] = (new Drift("html", (a, _) =>
            a.Body?["userId"] is JsonValue id && id.GetValueKind() == System.Text.Json.JsonValueKind.Number
                ? new Answer(500, "text/html", "<!DOCTYPE html>\n<html><body><h1>500 Internal Server Error</h1></body></html>")
                : null), [Shipped.ChatInfo, Transfer + Shipped.ChatInfo], "$", "HTTP status 500; the body is HTML"),
        ["a 500 for an absent optional field"] = (new Drift("absent", (a, _) =>
            a.Route == Shipped.Receives && a.Body is { } body && !body.ContainsKey("staffId")
                ? new Answer(500, "application/json", """{"status":500,"error":"java.lang.NullPointerException"}""")
                : null), [Shipped.Receives, Transfer + Shipped.Receives], "$", "HTTP status 500"),
        ["a transfer answer missing foot"] = (new Drift("foot", (a, clean) =>
            a.Via == Via.Transfer && a.Expect == Expectation.Valid && a.Route == Shipped.ChatInfo && Text(a.Body?["userId"]) is { } id && char.IsAsciiDigit(id[^1])
                ? clean with { Body = CaseDriftServer.Edited(clean.Body, o => o.Remove("foot")) }
                : null), [Transfer + Shipped.ChatInfo], "foot", "`foot`"),
    };

    public static TheoryData<string> DriftNames => [.. Drifts.Keys];

    [Theory]
    [MemberData(nameof(DriftNames))]
    public async Task Validate_DriftForSomeInputs_FoundAtItsPathWithACurlThatReproducesItAndAMinimalRequest(string name)
    {
        // Given a server that keeps the contract except for some inputs
        var (drift, labels, path, message) = Drifts[name];
        using var server = await CaseDriftServer.StartAsync(drift);
        var url = server.Url.ToString().TrimEnd('/');

        // When 40 cases per route run against it, directly and through the relay
        var result = await Support.Cli.RunAsync("validate", "--docs", TestDocs.Base, "--base-url", url, "--app-url", url, "--cases", "40", "--format", "json");

        // Then the run fails, and every finding is this drift, at its path, on its routes
        result.ExitCode.ShouldBe(1, result.Error);
        var responses = JsonNode.Parse(result.Out)!["responses"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var findings = responses.Where(r => r["errors"]!.GetValue<int>() > 0).ToList();
        findings.ShouldNotBeEmpty();
        foreach (var finding in findings)
        {
            Label(finding).ShouldBeOneOf(labels);
            var first = finding["violations"]!.AsArray().First(v => v!["severity"]!.GetValue<string>() == "error")!;
            first["path"]!.GetValue<string>().ShouldBe(path);
            first["message"]!.GetValue<string>().ShouldContain(message);
        }

        // And only some inputs break: the same routes also have passing cases
        responses.Count(r => labels.Contains(Label(r)) && r["errors"]!.GetValue<int>() == 0).ShouldBeGreaterThan(0);

        // And each finding's curl replays it, and its request loses the finding when any field is removed
        var classifier = await CaseClassifier.CreateAsync((await Shipped.ContractAsync()).Endpoints.Where(e => !e.Endpoint.IsTransfer));
        var validator = await Shipped.ValidatorAsync();
        foreach (var finding in findings.DistinctBy(f => f["curl"]!.GetValue<string>()))
        {
            var curl = finding["curl"]!.GetValue<string>();
            curl.ShouldStartWith("curl ");
            curl.ShouldContain("127.0.0.1");
            var (test, target) = Case(finding, classifier);
            var replayed = CaseCheck.Check(validator, test, "curl", await CurlAsync(curl));
            Signature(replayed).ShouldBe((path, Signature(finding)), curl);

            if (OpJson.TryParse(test.Body, out _, out _) is JsonObject request)
            {
                foreach (var key in request.Select(p => p.Key).ToList())
                {
                    var smaller = (JsonObject)request.DeepClone();
                    smaller.Remove(key);
                    var text = OpJson.ToCompactText(smaller);
                    var reply = await PostAsync(target, text);
                    var check = CaseCheck.Check(validator, test with { Body = text, Expect = classifier.Classify(test.Route, test.Via, text) }, "smaller", reply);
                    check.Errors.ShouldBe(0, $"{text} (without {key}) still fails: {string.Join("; ", check.Violations.Select(v => v.Message))}");
                }
            }
        }
    }

    [Fact]
    public async Task Validate_QueryGiven_CurlShowsPlaceholdersNeverTheToken()
    {
        // Given a drifted server and a query carrying a token and a sign
        using var server = await CaseDriftServer.StartAsync(Drifts["a 500 for an absent optional field"].Drift);
        var url = server.Url.ToString().TrimEnd('/');

        // When cases run with that query
        var result = await Support.Cli.RunAsync("validate", "--docs", TestDocs.Base, "--base-url", url, "--cases", "5", "--query", "token=SECRET-T0KEN&sign=SECRET-S1GN", "--format", "json");

        // Then the curls show placeholders, and the secrets appear nowhere in the report
        result.ExitCode.ShouldBe(1, result.Error);
        result.Out.ShouldNotContain("SECRET");
        var curls = JsonNode.Parse(result.Out)!["responses"]!.AsArray().Select(r => r!["curl"]?.GetValue<string>()).OfType<string>().ToList();
        curls.ShouldNotBeEmpty();
        curls.ShouldAllBe(c => c.Contains("token=" + CurlCommand.Placeholder) && c.Contains("sign=" + CurlCommand.Placeholder));
    }

    [Fact]
    public async Task Validate_TextJunitAndHtml_ShowTheCaseTheSmallestRequestAndTheReplay()
    {
        // Given a server that answers a 500 HTML page to a wrong-typed id
        using var server = await CaseDriftServer.StartAsync(Drifts["a 500 HTML page for a wrong-typed id"].Drift);
        var url = server.Url.ToString().TrimEnd('/');
        using var temp = new TempFolder();
        var junit = Path.Combine(temp.Path, "cases.xml");
        var html = Path.Combine(temp.Path, "cases.html");

        // When cases run with the text report, JUnit and HTML
        var result = await Support.Cli.RunAsync("validate", "--docs", TestDocs.Base, "--base-url", url, "--cases", "40", "--junit", junit, "--html", html);

        // Then the text report counts valid and invalid requests per route, and shows the failing case with its smallest request and replay
        result.ExitCode.ShouldBe(1, result.Error);
        result.Out.ShouldContain($"{Shipped.Receives}: 40 responses checked (4 invalid, 36 valid), all passed\n");
        result.Out.ShouldContain($"{Shipped.ChatInfo}: 40 responses checked (7 invalid, 33 valid), 1 failed (1 error, 0 warnings)\n");
        result.Out.ShouldContain("[invalid: userId wrong-typed (12345)] (HTTP 500):\n    error   $: HTTP status 500; the body is HTML or XML, not JSON\n");
        result.Out.ShouldContain("    smallest failing request: {\"userId\":12345}\n");
        result.Out.ShouldContain($"    replay: curl -sS -i -X POST '{url}{Shipped.ChatInfo}?");
        result.Out.ShouldContain("-H 'Content-Type: application/json' --data-binary '{\"userId\":12345}'\n");

        // And the JUnit failure and the HTML page carry the same replay
        (await File.ReadAllTextAsync(junit)).ShouldContain("replay: curl -sS -i -X POST");
        var page = await File.ReadAllTextAsync(html);
        page.ShouldContain("33 valid, 7 invalid requests");
        page.ShouldContain("smallest failing request <code>{&quot;userId&quot;:12345}</code>");
    }

    private static string Label(JsonObject response) =>
        response["reqUrl"]?.GetValue<string>() is { } reqUrl ? $"{response["route"]!.GetValue<string>()} → {reqUrl}" : response["route"]!.GetValue<string>();

    private static string Signature(JsonObject finding) =>
        finding["violations"]!.AsArray().First(v => v!["severity"]!.GetValue<string>() == "error")!["expected"]!.GetValue<string>();

    private static (string Path, string Expected) Signature(CheckedResponse response) =>
        response.Violations.Where(v => v.Severity == Severity.Error).Select(v => (v.Path, v.Expected)).FirstOrDefault();

    private static (TestCase Test, string Url) Case(JsonObject finding, CaseClassifier classifier)
    {
        var request = finding["request"]!;
        var body = request is JsonObject o ? OpJson.ToCompactText(o) : request.GetValue<string>();
        var transfer = finding["route"]!.GetValue<string>() == Shipped.TransferRoute;
        var route = transfer ? finding["reqUrl"]!.GetValue<string>() : finding["route"]!.GetValue<string>();
        var via = transfer ? Via.Transfer : Via.Direct;
        var test = new TestCase(route, via, classifier.Classify(route, via, body), "replayed", body);
        var source = finding["source"]!.GetValue<string>();
        return (test, source.Split(' ')[1]);
    }

    private static async Task<CaseReply> PostAsync(string url, string body)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        return new CaseReply((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs the report's curl as a user pastes it into a shell, and reads the status and body it prints (-i).</summary>
    private static async Task<CaseReply> CurlAsync(string curl)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", curl + " --max-time 10"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync());
        var split = output.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var status = int.Parse(output.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return new CaseReply(status, output[(split + 4)..]);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
