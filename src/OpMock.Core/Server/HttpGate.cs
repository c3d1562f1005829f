using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpMock.Core.Fixtures;

namespace OpMock.Core.Server;

/// <summary>
/// ASP.NET Core middleware in front of WireMock: CORS on every response and preflights answered;
/// the admin API locked to loopback unless credentials are set; the swagger endpoint, which fails
/// inside WireMock with NJsonSchema 11 loaded, answered with a clear error; dropped connections; bodies
/// over the size limit refused unread; then the <see cref="FastPath"/>, and WireMock for what it hands on.
/// </summary>
internal sealed class HttpGate(Func<MockEngine> engine, bool adminCredentials, FastPath fastPath)
{
    public const string SwaggerPath = "/__admin/mappings/swagger";

    public void Install(object app) => ((IApplicationBuilder)app).Use(InvokeAsync);

    /// <summary>Whether an admin request may reach WireMock; the reason when not.</summary>
    public static string? AdminRefusal(string path, IPAddress? remote, bool credentials) =>
        !path.StartsWith("/__admin", StringComparison.OrdinalIgnoreCase) ? null
        : path.StartsWith(SwaggerPath, StringComparison.OrdinalIgnoreCase) ? "swagger"
        : credentials || remote is null || IPAddress.IsLoopback(remote) ? null
        : "remote";

    private async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var origins = engine().State.Fixtures.CorsOrigins;
        var origin = context.Request.Headers.Origin.ToString();
        var allowed = origins.Contains("*") ? "*" : origins.Contains(origin) ? origin : origins.FirstOrDefault() ?? "*";
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.AccessControlAllowOrigin = allowed;
            if (allowed != "*")
            {
                context.Response.Headers.Vary = "Origin";
            }

            return Task.CompletedTask;
        });

        if (HttpMethods.IsOptions(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            context.Response.Headers.AccessControlAllowMethods = "POST, OPTIONS";
            var asked = context.Request.Headers.AccessControlRequestHeaders.ToString();
            context.Response.Headers.AccessControlAllowHeaders = asked.Length > 0 ? asked : "Content-Type, " + MockEngine.ScenarioHeader;
            context.Response.Headers.AccessControlMaxAge = "600";
            return;
        }

        switch (AdminRefusal(context.Request.Path.Value ?? "", context.Connection.RemoteIpAddress, adminCredentials))
        {
            case "swagger":
                await WriteAsync(context, 501, "the admin swagger endpoint is not available in OpMock: WireMock.Net.Minimal builds it with an older NJsonSchema than OpMock loads; the generated schemas are in schemas/json");
                return;
            case "remote":
                await WriteAsync(context, 403, "the admin API answers loopback clients only; set admin credentials to open it to others");
                return;
        }

        if (context.Request.Path.StartsWithSegments("/__admin", StringComparison.OrdinalIgnoreCase))
        {
            await next();
            fastPath.AdminRequestDone(context.Request);
            return;
        }

        if (await BodyLimit.ExceededAsync(context.Request, context.RequestAborted))
        {
            await WriteAsync(context, engine().TooLarge(context.Request.ContentLength));
            return;
        }

        if (DropRequested(context))
        {
            // WireMock.Net has no "drop connection" fault; aborting the socket here is one.
            context.Abort();
            return;
        }

        if (!await fastPath.TryAnswerAsync(context))
        {
            await next();
        }
    }

    private bool DropRequested(HttpContext context) =>
        context.Request.Headers.TryGetValue(MockEngine.ScenarioHeader, out var name)
        && engine().State.Fixtures.Scenarios.TryGetValue(name.ToString(), out var scenario)
        && scenario.Fault == Fault.DropConnection;

    private static Task WriteAsync(HttpContext context, int status, string message)
    {
        var json = OpMock.Core.Json.OpJson.ToCompactText(new System.Text.Json.Nodes.JsonObject
        {
            ["code"] = status, ["message"] = message, ["data"] = null, ["page"] = null,
        });
        return WriteAsync(context, new MockReply(status, Encoding.UTF8.GetBytes(json), Fault.None, TimeSpan.Zero));
    }

    /// <summary>Sends a reply without WireMock: the gate's own refusals and the fast path's answers.</summary>
    public static async Task WriteAsync(HttpContext context, MockReply reply)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = MockReply.ContentType;
        context.Response.ContentLength = reply.Body.Length;
        await context.Response.Body.WriteAsync(reply.Body);
    }
}
