using System.Net;
using System.Net.Sockets;
using OpMock.Core.Diagnostics;

namespace OpMock.Core.Net;

/// <summary>Port questions asked of the OS before WireMock binds, for the mock server and the proxy alike.</summary>
internal static class Ports
{
    /// <summary>
    /// WireMock reports a taken port only after its start timeout; asking the OS first gives the user the
    /// reason at once.
    /// </summary>
    /// <param name="hint">What the user can do about it, appended to the message.</param>
    /// <exception cref="OpMockException">The port is taken or cannot be bound.</exception>
    public static void EnsureFree(IPAddress address, int port, string hint)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
        }
        catch (SocketException e)
        {
            throw new OpMockException($"cannot listen on {new IPEndPoint(address, port)}: {e.Message}{hint}", e);
        }
    }

    /// <summary>A port the OS says is free now; WireMock needs a number in its URL.</summary>
    public static int Free(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
