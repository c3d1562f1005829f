using System.CommandLine;
using OpMock.Core.Console;
using OpMock.Core.Diagnostics;
using OpMock.Core.Schemas;
using OpMock.Core.Server;
using OpMock.Core.Validation;
using OpMock.Core.Validation.Proxy;

namespace OpMock.Cli.Commands;

/// <summary>
/// `opmock proxy`: a validating proxy in front of a real server, until Ctrl-C. Every violation is logged
/// with its route and path as traffic passes; the exit code says whether any error was seen (0 or 1).
/// </summary>
internal static class ProxyCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var docs = CommonOptions.Docs();
        var overrides = CommonOptions.Overrides();
        var target = EnvironmentOptions.Create<string?>("--target", "The server to forward to (http://HOST:8080); required", () => null);
        var port = EnvironmentOptions.Create<int>("--port", "Port to listen on (0: any free port)", () => 0);
        var host = EnvironmentOptions.Create<string>("--host", "Address to listen on (0.0.0.0 to reach it from other machines)", () => "127.0.0.1");
        var record = EnvironmentOptions.Create<string?>("--record", "Save each exchange as a HAR file in this folder, for `validate --har`", () => null);
        var strict = EnvironmentOptions.Create<bool>("--strict", "Undocumented fields are errors, not warnings", () => false);
        var timeout = EnvironmentOptions.Create<string>("--timeout", "Bound on each whole exchange with the target, headers and body (30s, 500ms)", () => "30s").Check(Durations.Problem);
        var consolePort = EnvironmentOptions.Create<int>("--console-port", "Port of the web console, never the proxy's (0: any free port; printed at start)", () => 0);
        var command = new Command("proxy", "Forward requests to a server and check its responses against the contract on the way back")
        {
            docs, overrides, target, port, host, record, strict, timeout, consolePort,
        };
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(console, ProxyCommandSettings.Bind(result), time, cancel)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, ProxyCommandSettings given, TimeProvider time, CancellationToken cancel)
    {
        var settings = given.Validate();
        var contract = await Contracts.LoadAsync(given.Docs, given.Overrides, cancel);
        var validator = await ContractValidator.CreateAsync(contract, given.Strict);
        var log = new ExchangeLog(TextWriter.Synchronized(console.Out));
        var targetUrl = settings.Target;

        // The console shows live traffic and bodies: guarded as the mock's admin API is (loopback, Host, Origin).
        // The proxy takes no stubs, so no stub can loop back to its port: the guard needs no ports to check against.
        var guard = new AdminGuard(new MockServerOptions(given.Docs, null, null, Host: given.Host), ListenAddress.Resolve(given.Host), () => []);
        var web = new ProxyConsole(contract, validator, targetUrl, guard.Check, time);
        using (var proxy = ValidationProxy.Start(validator, settings, log.WriteAsync, time, web))
        {
            await console.Out.WriteLineAsync($"opmock proxy listening on {proxy.Url} → {targetUrl}" + (given.Record is null ? "" : $", recording to {given.Record}"));
            await console.Out.WriteLineAsync($"console: {proxy.ConsoleUrl}{ConsoleEndpoint.Prefix}/ (a port of its own: pages the proxy forwards cannot read it)");
            await console.Out.FlushAsync(cancel);
            var stopped = new TaskCompletionSource();
            await using (cancel.Register(() => stopped.TrySetResult()))
            {
                await stopped.Task;
            }
        }

        await console.Out.WriteLineAsync(log.Summary());
        return log.Errors > 0 ? ExitCodes.Findings : ExitCodes.Ok;
    }

    /// <summary>One line per checked exchange, one more per violation; counts for the closing summary.</summary>
    private sealed class ExchangeLog(TextWriter output)
    {
        private int exchanges;
        private int checkedCount;
        private int errors;
        private int warnings;

        public int Errors => errors;

        public async Task WriteAsync(ProxyExchange exchange)
        {
            Interlocked.Increment(ref exchanges);
            if (exchange.RecordError is { } recordError)
            {
                await output.WriteAsync($"{exchange.Method} {exchange.PathAndQuery.Split('?')[0]}: {recordError}\n");
            }

            // Unchecked bodies and failed exchanges are said out loud: silence would read as "passed".
            if (exchange.Note is { } note)
            {
                await output.WriteAsync($"{exchange.Method} {exchange.PathAndQuery.Split('?')[0]} → {exchange.Status}: warning: {note}\n");
            }

            if (exchange.Result is not { } result)
            {
                return;
            }

            Interlocked.Increment(ref checkedCount);
            Interlocked.Add(ref errors, result.Errors);
            Interlocked.Add(ref warnings, result.Warnings);

            // The path only: queries carry tokens and signs that have no place in a log.
            var lines = new List<string>
            {
                $"{exchange.Method} {result.Label} → {exchange.Status}: " + (result.Violations.Length == 0 ? "ok" : $"{result.Errors} errors, {result.Warnings} warnings"),
            };
            lines.AddRange(result.Violations.Select(v => $"  {(v.Severity == Severity.Error ? "error  " : "warning")} {v.Path}: {v.Message}"));
            await output.WriteAsync(string.Join('\n', lines) + "\n");
        }

        public string Summary() =>
            $"{exchanges} requests forwarded, {checkedCount} checked, {errors} errors, {warnings} warnings";
    }
}
