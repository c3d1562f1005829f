using System.Text.Json.Nodes;
using System.Xml.Linq;
using OpMock.Tests.Support;
using OpMock.Tests.Validation;
using OpMock.Tests.Validation.Har;

namespace OpMock.Tests.Cli;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Files_DocExamples_ExitZero()
    {
        // Given the docs' own example responses saved to files
        using var temp = new TempFolder();
        var receives = temp.Write("receives.json", await Shipped.ExampleAsync(Shipped.Receives));
        var chatInfo = temp.Write("chat.json", await Shipped.ExampleAsync(Shipped.ChatInfo));

        // When they are validated, directly and as a transfer, strictly
        var direct = await Run("--route", Shipped.Receives, receives, "--strict");
        var transfer = await Run("--route", "/opapp/transfer", "--req-url", Shipped.ChatInfo, chatInfo, "--strict");

        // Then both pass
        direct.ExitCode.ShouldBe(0, direct.Out + direct.Error);
        direct.Out.ShouldEndWith("1 response checked, 0 failed, 0 errors, 0 warnings, 0 skipped\n");
        transfer.ExitCode.ShouldBe(0, transfer.Out + transfer.Error);
        transfer.Out.ShouldStartWith("/opapp/transfer → /op/v2/getChatInfoByUserId: 1 response checked, all passed");
    }

    [Fact]
    public async Task Files_Drifted_ReportsGroupedByRouteAndExitsOne()
    {
        // Given a drifted response, an HTML page and a clean one
        using var temp = new TempFolder();
        temp.Write("ok.json", await Shipped.ExampleAsync(Shipped.Receives));
        temp.Write("drifted.json", await Shipped.DriftedAsync(Shipped.Receives, o =>
        {
            o["data"]!["isOnline"] = "yes";
            o["data"]!["chats"]![2]!["createTime"] = "2024";
            o["data"]!["chats"]![0]!["vip"] = 1;
            o["foot"]!.AsObject().Remove("host");
        }));
        temp.Write("error.html", "<!DOCTYPE html>\n<html><body>Whitelabel Error Page</body></html>");

        // When they are validated, from inside the folder so the report names them as typed
        var result = await Run("--route", Shipped.Receives, Path.Combine(temp.Path, "ok.json"), Path.Combine(temp.Path, "drifted.json"), Path.Combine(temp.Path, "error.html"));

        // Then the text report matches the golden one and the run fails
        result.ExitCode.ShouldBe(1);
        Golden.Match("validate/files-drifted.txt", result.Out.Replace(temp.Path, "<tmp>"));
    }

    [Fact]
    public async Task Files_DriftedWithHtml_WritesTheReportAndKeepsTheExitCode()
    {
        // Given a drifted response and a clean one, and an older report where the new one goes
        using var temp = new TempFolder();
        var ok = temp.Write("ok.json", await Shipped.ExampleAsync(Shipped.Receives));
        var drifted = temp.Write("drifted.json", await Shipped.DriftedAsync(Shipped.Receives, o => o["data"]!["chats"]![1]!["createTime"] = "<script>阿洋</script>"));
        var html = temp.Write("out/report.html", "old");

        // When they are validated with and without --html
        var plain = await Run("--route", Shipped.Receives, ok, drifted);
        var withHtml = await Run("--route", Shipped.Receives, ok, drifted, "--html", html);
        var cleanHtml = Path.Combine(temp.Path, "out", "clean.html");
        var clean = await Run("--route", Shipped.Receives, ok, "--html", cleanHtml);

        // Then the exit codes and stdout are those of a run without it
        (withHtml.ExitCode, withHtml.Out, withHtml.Error).ShouldBe((1, plain.Out, ""));
        plain.ExitCode.ShouldBe(1);
        clean.ExitCode.ShouldBe(0, clean.Error);

        // And the report replaced the old file, names the violation and escapes the value
        var page = await File.ReadAllTextAsync(html);
        page.ShouldStartWith("<!DOCTYPE html>");
        page.ShouldContain("<code>data.chats[1].createTime</code>");
        page.ShouldContain("&lt;script&gt;阿洋&lt;/script&gt;");
        page.ShouldNotContain("<script", Case.Insensitive);
        (await File.ReadAllTextAsync(cleanHtml)).ShouldContain("<p class=\"verdict passed\">Passed: 1 response checked, none breaks the contract.</p>");
        Directory.GetFiles(Path.Combine(temp.Path, "out")).Order().ShouldBe([cleanHtml, html]);
    }

    [Fact]
    public async Task Har_BrowserSession_TextJsonAndJunitAgree()
    {
        // Given a browser HAR with documented, undocumented and broken entries
        using var temp = new TempFolder();
        var har = temp.Write("session.har", await HarChecksTests.BrowserSessionAsync());
        var junit = Path.Combine(temp.Path, "out", "junit.xml");

        // When it is validated as text with a JUnit file, and as JSON
        var text = await Run("--har", har, "--junit", junit);
        var json = await Run("--har", har, "--format", "json");

        // Then the text report matches the golden one
        text.ExitCode.ShouldBe(1, text.Error);
        Golden.Match("validate/har-session.txt", text.Out.Replace(temp.Path, "<tmp>"));

        // And the JUnit XML has one test case per checked response, failures for the broken ones
        var xml = XDocument.Load(junit).Root!;
        xml.Attribute("tests")!.Value.ShouldBe("5");
        xml.Attribute("failures")!.Value.ShouldBe("3");
        xml.Attribute("skipped")!.Value.ShouldBe("4");
        var cases = xml.Descendants("testcase").ToList();
        cases.Count.ShouldBe(5);
        cases.Count(c => c.Element("failure") is not null).ShouldBe(3);
        cases.Single(c => c.Attribute("classname")!.Value.StartsWith("/opapp/transfer", StringComparison.Ordinal))
            .Element("failure")!.Attribute("message")!.Value.ShouldContain("data.createTime");
        Directory.GetFiles(Path.GetDirectoryName(junit)!).ShouldBe([junit]);

        // And the JSON report carries the same counts
        json.ExitCode.ShouldBe(1);
        var report = JsonNode.Parse(json.Out)!;
        ((int)report["checked"]!).ShouldBe(5);
        ((int)report["failed"]!).ShouldBe(3);
        ((int)report["skipped"]!).ShouldBe(4);
        report["responses"]![1]!["violations"]![0]!["path"]!.GetValue<string>().ShouldBe("data.createTime");
    }

    [Fact]
    public async Task Har_WarningsOnly_PassUnlessStrict()
    {
        // Given a HAR whose only drift is an undocumented field
        using var temp = new TempFolder();
        var body = await Shipped.DriftedAsync(Shipped.ChatInfo, o => o["data"]!["user"]!["vipLevel"] = 3);
        var har = temp.Write("s.har", Hars.Document(Hars.Entry("POST", "http://h/op/v2/getChatInfoByUserId", 200, Hars.Text(body))));

        // When it is validated with and without --strict
        var lenient = await Run("--har", har);
        var strict = await Run("--har", har, "--strict");

        // Then the warning passes, and fails under --strict
        lenient.ExitCode.ShouldBe(0);
        lenient.Out.ShouldContain("warning data.user.vipLevel: `vipLevel` is not documented");
        strict.ExitCode.ShouldBe(1);
        strict.Out.ShouldContain("error   data.user.vipLevel");
    }

    [Fact]
    public async Task Live_CleanServer_ExitsZero()
    {
        // Given a loopback server answering with the docs' examples on every route and the relay
        using var server = await DriftedServers.StartCleanAsync();

        // When it is validated live, strictly
        var result = await Run("--base-url", server.Url!, "--app-url", server.Url!, "--query", "apiVersion=01&token=t", "--strict");

        // Then all four requests pass
        result.ExitCode.ShouldBe(0, result.Out + result.Error);
        result.Out.ShouldEndWith("4 responses checked, 0 failed, 0 errors, 0 warnings, 0 skipped\n");
    }

    [Fact]
    public async Task Live_DriftedServer_ReportsEveryDriftAndExitsOne()
    {
        // Given a loopback server that drifted from the docs
        using var server = await DriftedServers.StartDriftedAsync();
        using var temp = new TempFolder();
        var junit = Path.Combine(temp.Path, "live.xml");

        // When it is validated live with a short timeout, as JSON with a JUnit file
        var result = await Run("--base-url", server.Url!, "--app-url", server.Url!, "--timeout", DriftedServers.Timeout, "--format", "json", "--junit", junit);

        // Then every drift is in the report at its path, and the run fails
        result.ExitCode.ShouldBe(1, result.Error);
        var found = JsonNode.Parse(result.Out)!["responses"]!.AsArray().SelectMany(r => r!["violations"]!.AsArray().Select(v =>
            ((string)r["reqUrl"]! is { } reqUrl ? $"/opapp/transfer → {reqUrl}" : (string)r["route"]!, (string)v!["path"]!, (string)v["message"]!)));
        found.ShouldBe(DriftedServers.Drifts, ignoreOrder: true);
        var xml = XDocument.Load(junit).Root!;
        (xml.Attribute("tests")!.Value, xml.Attribute("failures")!.Value).ShouldBe(("4", "4"));
    }

    [Fact]
    public async Task Live_NothingListening_AFindingPerRouteAndExitTwo()
    {
        // Given a loopback port nothing listens on
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        // When it is validated live
        var result = await Run("--base-url", $"http://127.0.0.1:{port}", "--timeout", "2s");

        // Then each route is a failed check saying the request failed, not a crash; and having checked
        // nothing, the run exits 2 so a CI job cannot go green
        result.ExitCode.ShouldBe(2, result.Error);
        result.Error.ShouldBe("error: nothing could be checked: no request got a response\n");
        result.Out.ShouldContain($"POST http://127.0.0.1:{port}/op/v2/receives:\n    error   $: request failed: ");
        result.Out.ShouldEndWith("2 responses checked, 2 failed, 2 errors, 0 warnings, 0 skipped\n");
    }

    [Theory]
    [InlineData("no mode", new string[0], "error: choose one mode")]
    [InlineData("two modes", new[] { "--har", "a.har", "--base-url", "http://127.0.0.1:1" }, "error: choose one mode")]
    [InlineData("live option in HAR mode", new[] { "--har", "{file}", "--app-url", "http://127.0.0.1:1" }, "error: --app-url and --query only go with --base-url")]
    [InlineData("reqUrl in HAR mode", new[] { "--har", "{file}", "--req-url", "/op/v2/receives" }, "error: --req-url only goes with --route /opapp/transfer")]
    [InlineData("reqUrl with a direct route", new[] { "--route", "/op/v2/receives", "--req-url", "/op/v2/receives", "{file}" }, "error: --req-url only goes with --route /opapp/transfer")]
    [InlineData("unknown route", new[] { "--route", "/op/v2/nope", "{file}" }, "error: --route /op/v2/nope is not a documented route")]
    [InlineData("transfer without reqUrl", new[] { "--route", "/opapp/transfer", "{file}" }, "error: --route /opapp/transfer needs --req-url")]
    [InlineData("missing file", new[] { "--route", "/op/v2/receives", "/nonexistent/a.json" }, "error: file not found: /nonexistent/a.json")]
    [InlineData("missing HAR", new[] { "--har", "/nonexistent/s.har" }, "error: HAR file not found: /nonexistent/s.har")]
    [InlineData("not a HAR", new[] { "--har", "{file}" }, "not a HAR file")]
    [InlineData("empty HAR folder", new[] { "--har", "{folder}" }, "error: no .har files in ")]
    [InlineData("bad format", new[] { "--har", "{file}", "--format", "xml" }, "error: Argument 'xml' not recognized")]
    [InlineData("unknown option", new[] { "--route", "/op/v2/receives", "--bogus" }, "error: unknown option --bogus")]
    [InlineData("bad timeout", new[] { "--base-url", "http://127.0.0.1:1", "--timeout", "soon" }, "error: --timeout: expected a duration")]
    [InlineData("bad base URL", new[] { "--base-url", "127.0.0.1:8080" }, "error: --base-url: expected an http(s) URL")]
    [InlineData("HTML onto a folder", new[] { "--route", "/op/v2/receives", "{file}", "--html", "{folder}" }, "error: ")]
    public async Task Run_UsageOrIoError_ExitsTwoWithOneLine(string scenario, string[] args, string message)
    {
        // Given a command line that cannot run (a file that exists but is only "{}" where needed)
        using var temp = new TempFolder();
        var file = temp.Write("body.json", "{}");

        // When it runs
        var result = await Run([.. args.Select(a => a.Replace("{file}", file).Replace("{folder}", Directory.CreateDirectory(Path.Combine(temp.Path, "rec")).FullName))]);

        // Then it exits 2 with the reason and no stack trace
        result.ExitCode.ShouldBe(2, scenario);
        result.Error.ShouldContain(message, Case.Sensitive, scenario);
        result.Error.ShouldNotContain("   at ", Case.Sensitive, scenario);
    }

    private static Task<Support.Cli.Result> Run(params string[] args) =>
        Support.Cli.RunAsync(["validate", "--docs", Repo.Docs, "--overrides", Repo.Overrides, .. args]);
}
