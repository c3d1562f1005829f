using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpMock.Core.Schemas;

/// <summary>
/// Writes a HAR in which every documented entry breaks the contract (a date where the doc says an
/// integer, plus an undocumented field) and one entry in ten is skipped (an undocumented route), to show
/// that findings are streamed: memory must not grow with their number.
/// </summary>
internal static class FailingHar
{
    public static async Task WriteAsync(int entries, string docs)
    {
        var contract = await ApiContract.LoadAsync(docs, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(docs))!, "overrides.yaml"));
        var body = JsonNode.Parse(contract.Direct("/op/v2/getChatInfoByUserId")!.Endpoint.Doc.Example!.Text)!.AsObject();
        body["data"]!["createTime"] = "2016-03-08 17:32:45";
        body["data"]!["undocumented"] = 1;
        var compact = body.ToJsonString();
        var har = Path.Combine(Path.GetTempPath(), $"opmock-bench-failing-{entries}.har");
        await using (var file = File.Create(har))
        await using (var writer = new Utf8JsonWriter(file))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("log");
            writer.WriteString("version", "1.2");
            writer.WriteStartArray("entries");
            for (var i = 0; i < entries; i++)
            {
                WriteEntry(writer, i, compact);
                if (i % 1000 == 0)
                {
                    await writer.FlushAsync();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{har}: {entries} entries, {new FileInfo(har).Length / 1e6:0.0} MB"));
    }

    /// <summary>One entry as both benches write them: POST of the 2.36 route, every tenth an undocumented one.</summary>
    public static void WriteEntry(Utf8JsonWriter writer, int index, string body)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("request");
        writer.WriteString("method", "POST");
        writer.WriteString("url", index % 10 == 9 ? "http://127.0.0.1:8080/static/app.js" : "http://127.0.0.1:8080/op/v2/getChatInfoByUserId");
        writer.WriteEndObject();
        writer.WriteStartObject("response");
        writer.WriteNumber("status", 200);
        writer.WriteStartObject("content");
        writer.WriteNumber("size", body.Length);
        writer.WriteString("mimeType", "application/json");
        writer.WriteString("text", body);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
