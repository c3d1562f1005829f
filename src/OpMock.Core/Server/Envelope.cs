using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpMock.Core.Fixtures;
using OpMock.Core.Json;
using OpMock.Core.World;

namespace OpMock.Core.Server;

/// <summary>The envelope every answer comes in, as the examples show it: code, message, data, page, foot.</summary>
internal sealed class Envelope(Foot foot, TimeProvider time)
{
    public const int SuccessCode = 200;
    public const string SuccessMessage = "成功";

    public byte[] Write(int code, string message, JsonNode? data) =>
        Encoding.UTF8.GetBytes(OpJson.ToCompactText(new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["data"] = data,
            ["page"] = null,
            ["foot"] = new JsonObject
            {
                // The only part that may differ between two identical requests: it follows the clock.
                ["operationTime"] = time.GetUtcNow().ToOffset(WorldOptions.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                ["servicePhone"] = foot.ServicePhone,
                ["host"] = foot.Host,
            },
        }));

    public MockReply Error(ErrorReply reply, string detail, JsonObject data) =>
        new(reply.Status, Write(reply.Code, $"{reply.Message}: {detail}", data), Fault.None, TimeSpan.Zero);
}
