using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using OpMock.Core.Validation.Har;
using OpMock.Tests.Support;
using OpMock.Tests.Validation;
using OpMock.Tests.Validation.Har;

namespace OpMock.Tests.Cli;

/// <summary>QA's evidence: no false green, and one bad entry never loses the report.</summary>
public sealed class ValidateEvidenceTests
{
    [Fact]
    public async Task Har_BodiesOmitted_ExitsTwoNamingEverySkippedEntry()
    {
        // Given a HAR exported without bodies (a common browser setting): every documented entry lacks its text
        using var temp = new TempFolder();
        var har = temp.Write("s.har", Hars.Document(
            Hars.Entry("POST", "http://h" + Shipped.Receives, 200, Hars.NotSaved(120)),
            Hars.Entry("POST", "http://h" + Shipped.ChatInfo, 200, Hars.NotSaved(300))));
        var junit = Path.Combine(temp.Path, "junit.xml");

        // When it is validated
        var result = await Run("--har", har, "--junit", junit);

        // Then the run is not green: nothing could be checked, which is a usage error naming why
        result.ExitCode.ShouldBe(2, result.Out);
        result.Error.ShouldBe($"error: nothing was checked: all 2 entries were skipped (2: {HarChecks.NotCaptured})\n");

        // And every report still names each skipped entry with its reason
        result.Out.ShouldContain($"skipped {har} entries[0]: {HarChecks.NotCaptured}\n");
        result.Out.ShouldContain($"skipped {har} entries[1]: {HarChecks.NotCaptured}\n");
        var xml = XDocument.Load(junit).Root!;
        (xml.Attribute("tests")!.Value, xml.Attribute("skipped")!.Value).ShouldBe(("2", "2"));
        xml.Descendants("skipped").Count().ShouldBe(2);
    }

    [Fact]
    public async Task Har_NoDocumentedEntry_ExitsTwo()
    {
        // Given a HAR of static files only
        using var temp = new TempFolder();
        var har = temp.Write("s.har", Hars.Document(Hars.Entry("GET", "http://h/static/app.js", 200, Hars.Text("var a;", "application/javascript"))));

        // When it is validated as JSON
        var result = await Run("--har", har, "--format", "json");

        // Then it exits 2, and the JSON report is whole, not passed, and names the skipped entry
        result.ExitCode.ShouldBe(2);
        var json = JsonNode.Parse(result.Out)!;
        ((bool)json["passed"]!).ShouldBeFalse();
        json["skippedResponses"]![0]!["reason"]!.GetValue<string>().ShouldBe(HarChecks.NotDocumented);
    }

    [Fact]
    public async Task Har_OddEntries_AreFindingsOnThoseEntriesAndEveryReportIsWritten()
    {
        // Given a HAR with an integer past 2^63, a lone surrogate, invalid UTF-8 and one clean entry
        using var temp = new TempFolder();
        var clean = await Shipped.ExampleAsync(Shipped.Receives);
        var text = Hars.Document(
            Hars.Entry("POST", "http://h" + Shipped.Receives, 200, Hars.Text("{\"code\":92233720368547758080,\"message\":\"x\",\"data\":null}")),
            Hars.Entry("POST", "http://h" + Shipped.Receives, 200, Hars.Text("LONE")),
            Hars.Entry("POST", "http://h" + Shipped.Receives, 200, Hars.Text("{\"code\":200,\"message\":\"BAD\"}")),
            Hars.Entry("POST", "http://h" + Shipped.Receives, 200, Hars.Text(clean)));
        var bytes = Encoding.UTF8.GetBytes(text.Replace("LONE", "{\\\"code\\\":200,\\\"message\\\":\\\"\\ud800\\\"}", StringComparison.Ordinal)).ToList();
        var bad = Encoding.ASCII.GetBytes("BAD");
        var at = IndexOf(bytes, bad);
        bytes[at] = 0xFF;
        var har = Path.Combine(temp.Path, "odd.har");
        await File.WriteAllBytesAsync(har, [.. bytes]);
        var junit = Path.Combine(temp.Path, "junit.xml");
        var html = Path.Combine(temp.Path, "report.html");

        // When it is validated with every report
        var result = await Run("--har", har, "--junit", junit, "--html", html);
        var json = await Run("--har", har, "--format", "json");

        // Then it is a run with violations (1), not a crash (70), each oddity a finding on its own entry
        result.ExitCode.ShouldBe(1, result.Error);
        result.Out.ShouldContain("entries[0] (HTTP 200):\n    error   code: the envelope carries error code 92233720368547758080 (x)");
        result.Out.ShouldContain("entries[1] (HTTP 200):\n    error   $: `text` holds a lone UTF-16 surrogate escape");
        result.Out.ShouldContain("entries[2] (HTTP 200):\n    error   $: the HAR entry is not valid UTF-8");
        result.Out.ShouldContain("\n4 responses checked, 3 failed, ");

        // And the JUnit, HTML and JSON reports are complete
        XDocument.Load(junit).Root!.Attribute("failures")!.Value.ShouldBe("3");
        (await File.ReadAllTextAsync(html)).ShouldContain("Failed: 3 of 4 responses break the contract.");
        json.ExitCode.ShouldBe(1);
        ((int)JsonNode.Parse(json.Out)!["checked"]!).ShouldBe(4);
    }

    [Fact]
    public async Task Files_InvalidUtf8AndNotARealDate_AreReported()
    {
        // Given a response whose bytes are not UTF-8, and one dated 2026-02-30
        using var temp = new TempFolder();
        var body = await Shipped.ExampleAsync(Shipped.Receives);
        var broken = Encoding.UTF8.GetBytes(body).Concat(new byte[] { 0x20, 0xC3, 0x28 }).ToArray();
        var latin = Path.Combine(temp.Path, "latin.json");
        await File.WriteAllBytesAsync(latin, broken);
        var dated = temp.Write("dated.json", await Shipped.DriftedAsync(Shipped.Receives, o => o["data"]!["chats"]![0]!["createTime"] = "2026-02-30 10:00:00"));

        // When they are validated in files mode
        var result = await Run("--route", Shipped.Receives, latin, dated);

        // Then the bad bytes are a finding with their offset, and the date is "not a real date", not a format error
        result.ExitCode.ShouldBe(1, result.Error);
        result.Out.ShouldContain($"error   $: the body is not valid UTF-8 (first bad byte at offset {broken.Length - 2})");
        result.Out.ShouldContain("data.chats[0].createTime: \"2026-02-30 10:00:00\" is written as yyyy-MM-dd HH:mm:ss but is not a real date");
    }

    [Fact]
    public async Task Har_Fifo_IsRefusedBeforeReading()
    {
        // Given a FIFO named x.har (nothing will ever write to it)
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempFolder();
        var fifo = Path.Combine(temp.Path, "x.har");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync();
            mkfifo.ExitCode.ShouldBe(0);
        }

        // When it is validated, as a HAR and as a response file
        var har = await Run("--har", fifo).WaitAsync(TimeSpan.FromSeconds(30));
        var files = await Run("--route", Shipped.Receives, fifo).WaitAsync(TimeSpan.FromSeconds(30));

        // Then both are refused at once with exit 2, not read forever
        (har.ExitCode, har.Error).ShouldBe((2, $"error: HAR file {fifo} is a FIFO (named pipe), not a regular file: reading it could block forever\n"));
        (files.ExitCode, files.Error).ShouldBe((2, $"error: response file {fifo} is a FIFO (named pipe), not a regular file: reading it could block forever\n"));
    }

    [Fact]
    public async Task Files_Folder_IsRefusedWithExitTwo()
    {
        // Given a folder passed as a response file
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "x.json")).FullName;

        // When it is validated
        var result = await Run("--route", Shipped.Receives, folder);

        // Then it is refused before reading
        (result.ExitCode, result.Error).ShouldBe((2, $"error: response file {folder} is a folder, not a file\n"));
    }

    private static int IndexOf(List<byte> bytes, byte[] part)
    {
        for (var i = 0; i + part.Length <= bytes.Count; i++)
        {
            if (bytes.Skip(i).Take(part.Length).SequenceEqual(part))
            {
                return i;
            }
        }

        throw new InvalidOperationException("not found");
    }

    private static Task<Support.Cli.Result> Run(params string[] args) =>
        Support.Cli.RunAsync(["validate", "--docs", TestDocs.Base, "--overrides", TestDocs.BaseOverrides, .. args]);
}
