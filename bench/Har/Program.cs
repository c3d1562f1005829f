using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpMock.Core.Schemas;
using OpMock.Core.Validation;
using OpMock.Core.Validation.Har;

// Measures the validator on a large HAR: peak memory against file size, and responses checked per second.
// Usage: dotnet run -c Release --project bench/Har -- [megabytes=100] [docs=schemas/docs]
//        dotnet run -c Release --project bench/Har -- failing ENTRIES [docs]   (writes a HAR where every entry fails; see bench/har-failing.sh)
if (args.Length > 1 && args[0] == "failing")
{
    await FailingHar.WriteAsync(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? args[2] : "schemas/docs");
    return;
}

var megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var docs = args.Length > 1 ? args[1] : "schemas/docs";
var contract = await ApiContract.LoadAsync(docs, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(docs))!, "overrides.yaml"));
var validator = await ContractValidator.CreateAsync(contract, strict: false);
var body = contract.Direct("/op/v2/getChatInfoByUserId")!.Endpoint.Doc.Example!.Text;
var compact = JsonNode.Parse(body)!.ToJsonString();
Console.WriteLine($"response body: {Encoding.UTF8.GetByteCount(compact)} bytes");

// A HAR of the requested size is written once; measuring happens in a fresh process, so the writing
// does not inflate the working set.
var har = Path.Combine(Path.GetTempPath(), $"opmock-bench-{megabytes}mb.har");
if (!File.Exists(har) || new FileInfo(har).Length < megabytes * 1_000_000L)
{
    Console.WriteLine($"writing {har}; run again to measure");
    await using var file = File.Create(har);
    await using var writer = new Utf8JsonWriter(file);
    writer.WriteStartObject();
    writer.WriteStartObject("log");
    writer.WriteString("version", "1.2");
    writer.WriteStartArray("entries");
    for (var i = 0; file.Position < megabytes * 1_000_000L; i++)
    {
        FailingHar.WriteEntry(writer, i, compact);
        await writer.FlushAsync();
    }

    writer.WriteEndArray();
    writer.WriteEndObject();
    writer.WriteEndObject();
    return;
}

// Twice: the first round includes JIT warm-up, the second is the steady state a long run sees.
var before = Process.GetCurrentProcess().WorkingSet64;
for (var round = 1; round <= 2; round++)
{
    var clock = Stopwatch.StartNew();
    var report = await HarChecks.CheckAsync(validator, [har]);
    clock.Stop();
    Console.WriteLine($"HAR round {round}: {new FileInfo(har).Length / 1e6:0.0} MB, {report.Checked.Length} checked, {report.Skipped.Length} skipped, "
        + $"{report.Errors} errors in {clock.Elapsed.TotalSeconds:0.00}s = {report.Checked.Length / clock.Elapsed.TotalSeconds:0} responses/s");
    Console.WriteLine($"  memory: working set before {before / 1e6:0} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB, "
        + $"managed heap {GC.GetTotalMemory(false) / 1e6:0} MB, live after a full GC {GC.GetTotalMemory(true) / 1e6:0} MB");
}

// Checking speed on one thread, without HAR reading, twice: the first round includes warm-up.
for (var round = 1; round <= 2; round++)
{
    var clock = Stopwatch.StartNew();
    var count = 0;
    while (clock.Elapsed < TimeSpan.FromSeconds(3))
    {
        validator.Check("/op/v2/getChatInfoByUserId", null, "bench", 200, compact);
        count++;
    }

    Console.WriteLine($"check round {round}: {count / clock.Elapsed.TotalSeconds:0} responses/s on one thread");
}

