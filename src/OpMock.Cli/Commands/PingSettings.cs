using System.CommandLine;
using OpMock.Core.Diagnostics;

namespace OpMock.Cli.Commands;

/// <summary>What `opmock ping` was asked for, bound once from the command line (or OPMOCK_* variables).</summary>
internal sealed record PingSettings(string Url, string Timeout)
{
    public static PingSettings Bind(ParseResult result) => new(result.GetValue<string>("--url")!, result.GetValue<string>("--timeout")!);

    /// <summary>The address and the wait, checked (one line, exit 2).</summary>
    public (Uri Address, TimeSpan Wait) Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new OpMockException($"--url must be an absolute http(s) address: {Url}");
        }

        // One duration syntax, and one OPMOCK_TIMEOUT, for ping, validate and proxy.
        var wait = Durations.Parse("--timeout", Timeout);
        return wait > TimeSpan.FromHours(1) ? throw new OpMockException($"--timeout must be at most an hour: {Timeout}") : (address, wait);
    }
}
