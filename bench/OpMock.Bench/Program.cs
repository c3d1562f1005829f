using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

// Usage: OpMock.Bench --port N --path /op/v2/receives --body FILE --log-count N
// Serves FILE's bytes for POST path on 127.0.0.1:N until stdin closes or Ctrl-C.
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
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl-C or SIGTERM from the bench script: stop the server through `using`.
}

return 0;
