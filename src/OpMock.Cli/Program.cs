using OpMock.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl-C ends `serve` cleanly through the token instead of killing the process.
    e.Cancel = true;
    cancel.Cancel();
};
Console.OutputEncoding = System.Text.Encoding.UTF8;
return await OpMockCli.RunAsync(args, Console.Out, Console.Error, cancel.Token);
