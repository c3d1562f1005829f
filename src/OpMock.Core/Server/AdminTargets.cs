using System.Collections.Frozen;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace OpMock.Core.Server;

/// <summary>
/// Where a URL an admin body names (a proxy target, a webhook, an HTTP proxy) leads: this server itself (a
/// loop: one GET through such a stub once used 20,000 descriptors in 8 s), this machine, or another host.
/// The URL is read as .NET's <see cref="Uri"/> reads it, as WireMock's HTTP client will (`127.1`,
/// `2130706433`, `0x7f000001` and `[::ffff:127.0.0.1]` are all 127.0.0.1; `http://127.0.0.1:8080@evil.example`
/// is evil.example). This machine is the loopback and unspecified addresses (`0.0.0.0` reaches it too), the
/// `localhost` names, the bound address and names, its host name and the addresses of its interfaces; this
/// server is any of those at one of its ports.
/// </summary>
/// <param name="resolve">Resolves a name (DNS by default; tests give their own).</param>
internal sealed class AdminTargets(ListenAddress listen, Func<IReadOnlyCollection<int>> ports, bool allowRemote, Func<string, IPAddress[]>? resolve = null)
{
    /// <summary>How long a name may take to resolve (only with --admin-allow-proxy: a name is then checked for a loop).</summary>
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(2);

    private readonly Lazy<FrozenSet<IPAddress>> own = new(() => OwnAddresses(listen.Address));

    private readonly FrozenSet<string> localNames = listen.Names.Append(Environment.MachineName).Select(n => n.TrimEnd('.'))
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why OpMock may not send requests to <paramref name="text"/>, as the end of a sentence naming it; null when it may.</summary>
    /// <param name="proxyServer">An HTTP proxy's address, which may be `host:port` without a scheme.</param>
    public string? Problem(string text, bool proxyServer)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (trimmed.Contains("{{", StringComparison.Ordinal))
        {
            return "is a template: where it leads depends on each request, so OpMock cannot check it; name the URL itself";
        }

        if (proxyServer && !trimmed.Contains("://", StringComparison.Ordinal))
        {
            trimmed = "http://" + trimmed;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.IdnHost.Length == 0)
        {
            return "is not an absolute http or https URL";
        }

        var host = uri.IdnHost.Trim('[', ']').TrimEnd('.');
        var addresses = Addresses(host);
        if (addresses is null && !allowRemote)
        {
            return Remote;
        }

        addresses ??= (resolve ?? Resolve)(host);
        if (addresses.Any(IsOwn) && ports().Contains(uri.Port))
        {
            return $"is this server itself (port {uri.Port}): each request it sends would come back to it and be sent again, without end; point it at another server";
        }

        return allowRemote || addresses.All(IsOwn) ? null : Remote;
    }

    private static string Remote => "would make OpMock send requests to a host other than this machine; start with --admin-allow-proxy to allow it";

    /// <summary>The addresses a host stands for without asking DNS (an address, a name of this machine); null for other names.</summary>
    private IPAddress[]? Addresses(string host) =>
        IPAddress.TryParse(host, out var address) ? [address]
        : localNames.Contains(host) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ? [IPAddress.Loopback]
        : null;

    private static IPAddress[] Resolve(string host)
    {
        try
        {
            return Dns.GetHostAddressesAsync(host).WaitAsync(ResolveTimeout).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SocketException or TimeoutException or ArgumentException)
        {
            // A name that does not resolve reaches nothing, this server included.
            return [];
        }
    }

    private bool IsOwn(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any)
            || (address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] == 0)
            || own.Value.Contains(address);
    }

    private static FrozenSet<IPAddress> OwnAddresses(IPAddress bound)
    {
        IEnumerable<IPAddress> interfaces;
        try
        {
            interfaces = [.. NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address)];
        }
        catch (NetworkInformationException)
        {
            interfaces = [];
        }

        return interfaces.Append(bound).Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToFrozenSet();
    }
}
