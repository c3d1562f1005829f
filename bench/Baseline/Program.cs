using Microsoft.AspNetCore.Hosting;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

// Usage: Baseline PORT ROUTE BODY_FILE MAX_REQUEST_LOG_COUNT [admin|kestrel]
// With "admin", WireMock's admin interface is on, as it is in opmock: it separates WireMock's cost from OpMock's.
// With "kestrel", no WireMock at all: bare Kestrel answers every request with BODY_FILE's bytes (no routing, no log),
// the ceiling any ASP.NET Core server on this machine can reach.
// Serves BODY_FILE's bytes for POST ROUTE until stdin closes.
var body = await File.ReadAllBytesAsync(args[2]);
var mode = args.Length > 4 ? args[4] : "static";
if (mode == "kestrel")
{
    var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateEmptyBuilder(new());
    Microsoft.AspNetCore.Hosting.WebHostBuilderKestrelExtensions.UseKestrelCore(builder.WebHost).UseUrls($"http://127.0.0.1:{args[0]}");
    var app = builder.Build();
    Microsoft.AspNetCore.Builder.RunExtensions.Run(app, context =>
    {
        context.Response.ContentType = "application/json;charset=UTF-8";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    });
    await app.StartAsync();
    Console.WriteLine("ready");
    await Console.In.ReadToEndAsync();
    await app.StopAsync();
    return;
}
using var server = WireMockServer.Start(new WireMockServerSettings
{
    Urls = [$"http://127.0.0.1:{args[0]}"],
    MaxRequestLogCount = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture),
    StartAdminInterface = mode == "admin",
});
server.Given(Request.Create().WithPath(args[1]).UsingPost())
    .RespondWith(Response.Create().WithHeader("Content-Type", "application/json;charset=UTF-8").WithBody(body));
Console.WriteLine("ready");
await Console.In.ReadToEndAsync();
