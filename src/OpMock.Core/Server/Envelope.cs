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
/// can be cached, and the foot, whose operationTime follows the clock. The one factory of OpMock's answers: the
/// engine's, and those of every stage before it (the gate's refusals, the own endpoints' errors).
/// </summary>
/// <param name="errors">The fixtures' error replies (codes, messages); the defaults when none is given.</param>
internal sealed class Envelope(Foot foot, TimeProvider time, ErrorReplies? errors = null)
{
    public const int SuccessCode = 200;
    public const string SuccessMessage = "成功";

    /// <summary>`"operationTime":"yyyy-MM-dd HH:mm:ss"` is 19 bytes of time.</summary>
    private const int TimeLength = 19;

    private static readonly byte[] FootStart = "{\"operationTime\":\""u8.ToArray();

    // Everything of the foot after its time, as UTF-8 once: per request only the time is written.
    private readonly byte[] footEnd = Encoding.UTF8.GetBytes($"\",\"servicePhone\":{Text(foot.ServicePhone)},\"host\":{Text(foot.Host)}}}}}");

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

    /// <summary>The head and the foot with the clock's time (China's), in one array: the time is formatted straight into it.</summary>
    public byte[] Complete(byte[] head)
    {
        var body = new byte[head.Length + FootStart.Length + TimeLength + footEnd.Length];
        head.CopyTo(body, 0);
        FootStart.CopyTo(body, head.Length);
        var at = head.Length + FootStart.Length;
        var now = time.GetUtcNow().ToOffset(WorldOptions.ChinaOffset);
        if (!now.TryFormat(body.AsSpan(at, TimeLength), out var written, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) || written != TimeLength)
        {
            throw new InvalidOperationException($"the clock's time {now:O} is not a four-digit year's");
        }

        footEnd.CopyTo(body, at + TimeLength);
        return body;
    }

    public MockReply Error(ErrorReply reply, string detail, JsonObject data) =>
        new(reply.Status, Write(reply.Code, $"{reply.Message}: {detail}", data), Fault.None, TimeSpan.Zero);

    /// <summary>A reply outside the documented errors (the HTTP gate's refusals, the own endpoints'), its code the status.</summary>
    public MockReply Plain(int status, string message, JsonObject? data) => new(status, Write(status, message, data), Fault.None, TimeSpan.Zero);

    /// <summary>The answer to a body over <see cref="RequestBody.MaxBytes"/>, which the HTTP gate refuses unread.</summary>
    public MockReply TooLarge(long? length) => Error(Errors.Validation,
        $"the body is larger than {RequestBody.MaxText}{(length is { } n ? $" ({n} bytes)" : "")}; OP requests are a few hundred bytes",
        Field("$", $"at most {RequestBody.MaxBytes} bytes", length is { } bytes ? $"{bytes} bytes" : $"more than {RequestBody.MaxBytes} bytes"));

    /// <summary>The answer to a write (or sessions admin call) while the shared state store cannot be reached: 503 naming the store.</summary>
    public MockReply StateUnavailable(World.State.StateUnavailableException lost, string? session)
    {
        var data = new JsonObject { ["store"] = lost.Store };
        if (session is not null)
        {
            data["session"] = session;
        }

        return Error(Errors.StateUnavailable, lost.Message, data);
    }

    /// <summary>The `data` of a validation error: which field, what was expected, what came.</summary>
    public static JsonObject Field(string path, string expected, string actual) =>
        new() { ["field"] = path, ["expected"] = expected, ["actual"] = actual };

    private ErrorReplies Errors => errors ?? ErrorReplies.Default;

    private static string Text(string text) => OpJson.ToCompactText(JsonValue.Create(text));
}
