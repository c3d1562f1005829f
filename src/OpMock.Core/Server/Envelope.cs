using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpMock.Core.Fixtures;
using OpMock.Core.Json;
using OpMock.Core.World;

namespace OpMock.Core.Server;

/// <summary>
/// The envelope every answer comes in, as the examples show it: code, message, data, page, foot.
/// Written in two parts: a head (everything before foot), which is the same for the same request and
/// can be cached, and the foot, whose operationTime follows the clock.
/// </summary>
internal sealed class Envelope(Foot foot, TimeProvider time)
{
    public const int SuccessCode = 200;
    public const string SuccessMessage = "成功";

    private readonly string footTail = $",\"servicePhone\":{Text(foot.ServicePhone)},\"host\":{Text(foot.Host)}}}}}";

    public byte[] Write(int code, string message, JsonNode? data) => Complete(Head(code, message, data));

    /// <summary>
    /// `{"code":…,"message":…,"data":…,"page":…,"foot":` as UTF-8; page is null unless the doc pages. Written once,
    /// straight to UTF-8 (no text in between), with the escaping <see cref="OpJson.Compact"/> gives.
    /// </summary>
    public static byte[] Head(int code, string message, JsonNode? data, JsonNode? page = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Writing))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code"u8, code);
            writer.WriteString("message"u8, message);
            writer.WritePropertyName("data"u8);
            Value(writer, data);
            writer.WritePropertyName("page"u8);
            Value(writer, page);
            // The foot follows the clock: the head ends at its name, and the writer is told not to mind.
            writer.WritePropertyName("foot"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static readonly JsonWriterOptions Writing = new() { Encoder = OpJson.Compact.Encoder, SkipValidation = true };

    private static void Value(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer, OpJson.Compact);
        }
    }

    public byte[] Complete(byte[] head)
    {
        var now = time.GetUtcNow().ToOffset(WorldOptions.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var foot = Encoding.UTF8.GetBytes($"{{\"operationTime\":\"{now}\"{footTail}");
        var body = new byte[head.Length + foot.Length];
        head.CopyTo(body, 0);
        foot.CopyTo(body, head.Length);
        return body;
    }

    public MockReply Error(ErrorReply reply, string detail, JsonObject data) =>
        new(reply.Status, Write(reply.Code, $"{reply.Message}: {detail}", data), Fault.None, TimeSpan.Zero);

    private static string Text(string text) => OpJson.ToCompactText(JsonValue.Create(text));
}
