using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

// Usage: Baseline PORT ROUTE BODY_FILE MAX_REQUEST_LOG_COUNT [admin]
// With "admin", WireMock's admin interface is on, as it is in opmock: it separates WireMock's cost from OpMock's.
// Serves BODY_FILE's bytes for POST ROUTE, with the same request-log bound as `opmock serve`, until stdin closes.
var body = await File.ReadAllBytesAsync(args[2]);
using var server = WireMockServer.Start(new WireMockServerSettings
{
    Urls = [$"http://127.0.0.1:{args[0]}"],
    MaxRequestLogCount = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture),
    StartAdminInterface = args.Length > 4 && args[4] == "admin",
});
server.Given(Request.Create().WithPath(args[1]).UsingPost())
    .RespondWith(Response.Create().WithHeader("Content-Type", "application/json;charset=UTF-8").WithBody(body));
Console.WriteLine("ready");
await Console.In.ReadToEndAsync();
