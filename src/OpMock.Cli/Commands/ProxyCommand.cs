using System.CommandLine;
using OpMock.Core.Diagnostics;
using OpMock.Core.Schemas;
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
        var target = new Option<string>("--target") { Description = "The server to forward to (http://HOST:8080)", Required = true };
        var port = new Option<int>("--port") { Description = "Port to listen on (0: any free port)", DefaultValueFactory = _ => 0 };
        var listen = new Option<string>("--listen") { Description = "Address to listen on (0.0.0.0 to reach it from other machines)", DefaultValueFactory = _ => "127.0.0.1" };
        var record = new Option<string?>("--record") { Description = "Save each exchange as a HAR file in this folder, for `validate --har`" };
        var strict = new Option<bool>("--strict") { Description = "Undocumented fields are errors, not warnings" };
        var timeout = new Option<string>("--timeout") { Description = "Bound on each forwarded request (30s, 500ms)", DefaultValueFactory = _ => "30s" };
        var command = new Command("proxy", "Forward requests to a server and check its responses against the contract on the way back")
        {
            docs, overrides, target, port, listen, record, strict, timeout,
        };
        command.SetAction((result, cancel) => ExitCodes.RunAsync(console, () => RunAsync(
            console, result.GetValue(docs)!, result.GetValue(overrides), result.GetValue(target)!, result.GetValue(port), result.GetValue(listen)!,
            result.GetValue(record), result.GetValue(strict), result.GetValue(timeout)!, cancel)));
        return command;
    }

    private static async Task<int> RunAsync(
        CliConsole console, string docs, string? overrides, string target, int port, string listen, string? record, bool strict, string timeout, CancellationToken cancel)
    {
        var targetUrl = Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OpMockException($"--target: expected an http(s) URL such as http://127.0.0.1:8080, found `{target}`");
        if (port is < 0 or > 65535)
        {
            throw new OpMockException($"--port: expected 0-65535, found {port}");
        }

        var address = System.Net.IPAddress.TryParse(listen, out var parsed)
            ? parsed
            : throw new OpMockException($"--listen: expected an IP address such as 127.0.0.1 or 0.0.0.0, found `{listen}`");
        var contract = await ApiContract.LoadAsync(docs, CommonOptions.OverridesFor(docs, overrides), cancel);
        if (contract.HasErrors)
        {
            throw new InvalidInputException([.. contract.Findings.Where(f => f.Severity == Severity.Error)]);
        }

        var validator = await ContractValidator.CreateAsync(contract, strict);
        var log = new ExchangeLog(TextWriter.Synchronized(console.Out));
        var settings = new ProxySettings(targetUrl, port, record, Durations.Parse("--timeout", timeout)) { Listen = address };
        using (var proxy = ValidationProxy.Start(validator, settings, log.WriteAsync, TimeProvider.System))
        {
            await console.Out.WriteLineAsync($"opmock proxy listening on {proxy.Url} → {targetUrl}" + (record is null ? "" : $", recording to {record}"));
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
