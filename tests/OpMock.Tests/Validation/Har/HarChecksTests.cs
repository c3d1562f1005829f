using OpMock.Core.Validation.Har;
using OpMock.Tests.Support;

namespace OpMock.Tests.Validation.Har;

public sealed class HarChecksTests
{
    /// <summary>A session in the shapes browsers save: one entry per quirk, with the outcome it must have.</summary>
    internal static async Task<string> BrowserSessionAsync()
    {
        var receives = await Shipped.ExampleAsync(Shipped.Receives);
        var chatInfo = await Shipped.ExampleAsync(Shipped.ChatInfo);
        var drifted = await Shipped.DriftedAsync(Shipped.ChatInfo, o => o["data"]!["createTime"] = "2016-03-08 17:32:45");
        const string Api = "http://127.0.0.1:8080";
        return Hars.Document(
            Hars.Entry("POST", $"{Api}/op/v2/receives?apiVersion=01&token=t", 200, Hars.Text(receives)),
            Hars.Entry("OPTIONS", $"{Api}/op/v2/receives", 204, Hars.NotSaved(0)),
            Hars.Entry("POST", "http://127.0.0.1:8086/opapp/transfer", 200, Hars.Base64(drifted), """{"reqUrl":"/op/v2/getChatInfoByUserId","userId":"u1"}"""),
            Hars.Entry("GET", $"{Api}/static/app.js", 200, Hars.Text("var a;", "application/javascript")),
            Hars.Entry("POST", $"{Api}/op/v2/receives", 0, Hars.NotSaved(0)),
            Hars.Entry("POST", $"{Api}/op/v2/getChatInfoByUserId", 200, Hars.NotSaved(1234)),
            Hars.Entry("POST", $"{Api}/op/v2/getChatInfoByUserId", 500, Hars.Text("<html><body><h1>500 Internal Server Error</h1></body></html>", "text/html")),
            Hars.Entry("POST", $"{Api}/op/v2/getChatInfoByUserId", 200, Hars.NotSaved(0)),
            Hars.Entry("POST", $"{Api}/op/v2/getChatInfoByUserId/", 200, Hars.Base64(chatInfo, "application/octet-stream")));
    }

    [Fact]
    public async Task CheckAsync_BrowserShapes_ChecksDocumentedRoutesAndCountsTheRest()
    {
        // Given a browser session with every quirk browsers write
        using var temp = new TempFolder();
        var har = temp.Write("session.har", await BrowserSessionAsync());

        // When it is checked
        var report = await HarChecks.CheckAsync(await Shipped.ValidatorAsync(), [har]);

        // Then documented routes are checked, each with the outcome of its quirk
        report.Checked.Select(c => (c.Source[(har.Length + 1)..], c.Violations.Select(v => v.Path).FirstOrDefault()))
            .ShouldBe([("entries[0]", null), ("entries[2]", "data.createTime"), ("entries[6]", "$"), ("entries[7]", "$"), ("entries[8]", null)]);
        report.Checked[1].Label.ShouldBe("/opapp/transfer → /op/v2/getChatInfoByUserId");
        report.Checked[2].Violations.Single().Message.ShouldContain("HTTP status 500");
        report.Checked[3].Violations.Single().Message.ShouldBe("the body is empty");

        // And the rest are skipped with their reason
        report.Skipped.Select(s => s.Reason).ShouldBe([HarChecks.Preflight, HarChecks.NotDocumented, HarChecks.NoResponse, HarChecks.NotCaptured]);
    }

    [Fact]
    public async Task CheckAsync_Folder_ReadsEveryHarInNameOrder()
    {
        // Given a folder of one-entry HAR files, as `proxy --record` writes them
        using var temp = new TempFolder();
        var body = await Shipped.ExampleAsync(Shipped.Receives);
        temp.Write("rec/000002.har", Hars.Document(Hars.Entry("POST", "http://h/op/v2/receives", 200, Hars.Text("{}"))));
        temp.Write("rec/000001.har", Hars.Document(Hars.Entry("POST", "http://h/op/v2/receives", 200, Hars.Text(body))));

        // When the folder is checked
        var report = await HarChecks.CheckAsync(await Shipped.ValidatorAsync(), [Path.Combine(temp.Path, "rec")]);

        // Then both files are read, in name order
        report.Checked.Select(c => c.Failed).ShouldBe([false, true]);
        report.Checked[0].Source.ShouldEndWith("000001.har entries[0]");
    }

    public static TheoryData<string, string, string[]> Evidence => new()
    {
        // response.status as written, data.clientType as written, findings on the entry (path: part of the message)
        { "200", "9223372036854775808", ["data.clientType: 9223372036854775808 is beyond the range of Java's int", "data.createTime: expected"] },
        { "200", "1e400", ["data.clientType: 1e400 is beyond the range of Java's int", "data.clientType: expected integer or null, found number 1e400", "data.createTime: expected"] },
        { "999999999999999999999", "1", ["status: the HAR's response.status 999999999999999999999 is not an HTTP status", "data.createTime: expected"] },
        { "-1", "1", ["status: the HAR's response.status -1 is not an HTTP status", "data.createTime: expected"] },
        { "\"200\"", "1", ["status: the HAR's response.status \"200\" is not an HTTP status", "data.createTime: expected"] },
        { "1e400", "92233720368547758080", ["status: the HAR's response.status 1e400 is not an HTTP status", "data.clientType: 92233720368547758080 is beyond", "data.createTime: expected"] },
    };

    [Theory]
    [MemberData(nameof(Evidence))]
    public async Task CheckAsync_NumbersPast64BitsAndOddStatus_KeepEveryFinding(string status, string clientType, string[] findings)
    {
        // Given a HAR entry whose status or body holds a number .NET cannot hold, beside a plain drift (createTime as text)
        using var temp = new TempFolder();
        var body = (await Shipped.DriftedAsync(Shipped.ChatInfo, o =>
        {
            o["data"]!["clientType"] = "@big";
            o["data"]!["createTime"] = "2024";
        })).Replace("\"@big\"", clientType, StringComparison.Ordinal);
        var entry = Hars.Entry("POST", "http://h" + Shipped.ChatInfo, 200, Hars.Text(body));
        var har = temp.Write("odd.har", Hars.Document(entry).Replace("\"status\":200", $"\"status\":{status}", StringComparison.Ordinal));

        // When it is checked
        var report = await HarChecks.CheckAsync(await Shipped.ValidatorAsync(), [har]);

        // Then the entry is checked (not skipped as "status 0", not "could not be checked") and every finding is kept
        report.Skipped.ShouldBeEmpty();
        var found = report.Checked.ShouldHaveSingleItem().Violations.Select(v => $"{v.Path}: {v.Message}").ToList();
        found.Count.ShouldBe(findings.Length, string.Join("\n", found));
        foreach (var finding in findings)
        {
            found.ShouldContain(f => f.StartsWith(finding, StringComparison.Ordinal), string.Join("\n", found));
        }
    }
}
