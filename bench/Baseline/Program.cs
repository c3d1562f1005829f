using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

// Usage: OpMock.Bench --port N --path /op/v2/receives --body FILE --log-count N
// Serves FILE's bytes for POST path on 127.0.0.1:N until SIGTERM.
var options = args.Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
if (!options.TryGetValue("--port", out var port) || !options.TryGetValue("--path", out var path) || !options.TryGetValue("--body", out var bodyFile))
{
    Console.Error.WriteLine("usage: OpMock.Bench --port N --path /route --body FILE [--log-count N]");
    return 2;
}

var body = await File.ReadAllTextAsync(bodyFile);
using var server = WireMockServer.Start(new WireMockServerSettings
{
    Urls = [$"http://127.0.0.1:{port}"],
    MaxRequestLogCount = int.Parse(options.GetValueOrDefault("--log-count", "1000")),
});
server
    .Given(Request.Create().WithPath(path).UsingPost())
    .RespondWith(Response.Create()
        .WithStatusCode(200)
        .WithHeader("Content-Type", "application/json;charset=UTF-8")
        .WithBody(body));
Console.WriteLine($"baseline ready on {server.Url}{path}");

using var stop = new CancellationTokenSource();
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stop.Cancel();
    });
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // SIGTERM from the bench script: the server stops through `using`.
}

return 0;
