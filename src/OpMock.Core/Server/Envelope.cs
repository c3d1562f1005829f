using System.Globalization;
using System.Text;
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

    /// <summary>`{"code":…,"message":…,"data":…,"page":…,"foot":` as UTF-8; page is null unless the doc pages.</summary>
    public static byte[] Head(int code, string message, JsonNode? data, JsonNode? page = null) => Encoding.UTF8.GetBytes(
        $"{{\"code\":{code.ToString(CultureInfo.InvariantCulture)},\"message\":{Text(message)},\"data\":{OpJson.ToCompactText(data)},\"page\":{OpJson.ToCompactText(page)},\"foot\":");

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
