using Microsoft.Extensions.Time.Testing;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Validation.Har;
using OpMock.Core.Validation.Proxy;
using OpMock.Tests.Support;

namespace OpMock.Tests.Validation.Proxy;

public sealed class HarRecorderTests
{
    [Fact]
    public async Task SaveAsync_Exchanges_AreUniquelyNamedHarFilesTheHarReaderReadsBack()
    {
        // Given a recorder with a frozen clock
        using var temp = new TempFolder();
        var recorder = new HarRecorder(temp.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 30, 0, TimeSpan.Zero)));
        var body = "{\"code\":200,\"message\":\"成功\"}";

        // When two exchanges are saved
        foreach (var path in new[] { "/opapp/transfer", "/health" })
        {
            await recorder.SaveAsync(new HarRecorder.Exchange("POST", "http://127.0.0.1:8080" + path,
                [new("Content-Type", "application/json")], Encoding.UTF8.GetBytes("{\"reqUrl\":\"/op/v2/receives\"}"),
                200, [new("Content-Type", "application/json;charset=UTF-8")], Encoding.UTF8.GetBytes(body), "application/json;charset=UTF-8", 12.5), CancellationToken.None);
        }

        // Then each is its own HAR file named by the run's start and a sequence, with nothing half-written left beside them
        var names = Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order().ToList();
        names.Count.ShouldBe(2);
        names.ShouldAllBe(n => n!.StartsWith("20261122-083000-000-p", StringComparison.Ordinal) && n.EndsWith(".har", StringComparison.Ordinal));
        names[0]!.ShouldEndWith("-000001.har");
        var first = Path.Combine(temp.Path, names[0]!);
        JsonNode.Parse(await File.ReadAllTextAsync(first))!["log"]!["entries"]![0]!["startedDateTime"]!.GetValue<string>().ShouldBe("2026-11-22T08:30:00.000Z");

        // And the HAR reader gets back the request body and the response bytes, Chinese intact
        await using var stream = File.OpenRead(first);
        await foreach (var entry in HarReader.ReadAsync(stream, first))
        {
            entry.Path.ShouldBe("/opapp/transfer");
            entry.RequestText.ShouldBe("{\"reqUrl\":\"/op/v2/receives\"}");
            entry.TryReadBytes(out var read).ShouldBeTrue();
            Encoding.UTF8.GetString(read!).ShouldBe(body);
        }
    }
}
