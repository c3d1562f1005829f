using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Server;

/// <summary>
/// Where `--host` makes the server listen, and how to name it: a host name is resolved and the server listens
/// on that address only (not on every interface); IPv6 addresses go in brackets in URLs; a wildcard listens
/// everywhere and is named by its loopback address, which works from this machine.
/// </summary>
/// <param name="Address">What the sockets bind to.</param>
/// <param name="UrlHost">The address as a URL's host (brackets for IPv6).</param>
/// <param name="DisplayHost">The host the banner prints: one a client on this machine can use.</param>
/// <param name="Names">The Host header values that name this server (the admin API answers only those).</param>
internal sealed record ListenAddress(IPAddress Address, string UrlHost, string DisplayHost, FrozenSet<string> Names)
{
    /// <summary>A loopback URL host that reaches the server from this machine (the transfer relay uses it).</summary>
    public string LocalHost => Address.Equals(IPAddress.Any) ? "127.0.0.1" : Address.Equals(IPAddress.IPv6Any) ? "[::1]" : UrlHost;

    /// <exception cref="OpMockException">The host does not resolve.</exception>
    public static ListenAddress Resolve(string host)
    {
        var trimmed = host.Trim().Trim('[', ']');
        IPAddress address;
        string display;
        if (trimmed is "0.0.0.0" or "*" or "+")
        {
            (address, display) = (IPAddress.Any, "127.0.0.1");
        }
        else if (trimmed == "::")
        {
            (address, display) = (IPAddress.IPv6Any, "[::1]");
        }
        else if (IPAddress.TryParse(trimmed, out var literal))
        {
            (address, display) = (literal, Url(literal));
        }
        else if (string.Equals(trimmed, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            (address, display) = (IPAddress.Loopback, "localhost");
        }
        else
        {
            if (Uri.CheckHostName(trimmed) != UriHostNameType.Dns)
            {
                throw new OpMockException($"--host `{host}` is not a host name or IP address");
            }

            IPAddress[] found;
            try
            {
                found = Dns.GetHostAddresses(trimmed);
            }
            catch (SocketException e)
            {
                throw new OpMockException($"--host `{host}` does not resolve: {e.Message}; use an IP address, or 0.0.0.0 to listen everywhere", e);
            }

            address = found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? found.FirstOrDefault()
                ?? throw new OpMockException($"--host `{host}` resolves to no address");
            display = trimmed;
        }

        string[] names = ["localhost", "127.0.0.1", "::1", trimmed, address.ToString(), display.Trim('[', ']')];
        return new ListenAddress(address, Url(address), display, names.ToFrozenSet(StringComparer.OrdinalIgnoreCase));
    }

    private static string Url(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
