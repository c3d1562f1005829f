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
    public static Command Create(CliConsole console)
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
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(
            console, result.GetValue(docs)!, result.GetValue(overrides), result.GetValue(target), (result.GetValue(port), result.GetValue(consolePort)), result.GetValue(host)!,
            result.GetValue(record), result.GetValue(strict), result.GetValue(timeout)!, cancel)));
        return command;
    }

    private static async Task<int> RunAsync(
        CliConsole console, string docs, string? overrides, string? target, (int Proxy, int Console) ports, string host, string? record, bool strict, string timeout, CancellationToken cancel)
    {
        var port = ports.Proxy;
        if (ports.Console is < 0 or > 65535 || (ports.Console != 0 && ports.Console == port))
        {
            throw new OpMockException($"--console-port: expected 0-65535 and not the proxy's own port, found {ports.Console}");
        }

        var targetUrl = target is null ? throw new OpMockException("--target is required: the server to forward to (http://HOST:8080)")
            : Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OpMockException($"--target: expected an http(s) URL such as http://127.0.0.1:8080, found `{target}`");
        if (port is < 0 or > 65535)
        {
            throw new OpMockException($"--port: expected 0-65535, found {port}");
        }

        var address = System.Net.IPAddress.TryParse(host, out var parsed)
            ? parsed
            : throw new OpMockException($"--host: expected an IP address such as 127.0.0.1 or 0.0.0.0, found `{host}`");
        var contract = await ApiContract.LoadAsync(docs, CommonOptions.OverridesFor(docs, overrides), cancel);
        if (contract.HasErrors)
        {
            throw new InvalidInputException([.. contract.Findings.Where(f => f.Severity == Severity.Error)]);
        }

        var validator = await ContractValidator.CreateAsync(contract, strict);
        var log = new ExchangeLog(TextWriter.Synchronized(console.Out));
        var settings = new ProxySettings(targetUrl, port, record, Durations.Parse("--timeout", timeout)) { Listen = address, ConsolePort = ports.Console };

        // The console shows live traffic and bodies: guarded as the mock's admin API is (loopback, Host, Origin).
        // The proxy takes no stubs, so no stub can loop back to its port: the guard needs no ports to check against.
        var guard = new AdminGuard(new MockServerOptions(docs, null, null, Host: host), ListenAddress.Resolve(host), () => []);
        var web = new ProxyConsole(contract, validator, targetUrl, guard.Check, TimeProvider.System);
        using (var proxy = ValidationProxy.Start(validator, settings, log.WriteAsync, TimeProvider.System, web))
        {
            await console.Out.WriteLineAsync($"opmock proxy listening on {proxy.Url} → {targetUrl}" + (record is null ? "" : $", recording to {record}"));
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
