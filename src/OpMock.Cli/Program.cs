using System.Runtime.InteropServices;
using OpMock.Cli;

// Not disposed: a second signal (`dotnet run` forwards a TERM its child also got) can reach Stop on the runtime's
// signal thread after Main returned, and Cancel on a disposed source throws there. It holds no timer or handle.
var cancel = new CancellationTokenSource();

// Ctrl-C (SIGINT) and `docker stop` or a process manager (SIGTERM) end `serve` through the token, so the
// servers are disposed cleanly instead of the process being killed mid-response.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
Console.OutputEncoding = System.Text.Encoding.UTF8;
return await OpMockCli.RunAsync(args, Console.Out, Console.Error, cancel.Token, TimeProvider.System);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}
