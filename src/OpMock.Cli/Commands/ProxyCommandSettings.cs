using System.CommandLine;
using System.Net;
using OpMock.Core.Diagnostics;
using OpMock.Core.Validation.Proxy;

namespace OpMock.Cli.Commands;

/// <summary>
/// What `opmock proxy` was asked for, bound once from the command line (or OPMOCK_* variables). (Named for the
/// command: <see cref="ProxySettings"/> is the core's, which <see cref="Validate"/> makes.)
/// </summary>
internal sealed record ProxyCommandSettings(string Docs, string? Overrides, string? Target, int Port, string Host, string? Record, bool Strict, string Timeout, int ConsolePort = 0)
{
    public static ProxyCommandSettings Bind(ParseResult result) => new(
        result.GetValue<string>("--docs")!,
        result.GetValue<string?>("--overrides"),
        result.GetValue<string?>("--target"),
        result.GetValue<int>("--port"),
        result.GetValue<string>("--host")!,
        result.GetValue<string?>("--record"),
        result.GetValue<bool>("--strict"),
        result.GetValue<string>("--timeout")!,
        result.GetValue<int>("--console-port"));

    /// <summary>The core's proxy settings, every setting checked before the docs are read (one line, exit 2).</summary>
    public ProxySettings Validate()
    {
        var target = Target is null ? throw new OpMockException("--target is required: the server to forward to (http://HOST:8080)")
            : Uri.TryCreate(Target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OpMockException($"--target: expected an http(s) URL such as http://127.0.0.1:8080, found `{Target}`");
        if (Port is < 0 or > 65535)
        {
            throw new OpMockException($"--port: expected 0-65535, found {Port}");
        }

        // The console is never on the proxy's own port: pages the proxy forwards would share its origin.
        if (ConsolePort is < 0 or > 65535 || (ConsolePort != 0 && ConsolePort == Port))
        {
            throw new OpMockException($"--console-port: expected 0-65535 and not the proxy's own port, found {ConsolePort}");
        }

        var address = IPAddress.TryParse(Host, out var parsed)
            ? parsed
            : throw new OpMockException($"--host: expected an IP address such as 127.0.0.1 or 0.0.0.0, found `{Host}`");
        return new ProxySettings(target, Port, Record, Durations.Parse("--timeout", Timeout)) { Listen = address, ConsolePort = ConsolePort };
    }
}
