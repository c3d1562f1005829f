using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Json;

namespace OpMock.Core.Console;

/// <summary>The console API's answers: UTF-8 JSON (Chinese as text), errors in the house envelope's shape.</summary>
internal static class ConsoleJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static Task WriteAsync(HttpContext context, JsonNode body, int status = StatusCodes.Status200OK)
    {
        var bytes = Encoding.UTF8.GetBytes(OpJson.ToCompactText(body));
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    /// <summary>`{"code": status, "message": why, "data": null}`, as OpMock's other refusals read.</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, new JsonObject { ["code"] = status, ["message"] = message, ["data"] = null }, status);
}
